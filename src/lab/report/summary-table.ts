/** The summary across players and cells, as aligned text (terminal) or Markdown (docs). Pure. */
import type { RunResult } from '../runner/results.js';

export interface SummaryColumn {
  readonly title: string;
  readonly value: (run: RunResult) => string;
}

const num = (value: number | null, digits: number): string => (value === null ? '–' : value.toFixed(digits));

export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  { title: 'rate/RTT/comp', value: (r) => `${r.rateMbps}/${r.rttMs}/${r.competitors}` },
  { title: 'player', value: (r) => r.player },
  { title: 'scheduler', value: (r) => r.scheduler },
  { title: 'fair share Mbit/s', value: (r) => num(r.fairShareMbps, 2) },
  { title: 'download fraction', value: (r) => num(r.downloadFraction, 2) },
  { title: 'competitor fraction', value: (r) => num(r.competitorFraction, 2) },
  { title: 'bitrate kbit/s', value: (r) => num(r.meanBitrateKbps, 0) },
  { title: 'rebuffer %', value: (r) => (r.rebufferRatio === null ? '–' : (100 * r.rebufferRatio).toFixed(1)) },
  // `?? null`: results.json written before QoE was recorded has no `qoe` at all.
  { title: 'QoE', value: (r) => num(r.qoe?.qoe ?? null, 1) },
  { title: 'QoE/min', value: (r) => num(r.qoe?.qoePerMinute ?? null, 1) },
  { title: 'startup ms', value: (r) => num(r.startupMs, 0) },
  { title: 'switches', value: (r) => String(r.switches) },
  { title: 'media MB', value: (r) => (r.mediaBytes / 1e6).toFixed(1) },
  { title: 'active s', value: (r) => r.activeSeconds.toFixed(1) },
  { title: 'max in flight', value: (r) => String(r.maxInFlight) },
  { title: 'conns', value: (r) => String(r.connections) },
  { title: 'predicted fraction', value: (r) => num(r.predictedFraction, 2) },
];

export function summaryRows(runs: readonly RunResult[]): string[][] {
  return runs.map((run) => SUMMARY_COLUMNS.map((column) => column.value(run)));
}

export function formatSummaryText(runs: readonly RunResult[]): string {
  const header = SUMMARY_COLUMNS.map((c) => c.title);
  const rows = summaryRows(runs);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatSummaryMarkdown(runs: readonly RunResult[]): string {
  const header = SUMMARY_COLUMNS.map((c) => c.title);
  const rows = summaryRows(runs);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < 3 ? '---' : '--:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
