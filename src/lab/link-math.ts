/** Pure arithmetic for the shaped link: BDP, queue size, HTB burst, delay split. */

/** MTU used on every lab device (TUN and veth). */
export const LAB_MTU = 1500;

/** Bandwidth-delay product in bytes. */
export function bdpBytes(rateMbps: number, rttMs: number): number {
  return Math.round((rateMbps * 1e6 * (rttMs / 1000)) / 8);
}

/**
 * Drop-tail queue size in bytes: k × BDP, but never below two full packets
 * (a bfifo smaller than one MTU would drop every full-size packet).
 */
export function queueLimitBytes(rateMbps: number, rttMs: number, queueBdp: number): number {
  return Math.max(Math.round(queueBdp * bdpBytes(rateMbps, rttMs)), 2 * LAB_MTU);
}

/**
 * HTB burst and cburst: max(2 × MTU, 1 ms worth of the rate). The tc default
 * (1600 B) cannot refill between timer ticks at tens of Mbit/s and lost ~10%
 * of throughput at 50 Mbit/s on these machines.
 */
export function htbBurstBytes(rateMbps: number): number {
  const oneMs = Math.ceil((rateMbps * 1e6) / 8 / 1000);
  return Math.max(2 * LAB_MTU, oneMs);
}

/** One-way delays in ms; by default the RTT is split evenly between directions. */
export interface OneWayDelays {
  /** client → router (ACK and request path). */
  upMs: number;
  /** router → client (data path, after the bottleneck queue). */
  downMs: number;
}

export function splitRtt(rttMs: number, upMs?: number, downMs?: number): OneWayDelays {
  if (upMs !== undefined && downMs !== undefined) return { upMs, downMs };
  if (upMs !== undefined) return { upMs, downMs: Math.max(rttMs - upMs, 0) };
  if (downMs !== undefined) return { upMs: Math.max(rttMs - downMs, 0), downMs };
  return { upMs: rttMs / 2, downMs: rttMs / 2 };
}

/** Queueing delay in ms that a full queue of `bytes` adds at `rateMbps`. */
export function queueDelayMs(bytes: number, rateMbps: number): number {
  return (bytes * 8) / (rateMbps * 1e6) * 1000;
}
