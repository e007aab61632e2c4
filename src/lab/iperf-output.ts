/** Parsing iperf3's human-readable interval lines (`-i 1 -f k --forceflush`). */

export interface IperfInterval {
  /** Seconds since the flow started. */
  startS: number;
  endS: number;
  mbps: number;
}

const UNIT_TO_MBPS: Readonly<Record<string, number>> = { '': 1e-6, K: 1e-3, M: 1, G: 1e3 };

// [  5]   1.00-2.00   sec  2.42 MBytes  20331 Kbits/sec   (receiver lines end there)
const INTERVAL = /^\[\s*\d+\]\s+([\d.]+)-([\d.]+)\s+sec\s+[\d.]+\s+\w?Bytes\s+([\d.]+)\s+(\w?)bits\/sec(.*)$/;

/** One interval from a line, or undefined for headers and the sender/receiver summary. */
export function parseIperfInterval(line: string): IperfInterval | undefined {
  const match = INTERVAL.exec(line.trim());
  if (!match) return undefined;
  const [, start, end, value, unit, rest] = match;
  if (/sender|receiver/.test(rest ?? '')) return undefined;
  const scale = UNIT_TO_MBPS[unit ?? ''];
  if (scale === undefined) return undefined;
  return { startS: Number(start), endS: Number(end), mbps: Number(value) * scale };
}

/** Time-weighted mean rate over [fromS, toS) of the flow's own clock. */
export function meanMbps(intervals: readonly IperfInterval[], fromS = 0, toS = Infinity): number {
  let bits = 0;
  let seconds = 0;
  for (const interval of intervals) {
    const start = Math.max(interval.startS, fromS);
    const end = Math.min(interval.endS, toS);
    if (end <= start) continue;
    bits += interval.mbps * (end - start);
    seconds += end - start;
  }
  return seconds > 0 ? bits / seconds : 0;
}
