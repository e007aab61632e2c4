import { describe, expect, it } from 'vitest';
import type { CeilingMeasurement } from '../ceiling/measurement.js';
import type { CeilingSummary } from '../ceiling/summary.js';
import type { LabCalibration, LabResults, RunResult } from '../runner/results.js';
import { renderReport } from './report-html.js';

const rtt = { medianMs: 40.9, p95Ms: 41.4, maxMs: 42, samples: 20, lost: 0 };
const measurement = (kind: CeilingMeasurement['kind'], fraction: number): CeilingMeasurement => ({
  kind, source: kind === 'bulk' ? 'iperf3' : 'node', protocols: [kind === 'http1-back-to-back' ? 'http/1.1' : kind === 'bulk' ? 'tcp' : 'h2'],
  inFlight: 2, bytes: 3e7, busyMs: 25_000, mbps: fraction * 9.6, fraction, steadyFraction: fraction + 0.01, steadyFromS: 5, requests: 30,
  competitorMbps: 10, tcp: undefined, errors: [], requestTimes: [],
});
const ceiling: CeilingSummary = {
  origin: 'node', durationS: 25, inFlight: 2, bulk: 0.97, h2Pipelined: 0.93, http1BackToBack: 0.88,
  steady: { bulk: 0.98, h2Pipelined: 0.94, http1BackToBack: 0.89 }, steadyFromS: 5, jitterMs: 1,
  measurements: [measurement('bulk', 0.97), measurement('h2-pipelined', 0.93), measurement('http1-back-to-back', 0.88)],
};
const calibration = {
  ceiling,
  idleRtt: rtt, loadedRtt: { ...rtt, medianMs: 67.5 }, fullQueueRttMs: 80, peakRttMs: 81, queueDelayP95Ms: 38, queueDelayMaxMs: 39,
  queueEstimateBytes: 98_000, goodputMbps: 19.2, competitors: 1, fairShareMbps: 9.6, warnings: ['something <odd>'],
} as unknown as LabCalibration;
const config = { rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1 } as const;

const run = {
  ...config, cell: 0, player: 'sprint', scheduler: 'sprint', abr: 'dynamic', abrApplied: 'dynamic', durationS: 10, fairShareMbps: 9.6,
  downloadFraction: 0.9, competitorFraction: 1.1, meanBitrateKbps: 4000, rebufferRatio: 0, stalls: 0, startupMs: 500, switches: 1,
  qoe: {
    segments: 4, mediaS: 8, startupDelayS: 0.5, rebufferCount: 0, rebufferS: 0, rebufferRatio: 0, switches: 1, meanAbsSwitchMbps: 0.67,
    meanBitrateMbps: 3.5, qoe: 12, qoePerMinute: 90,
  },
  mediaBytes: 5e6, serverMediaBytes: 5e6, activeSeconds: 5, linkShareOverall: 0.4, mediaRequests: 10, maxInFlight: 3, connections: 1,
  protocols: ['h2'], competitorMbps: [10.5], playedS: 9, finalPositionS: 9.5, droppedFrames: 0, totalFrames: 240,
  predictedFraction: 0.8, sprintMeasuredFraction: 0.85, sprintRuns: 2, sprintRunList: [], fairShareEstimateMbps: 9, errors: [], rawFile: 'cell-0/sprint.json',
  series: {
    binS: 0.5, throughputMbps: [1, 5, 9, 9], competitorMbps: [[[1, 12], [2, 10]]], bufferS: [[0, 0], [5, 8]], playedKbps: [[1, 2000], [5, 4000]],
    requestedKbps: [[0.5, 2000]], inFlight: [[0, 1], [1, 3], [2, 0]], connections: [{ socketId: 3, protocol: 'h2', requests: 10, bytes: 5e6, mbps: [1, 2] }],
  },
} as RunResult;

describe('renderReport', () => {
  it('draws every chart of a run and escapes text', () => {
    const results: LabResults = {
      version: 1, createdAt: '2026-01-01T00:00:00Z', command: 'npm run lab -- --players sprint', players: ['sprint'], grid: 'single',
      calibration, cells: [{ cell: 0, config, calibration, delayLineFlagged: false, wallSeconds: 60 }], runs: [run], probe: [], failures: ['x & y'],
    };
    const html = renderReport(results);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('something &lt;odd&gt;');
    expect(html).toContain('failed: x &amp; y');
    expect(html).toContain('predicted fraction 0.80');
    expect(html).toContain('QoE <b>12.0</b> (90.0/min');
    expect(html).toContain('<th>QoE/min</th>');
    expect(html).not.toContain('<script');
    expect(html).toContain('Transport ceiling (25 s per path, 2 in flight over h2)');
    expect(html).toMatch(/\(b\) h2, pipelined<\/td><td>node<\/td><td>h2<\/td><td><b>0\.93<\/b>/);
    expect(html).not.toContain('pingpong');
  });

  it('lists the ceiling\'s diagnostic paths after (a)-(c)', () => {
    const withDiagnostics = { ...ceiling, diagnostics: [measurement('h2-pipelined-no-pingpong', 0.98)] };
    const html = renderReport({
      version: 1, createdAt: '2026-01-01T00:00:00Z', command: 'x', players: ['sprint'], grid: 'single',
      calibration: { ...calibration, ceiling: withDiagnostics },
      cells: [{ cell: 0, config, calibration: { ...calibration, ceiling: withDiagnostics }, delayLineFlagged: false, wallSeconds: 60 }],
      runs: [run], probe: [], failures: [],
    });
    expect(html).toMatch(/\(c\) HTTP\/1\.1, back to back<\/td>.*\(b\) again, client out of pingpong mode<\/td><td>node<\/td><td>h2<\/td><td><b>0\.98<\/b>/s);
  });

  it('plots predicted vs measured when a Sprint run has a prediction, and not otherwise', () => {
    const base: LabResults = {
      version: 1, createdAt: '2026-01-01T00:00:00Z', command: 'x', players: ['sprint'], grid: 'single',
      calibration, cells: [{ cell: 0, config, calibration, delayLineFlagged: false, wallSeconds: 60 }], runs: [run], probe: [], failures: [],
    };
    expect(renderReport(base)).not.toContain('predicted vs measured');
    const entry = {
      startS: 50, reason: 'model', plannedBytes: 3e7, bytes: 3e7, durationS: 30, complete: true, predictedFraction: 0.81, predictedForReceived: 0.8, measuredFraction: 0.77, playerMeasuredFraction: 0.9,
    } as const;
    const html = renderReport({ ...base, runs: [{ ...run, sprintRunList: [entry] }] });
    expect(html).toContain('<h2>Model: predicted vs measured fraction of fair share</h2>');
    expect(html.match(/class="point"/g)).toHaveLength(1);
    expect(html.match(/<svg /g)).toHaveLength(6);
  });

  it('renders results written before sprintRunList existed', () => {
    const { sprintRunList: _omitted, ...old } = run;
    const results = {
      version: 1, createdAt: '2026-01-01T00:00:00Z', command: 'x', players: ['sprint'], grid: 'single',
      calibration, cells: [{ cell: 0, config, calibration, delayLineFlagged: false, wallSeconds: 60 }], runs: [old], probe: [], failures: [],
    } as unknown as LabResults;
    expect(renderReport(results)).toContain('predicted fraction 0.80');
  });

  it('says so when a cell has no ceiling (skipped, or results from before the probe)', () => {
    const bare = { ...calibration, ceiling: null };
    const results: LabResults = {
      version: 1, createdAt: '2026-01-01T00:00:00Z', command: 'x', players: ['sprint'], grid: 'single',
      calibration: bare, cells: [{ cell: 0, config, calibration: bare, delayLineFlagged: false, wallSeconds: 60 }], runs: [run], probe: [], failures: [],
    };
    expect(renderReport(results)).toContain('transport ceiling: not measured in this run');
  });
});
