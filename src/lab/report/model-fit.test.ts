import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PARAMETERS, downloadTimeS, type ModelParameters } from '../../model/throughput-model.js';
import type { ProbeDownload } from '../page/lab-result.js';
import { probeNetworkState, type ProbeNetwork } from '../runner/probe-analysis.js';
import { fitModel, fitPerCell, measurementSpread, modelErrors, sizesForTarget, type ProbeCell } from './model-fit.js';

const SIZES = [100_000, 1_000_000, 4_000_000, 16_000_000];

/** Probe downloads that take exactly as long as `truth` says, every one after an idle restart. */
function syntheticCell(cell: number, network: ProbeNetwork, truth: ModelParameters, periodS = 2): ProbeCell {
  let at = 1000;
  const downloads: ProbeDownload[] = SIZES.flatMap((bytes, i) =>
    [0, 1].map((k) => {
      const ms = downloadTimeS(bytes, probeNetworkState(network, true), truth) * 1000;
      const d: ProbeDownload = {
        bytes, periodS, index: i * 2 + k, url: `/p/${bytes}?${k}`, startTime: at, requestStart: at,
        responseStart: at + network.loadedRttMs, responseEnd: at + ms, encodedBodySize: bytes, protocol: 'h2', idleBeforeMs: 5000,
      };
      at += ms + 5000;
      return d;
    }),
  );
  return { cell, label: `cell ${cell}`, network, downloads };
}

const truth: ModelParameters = { ...DEFAULT_MODEL_PARAMETERS, slowStartExitFraction: 0.2, convergenceEpochs: 2, competitorExponent: 0.8 };
const cells = [
  syntheticCell(0, { fairShareMbps: 9.6, baseRttMs: 41, loadedRttMs: 65, competitors: 1 }, truth),
  syntheticCell(1, { fairShareMbps: 4.8, baseRttMs: 81, loadedRttMs: 150, competitors: 3 }, truth),
  syntheticCell(2, { fairShareMbps: 2.4, baseRttMs: 21, loadedRttMs: 35, competitors: 1 }, truth),
];

describe('model fit', () => {
  it('scores the parameters that produced the timings as exact', () => {
    const summary = modelErrors(cells, truth);
    expect(summary.fittedPoints).toBe(12);
    expect(summary.maxAbsError).toBeLessThan(1e-6);
    expect(summary.withinTolerance).toBe(12);
  });

  it('scores other parameters by how far their predictions land', () => {
    const summary = modelErrors(cells, DEFAULT_MODEL_PARAMETERS);
    expect(summary.meanAbsError).toBeGreaterThan(0.005);
    for (const p of summary.points) expect(p.error).toBeCloseTo(p.predicted - p.measured, 12);
  });

  it('recovers the parameters from a grid that contains them', () => {
    const grid = { slowStartExitFraction: [0.1, 0.2, 0.3], convergenceEpochs: [1, 1.5, 2, 2.5], competitorExponent: [0.5, 0.8, 1.1] };
    const fitted = fitModel(cells, grid);
    expect(fitted.params.slowStartExitFraction).toBe(0.2);
    expect(fitted.params.convergenceEpochs).toBe(2);
    expect(fitted.params.competitorExponent).toBe(0.8);
    expect(fitted.params.mssBytes).toBe(DEFAULT_MODEL_PARAMETERS.mssBytes);
  });

  it('recovers κ_a, the additive-increase floor, where it binds', () => {
    // One competitor at a 150 ms loaded RTT: additive increase's epochs are the slower term.
    const slowTruth: ModelParameters = { ...DEFAULT_MODEL_PARAMETERS, additiveEpochs: 2 };
    const longPath = [syntheticCell(0, { fairShareMbps: 2.4, baseRttMs: 81, loadedRttMs: 150, competitors: 1 }, slowTruth)];
    const grid = { slowStartExitFraction: [0.3], convergenceEpochs: [1.35], competitorExponent: [0.5], additiveEpochs: [undefined, 1, 2, 3] };
    expect(fitModel(longPath, grid).params.additiveEpochs).toBe(2);
    expect(modelErrors(longPath, { ...slowTruth, additiveEpochs: undefined }).meanAbsError).toBeGreaterThan(0.01);
  });

  it('fits a convergence time to each cell on its own, pooling the cells that share a label', () => {
    // Each cell converges on its own time scale, which no one κ, γ can give all three.
    const net = { fairShareMbps: 9.6, baseRttMs: 41, loadedRttMs: 65, competitors: 1 };
    const quick = { ...truth, convergenceEpochs: 0.5, competitorExponent: 0.5, additiveEpochs: undefined };
    const slow = { ...quick, convergenceEpochs: 4 };
    const own = [
      { ...syntheticCell(0, net, quick), label: 'quick' },
      { ...syntheticCell(1, { ...net, fairShareMbps: 9.4 }, quick), label: 'quick' },
      { ...syntheticCell(2, net, slow), label: 'slow' },
    ];
    const bound = fitPerCell(own, quick, [0.2]);
    expect(bound.cells.map((c) => c.label)).toEqual(['quick', 'slow']);
    expect(bound.fittedPoints).toBe(12);
    expect(bound.meanAbsError).toBeLessThan(0.005);
    const [fitQuick, fitSlow] = bound.cells;
    expect((fitSlow?.convergenceS ?? 0) / (fitQuick?.convergenceS ?? 1)).toBeCloseTo(8, 0);
    // The base parameters are the quick cells' truth: their τ is what the quick fit found, the slow cell's an eighth.
    expect((fitQuick?.baseConvergenceS ?? 0) / (fitQuick?.convergenceS ?? 1)).toBeCloseTo(1, 1);
    expect((fitSlow?.baseConvergenceS ?? 0) / (fitSlow?.convergenceS ?? 1)).toBeCloseTo(1 / 8, 1);
    // One κ for both is worse than a κ each.
    expect(fitModel(own, { slowStartExitFraction: [0.2], convergenceEpochs: [0.5, 1, 2, 4], competitorExponent: [0.5], additiveEpochs: [undefined] }).meanAbsError)
      .toBeGreaterThan(bound.meanAbsError + 0.01);
  });

  it('reports back-to-back downloads without fitting them, and refuses a run with none spaced', () => {
    const backToBack = syntheticCell(3, { fairShareMbps: 9.6, baseRttMs: 41, loadedRttMs: 65, competitors: 1 }, truth, 0);
    const summary = modelErrors([...cells, backToBack], truth);
    expect(summary.points.filter((p) => !p.fitted)).toHaveLength(SIZES.length);
    expect(summary.fittedPoints).toBe(12);
    expect(() => modelErrors([backToBack], truth)).toThrow(/no spaced probe downloads/);
  });

  it('gives larger runs for 0.9 where the RTT and competitors are larger', () => {
    const [fast, slow] = sizesForTarget([cells[0] as ProbeCell, cells[1] as ProbeCell], DEFAULT_MODEL_PARAMETERS);
    expect(slow?.bytes).toBeGreaterThan(0);
    expect((slow?.bytes ?? 0) / (cells[1]?.network.fairShareMbps ?? 1)).toBeGreaterThan((fast?.bytes ?? 0) / (cells[0]?.network.fairShareMbps ?? 1));
  });

  it('relative to the converged share, divides each cell by its largest size and leaves that size out of the fit', () => {
    // The same timings 25% slower, as a client whose ACKs hold the flow below its share would
    // see them: against the calibrated share every point drops; against the converged share
    // the slowdown cancels out.
    const slower = cells.map((c) => ({
      ...c,
      downloads: c.downloads.map((d) => ({ ...d, responseEnd: d.startTime + (d.responseEnd - d.startTime) * 1.25 })),
    }));
    expect(modelErrors(slower, truth).meanAbsError).toBeGreaterThan(0.05);
    const exact = modelErrors(cells, truth, 0.07, 'converged');
    const converged = modelErrors(slower, truth, 0.07, 'converged');
    expect(converged.fittedPoints).toBe(9);
    const reference = converged.points.filter((p) => !p.fitted);
    expect(reference.map((p) => p.bytes)).toEqual(cells.map(() => 16_000_000));
    for (const p of reference) expect(p.measured).toBeCloseTo(1, 9);
    converged.points.forEach((p, i) => expect(p.measured).toBeCloseTo(exact.points[i]!.measured, 9));
    const unscaled = modelErrors(cells, truth).points;
    const largest = unscaled.find((p) => p.cell === 1 && p.bytes === 16_000_000)!.measured;
    const small = converged.points.find((p) => p.cell === 1 && p.bytes === 100_000)!;
    expect(small.measured).toBeCloseTo(unscaled.find((p) => p.cell === 1 && p.bytes === 100_000)!.measured / largest, 9);
    expect(fitModel(slower, undefined, DEFAULT_MODEL_PARAMETERS, 0.07, 'converged').fittedPoints).toBe(9);
  });

  it('scores only downloads that began on a restarted connection', () => {
    const [first] = cells;
    // The same downloads, each size's second one right after the first (no idle): timed 3× slower, it would be far off if scored.
    const kept = { ...first!, downloads: first!.downloads.map((d) => (d.index % 2 === 1 ? { ...d, idleBeforeMs: 0, responseEnd: d.startTime + (d.responseEnd - d.startTime) * 3 } : d)) };
    const summary = modelErrors([kept], truth);
    expect(summary.fittedPoints).toBe(4);
    expect(summary.points.every((p) => p.count === 1)).toBe(true);
    expect(summary.maxAbsError).toBeLessThan(1e-6);
  });

  it('measures how far repeated downloads of one size spread', () => {
    // Exact timings: the two downloads of each size agree.
    const exact = measurementSpread(cells);
    expect(exact.repeatedPoints).toBe(12);
    expect(exact.meanStandardError).toBeLessThan(1e-12);
    expect(exact.meanPairDifference).toBeLessThan(1e-12);
    // The second download of each size of one cell 25% slower: fractions f and f/1.25 differ by f/5.
    const [first] = cells;
    const slowSecond = { ...first!, downloads: first!.downloads.map((d) => (d.index % 2 === 1 ? { ...d, responseEnd: d.startTime + (d.responseEnd - d.startTime) * 1.25 } : d)) };
    const spread = measurementSpread([slowSecond]);
    const fractions = modelErrors([first!], truth).points.map((p) => p.measured);
    const expected = fractions.reduce((a, f) => a + f / 5, 0) / fractions.length;
    expect(spread.repeatedPoints).toBe(4);
    expect(spread.meanPairDifference).toBeCloseTo(expected, 9);
    // n = 2: the standard error of the mean is half the difference.
    expect(spread.meanStandardError).toBeCloseTo(expected / 2, 9);
  });
});
