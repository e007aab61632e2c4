/** Text tables of ceiling results: one row per measurement (diagnostic paths included), then ranges over rounds. */
import { describeClientPingpong } from '../options.js';
import { summarizeRange } from './busy-time.js';
import type { CeilingMeasurement } from './measurement.js';
import type { CeilingResult } from './probe.js';

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

function label(m: CeilingMeasurement): string {
  return `${m.kind} ${m.source}`.padEnd(30);
}

/** (a), (b) and (c) per origin, then the diagnostic paths, if any. */
export function allMeasurements(result: CeilingResult): CeilingMeasurement[] {
  return [result.bulk, ...result.byOrigin.flatMap((o) => [o.h2Pipelined, o.http1BackToBack]), ...(result.diagnostics ?? [])];
}

export function formatMeasurement(m: CeilingMeasurement): string {
  const tcp = m.tcp;
  const socket = tcp
    ? `cwnd ${tcp.meanCwnd.toFixed(0)}, rtt ${tcp.meanRttMs.toFixed(0)} ms, retrans ${(100 * tcp.retransmitRate).toFixed(2)}%, ` +
      `rwnd-lim ${pct(tcp.rwndLimitedShare)}, sndbuf-lim ${pct(tcp.sndbufLimitedShare)}, app-lim ${pct(tcp.appLimitedShare)}, ` +
      `notsent mean ${(tcp.meanNotsentBytes / 1000).toFixed(0)} kB (0 in ${pct(tcp.nothingQueuedShare)})`
    : 'no ss samples';
  return `${label(m)} ${m.fraction.toFixed(2)} (from ${m.steadyFromS} s ${m.steadyFraction.toFixed(2)})  ${m.mbps.toFixed(2)} Mbit/s, ` +
    `competitor ${m.competitorMbps.toFixed(2)}, ${m.requests} req, ${m.protocols.join('/')}; ${socket}` +
    (m.errors.length ? `; ERRORS: ${m.errors.slice(0, 3).join(' | ')}` : '');
}

export function formatRound(result: CeilingResult, round: number): string {
  const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  return [
    `round ${round}: fair share ${result.fairShareMbps.toFixed(2)} Mbit/s (goodput ${result.goodputMbps.toFixed(2)}, ` +
      `${result.competitors} competitor(s), ACK jitter ${result.jitterMs} ms` +
      describeClientPingpong(result.clientPingpongThresh) +
      `), load ${load(result.loadAverage.before)} → ${load(result.loadAverage.after)}`,
    ...allMeasurements(result).map((m) => `  ${formatMeasurement(m)}`),
  ].join('\n');
}

/** Ranges of the fraction of fair share per measurement over all rounds. */
export function formatRanges(results: readonly CeilingResult[]): string {
  const keys = new Map<string, number[]>();
  for (const result of results) {
    for (const m of allMeasurements(result)) {
      const key = label(m);
      keys.set(key, [...(keys.get(key) ?? []), m.fraction]);
    }
  }
  const lines = [`fraction of fair share over ${results.length} round(s): min–max (mean) [per round]`];
  for (const [key, values] of keys) {
    const r = summarizeRange(values);
    lines.push(`  ${key} ${r.min.toFixed(2)}–${r.max.toFixed(2)} (${r.mean.toFixed(2)}) [${r.values.map((v) => v.toFixed(2)).join(' ')}]`);
  }
  return lines.join('\n');
}
