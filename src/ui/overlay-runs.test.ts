import { describe, expect, it } from 'vitest';
import type { PlayerStats, RunRecord } from '../player/types.js';
import { buildChart } from './chart.js';
import { chartRuns, fairShareOf, runsSummary } from './overlay-runs.js';

function run(partial: Partial<RunRecord>): RunRecord {
  return {
    startMs: 0, endMs: 1000, reason: 'model', plannedBytes: 3_200_000, predictedFraction: 0.9, bytes: 3_100_000,
    throughputBps: 24.8e6, measuredFraction: 0.95, maxRequestsInFlight: 2, ...partial,
  };
}

const stats = (partial: Partial<PlayerStats>): PlayerStats => ({ fairShareBps: undefined, runs: [], scheduler: 'sprint', ...partial }) as PlayerStats;

describe('stats overlay: fair share and runs', () => {
  it('draws the given fair share, else the player estimate, else none', () => {
    expect(fairShareOf(9.6e6, stats({ fairShareBps: 8e6 }))).toEqual({ bps: 9.6e6, source: 'given' });
    expect(fairShareOf(undefined, stats({ fairShareBps: 8e6 }))).toEqual({ bps: 8e6, source: 'estimate' });
    expect(fairShareOf(undefined, stats({}))).toEqual({ bps: undefined, source: 'none' });
  });

  it('summarises the last completed run, planned against measured', () => {
    const s = stats({ runs: [run({}), run({ startMs: 2000, endMs: undefined, throughputBps: undefined })] });
    expect(runsSummary(s).text).toBe('1 · last 3.2/3.1 MB · 0.90/0.95');
    expect(runsSummary(stats({ scheduler: 'sequential' })).text).toBe('none');
    expect(chartRuns(s)).toEqual([{ startMs: 0, endMs: 1000, bps: 24.8e6 }]);
  });

  it('places runs as segments on the chart and scales to them', () => {
    const g = buildChart({
      nowMs: 2000, windowMs: 2000, width: 200, height: 100, samples: [], estimate: [],
      runs: [{ startMs: 500, endMs: 1500, bps: 8e6 }],
    });
    expect(g.maxBps).toBe(1e7);
    expect(g.runs).toEqual([{ x1: 50, x2: 150, y: 20 }]);
  });
});
