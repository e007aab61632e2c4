/**
 * Time series for the report, binned on a shared clock (seconds since the run
 * started). Pure.
 */
import type { Transfer } from './metrics.js';

/** Bytes of each transfer spread evenly over [first byte, last byte], as Mbit/s per bin. */
export function throughputSeries(transfers: readonly Transfer[], fromMs: number, toMs: number, binMs: number): number[] {
  const bins = Math.max(0, Math.ceil((toMs - fromMs) / binMs));
  const bits = new Array<number>(bins).fill(0);
  for (const transfer of transfers) {
    const start = Math.min(transfer.firstByteMs, transfer.endMs);
    const span = Math.max(transfer.endMs - start, 1e-6);
    const first = Math.max(0, Math.floor((start - fromMs) / binMs));
    const last = Math.min(bins - 1, Math.floor((transfer.endMs - fromMs) / binMs));
    for (let bin = first; bin <= last; bin++) {
      const binStart = fromMs + bin * binMs;
      const overlap = Math.min(transfer.endMs, binStart + binMs) - Math.max(start, binStart);
      // A transfer shorter than the clock's resolution lands whole in its bin.
      const share = span <= 1e-3 ? 1 : Math.max(0, overlap) / span;
      bits[bin] = (bits[bin] ?? 0) + transfer.bytes * 8 * share;
    }
  }
  return bits.map((b) => b / (binMs * 1000));
}

export interface ConnectionRecord {
  readonly socketId: number;
  readonly protocol: string;
  readonly bytes: number;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ConnectionSeries {
  readonly socketId: number;
  readonly protocol: string;
  readonly requests: number;
  readonly bytes: number;
  /** Mbit/s per bin, bytes spread over each response's [start, end]. */
  readonly mbps: readonly number[];
}

/** Server-side bytes per connection over time: shows whether one h2 connection carried everything. */
export function perConnectionSeries(records: readonly ConnectionRecord[], fromMs: number, toMs: number, binMs: number): ConnectionSeries[] {
  const bySocket = new Map<number, ConnectionRecord[]>();
  for (const record of records) {
    const list = bySocket.get(record.socketId) ?? [];
    list.push(record);
    bySocket.set(record.socketId, list);
  }
  return [...bySocket.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([socketId, list]) => ({
      socketId,
      protocol: list[0]?.protocol ?? '?',
      requests: list.length,
      bytes: list.reduce((sum, r) => sum + r.bytes, 0),
      mbps: throughputSeries(
        list.map((r) => ({ startMs: r.startMs, firstByteMs: r.startMs, endMs: r.endMs, bytes: r.bytes })),
        fromMs,
        toMs,
        binMs,
      ),
    }));
}

/** Per-second iperf3 intervals of a flow placed on the run clock: [seconds since fromMs, Mbit/s]. */
export function flowSeries(samples: readonly { endMs: number; mbps: number }[], fromMs: number, toMs: number): [number, number][] {
  return samples.filter((s) => s.endMs > fromMs && s.endMs <= toMs + 1000).map((s) => [(s.endMs - fromMs) / 1000, s.mbps]);
}
