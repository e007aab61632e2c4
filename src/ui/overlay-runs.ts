/**
 * What the stats overlay shows of Sprint's runs and which fair share it draws.
 * Pure, so it is unit tested without a DOM.
 */
import type { PlayerStats } from '../player/types.js';
import type { ChartRun } from './chart.js';
import { UNKNOWN } from './format.js';

export type FairShareSourceName = 'given' | 'estimate' | 'none';

/** The embedder's true fair share wins; the player's own estimate otherwise. */
export function fairShareOf(given: number | undefined, stats: PlayerStats | undefined): { bps: number | undefined; source: FairShareSourceName } {
  if (given !== undefined && Number.isFinite(given) && given > 0) return { bps: given, source: 'given' };
  const estimate = stats?.fairShareBps;
  if (estimate !== undefined && Number.isFinite(estimate) && estimate > 0) return { bps: estimate, source: 'estimate' };
  return { bps: undefined, source: 'none' };
}

/** Completed runs with a throughput, for the chart. */
export function chartRuns(stats: PlayerStats | undefined): ChartRun[] {
  const runs: ChartRun[] = [];
  for (const r of stats?.runs ?? []) {
    if (r.endMs !== undefined && r.throughputBps !== undefined) runs.push({ startMs: r.startMs, endMs: r.endMs, bps: r.throughputBps });
  }
  return runs;
}

const mb = (bytes: number | undefined): string => (bytes === undefined ? '?' : (bytes / 1e6).toFixed(1));
const fraction = (f: number | undefined): string => (f === undefined || !Number.isFinite(f) ? '?' : f.toFixed(2));

/**
 * One line: "12 · last 3.2/3.1 MB · 0.90/0.95" = completed runs, then the
 * last one's planned/received megabytes and predicted/measured fraction of
 * fair share. "none" for schedulers without runs.
 */
export function runsSummary(stats: PlayerStats | undefined): { text: string; title: string } {
  if (!stats) return { text: UNKNOWN, title: UNKNOWN };
  const done = stats.runs.filter((r) => r.endMs !== undefined);
  const last = done[done.length - 1];
  if (!last) {
    const text = stats.runs.length > 0 ? 'first run under way' : 'none';
    return { text, title: stats.runs.length > 0 ? text : `no runs (${stats.scheduler} scheduler)` };
  }
  return {
    text: `${done.length} · last ${mb(last.plannedBytes)}/${mb(last.bytes)} MB · ${fraction(last.predictedFraction)}/${fraction(last.measuredFraction)}`,
    title: `${done.length} completed runs; last run (${last.reason}): planned ${mb(last.plannedBytes)} MB, received ${mb(last.bytes)} MB; predicted fraction of fair share ${fraction(last.predictedFraction)}, measured ${fraction(last.measuredFraction)}; up to ${last.maxRequestsInFlight} requests in flight`,
  };
}
