import { describe, expect, it } from 'vitest';
import type { ProbeSizeResult } from '../runner/probe-analysis.js';
import type { LabResults, RunResult } from '../runner/results.js';
import type { SprintRunEntry } from '../runner/sprint-run-list.js';
import { MODEL_PLOT_TITLE, modelScatterData, renderModelScatter } from './model-scatter.js';

const network = { fairShareMbps: 9.6, baseRttMs: 41, loadedRttMs: 67.5, competitors: 1 };
const probe = (bytes: number, measured: number | null, predicted: number | null): ProbeSizeResult => ({
  cell: 0, bytes, periodS: 2, count: 8, measuredFraction: measured, fractions: [], meanDownloadMs: 500, predictedFraction: predicted,
  idleRestartShare: 1, meanIdleBeforeMs: 1500, protocols: ['h2'], network, modelTarget: null,
});
const entry = (reason: SprintRunEntry['reason'], predicted: number | null, measured: number | null, complete = true, forReceived: number | null = null): SprintRunEntry => ({
  startS: 100, reason, plannedBytes: predicted === null ? null : 3e7, bytes: 3e7, durationS: 30, complete,
  predictedFraction: predicted, predictedForReceived: forReceived, measuredFraction: measured, playerMeasuredFraction: null,
});
// Only the fields the plot reads.
const run = (cell: number, player: string, sprintRunList: readonly SprintRunEntry[] | undefined): RunResult =>
  ({ cell, player, ...(sprintRunList ? { sprintRunList } : {}) }) as unknown as RunResult;

function results(runs: readonly RunResult[], probes: readonly ProbeSizeResult[]): LabResults {
  return { version: 1, createdAt: '', command: '', players: [], grid: 'single', calibration: null, cells: [], runs, probe: probes, failures: [] };
}

describe('model scatter', () => {
  const data = results(
    [
      run(0, 'sprint', [entry('startup', null, 0.8), entry('model', 0.81, 0.77), entry('low-buffer', 0.7, 0.74), entry('model', 0.85, 0.5, false)]),
      run(1, 'sprint', [entry('model', 0.9, 0.95)]),
      run(0, 'dashjs', []),
      run(0, 'sequential', undefined), // results from before sprintRunList
    ],
    [probe(250_000, 0.32, 0.3), probe(2_000_000, 0.42, 0.48), probe(4_000_000, null, 0.9)],
  );

  it('takes probe sizes and every complete Sprint run with a prediction, by kind', () => {
    const { series, cutShort } = modelScatterData(data);
    expect(series.map((s) => [s.label, s.marker, s.points.map((p) => [p.x, p.y])])).toEqual([
      ['probe (size, period)', 'square', [[0.3, 0.32], [0.48, 0.42]]],
      ['Sprint run: model', 'circle', [[0.81, 0.77], [0.9, 0.95]]],
      ['Sprint run: low-buffer', 'triangle', [[0.7, 0.74]]],
    ]);
    expect(cutShort).toBe(1);
    expect(series[1]?.points[1]?.note).toBe('cell 2 sprint: run at 100.0 s (model, planned 30.0 MB, got 30.0 MB in 30.0 s): predicted 0.90 for the plan, measured 0.95');
    expect(series[0]?.points[0]?.note).toContain('cell 1 probe: 250,000 B every 2 s');
  });

  it('plots the prediction for the bytes received where runs carry it, cut-short runs included', () => {
    const withInputs = results(
      [run(0, 'sprint', [entry('continued', 0.99, 0.92, true, 0.97), entry('model', 0.85, 0.5, false, 0.6), entry('model', 0.85, 0.5, false)])],
      [],
    );
    const { series, cutShort } = modelScatterData(withInputs);
    expect(series.map((s) => [s.label, s.points.map((p) => [p.x, p.y])])).toEqual([
      ['Sprint run: continued', [[0.97, 0.92]]],
      ['Sprint run: model', [[0.6, 0.5]]],
    ]);
    expect(cutShort).toBe(1);
    expect(series[1]?.points[0]?.note).toContain('cut short): predicted 0.60, measured 0.50');
  });

  it('renders the plot with every point, the diagonal and a caption', () => {
    const html = renderModelScatter(data);
    expect(html).toContain(`<h2>${MODEL_PLOT_TITLE}</h2>`);
    expect(html.match(/class="point"/g)).toHaveLength(5);
    expect(html).toContain('class="diagonal"');
    expect(html).toContain('class="band"');
    expect(html).toContain('1 run(s) cut short');
  });

  it('is omitted when nothing has a prediction', () => {
    expect(renderModelScatter(results([run(0, 'sprint', [entry('startup', null, 0.9)]), run(0, 'dashjs', [])], [probe(1e6, 0.5, null)]))).toBe('');
    expect(renderModelScatter(results([], []))).toBe('');
  });
});
