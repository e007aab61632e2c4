import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/results.js';
import { formatSummaryMarkdown, formatSummaryText } from './summary-table.js';

const run = {
  rateMbps: 20, rttMs: 40, competitors: 1, player: 'dashjs', scheduler: 'dash.js 5.2.1', fairShareMbps: 9.62,
  downloadFraction: 0.7312, competitorFraction: 1.3, meanBitrateKbps: 3209.4, rebufferRatio: 0.0123, startupMs: 503.2,
  switches: 4, mediaBytes: 20_800_000, activeSeconds: 23.84, maxInFlight: 2, connections: 1, predictedFraction: null,
} as unknown as RunResult;

describe('summary table', () => {
  it('aligns text columns and shows missing values as a dash', () => {
    const lines = formatSummaryText([run]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]?.length).toBe(lines[2]?.length);
    expect(lines[2]).toContain('0.73');
    expect(lines[2]).toContain('1.2');
    expect(lines[2]?.trimEnd().endsWith('–')).toBe(true);
  });

  it('shows QoE and QoE per minute, a dash when the run has none', () => {
    const qoe = { qoe: 41.26, qoePerMinute: 27.51 } as RunResult['qoe'];
    const [header, , row] = formatSummaryMarkdown([{ ...run, qoe }]).split('\n');
    const column = (title: string): number => header!.split(' | ').indexOf(title);
    expect(row!.split(' | ')[column('QoE')]).toBe('41.3');
    expect(row!.split(' | ')[column('QoE/min')]).toBe('27.5');
    expect(formatSummaryMarkdown([{ ...run, qoe: null }])).toContain('| – | – |');
  });

  it('renders Markdown with one row per run', () => {
    const md = formatSummaryMarkdown([run, { ...run, player: 'shaka' }]).split('\n');
    expect(md).toHaveLength(4);
    expect(md[1]).toMatch(/^\|---\|---\|---\|--:\|/);
    expect(md[3]).toContain('| shaka |');
  });
});
