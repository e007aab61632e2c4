/**
 * The row under a pane's numbers with our player's own view: Sprint's runs
 * (what the model planned and predicted next to what the run got) and its
 * fair-share estimate. Always one line high, so panes line up.
 */
import { html } from 'lit';
import type { PlayerName } from '../compare/player-adapter.js';
import type { PlayerStats, RunRecord } from '../player/types.js';
import { formatMbits } from '../ui/format.js';

const mb = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(2)} MB`);
const frac = (f: number | undefined): string => (f === undefined || !Number.isFinite(f) ? '—' : f.toFixed(2));

function mean(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : undefined;
}

/** Completed runs only: a run under way has no throughput yet. */
export function completedRuns(runs: readonly RunRecord[]): RunRecord[] {
  return runs.filter((r) => r.endMs !== undefined);
}

export function renderRuns(player: PlayerName, stats: PlayerStats | undefined) {
  const testid = `pane-${player}-runs`;
  if (player === 'dashjs' || player === 'shaka') {
    return html`<p class="runs muted" data-testid=${testid}>No player stats: measured from the page only.</p>`;
  }
  const runs = completedRuns(stats?.runs ?? []);
  const estimate = `its fair-share estimate ${formatMbits(stats?.fairShareBps)}`;
  if (runs.length === 0) {
    return html`<p class="runs" data-testid=${testid} data-runs="0">${player === 'sprint' ? 'No completed run yet' : 'No runs (one request at a time)'} · ${estimate}</p>`;
  }
  const last = runs[runs.length - 1]!;
  return html`<p class="runs" data-testid=${testid} data-runs=${runs.length}>
    ${runs.length} run${runs.length === 1 ? '' : 's'} · last: planned ${mb(last.plannedBytes)}, got ${mb(last.bytes)}; predicted ${frac(last.predictedFraction)},
    measured ${frac(last.measuredFraction)} · mean predicted ${frac(mean(runs.map((r) => r.predictedFraction)))},
    measured ${frac(mean(runs.map((r) => r.measuredFraction)))} · ${estimate}
  </p>`;
}
