/**
 * Fits the throughput model's free parameters (σ, κ, γ) to probe-mode measurements
 * and reports how far each prediction lands from what real TCP measured. Pure: the
 * CLI (model-fit-cli.ts) reads the lab's files and prints what this returns.
 *
 * One point is one (cell, size, schedule) group of probe downloads that began on a
 * restarted connection (idle past the RTO: the case Sprint plans runs for), measured as
 * the probe analysis does (Σ bytes ÷ Σ download time ÷ fair share). Back-to-back groups
 * (period 0) are reported but not fitted: Sprint never plans a run for that case and
 * the model is known to be wrong there (docs/model.md, "Where it is wrong").
 *
 * Measured fractions are relative to the calibrated fair share by default. Relative to
 * 'converged', each cell's fractions are divided by that of its largest spaced size:
 * the share a long download settles at, which is what the player's fair-share estimate
 * (the steady part of long runs) sees, and which already includes what the model leaves
 * out (the client's ACK policy, competitors that do not take their whole share). The
 * largest size's points are then 1 by construction and not fitted.
 */
import {
  DEFAULT_MODEL_PARAMETERS,
  convergenceTimeS,
  downloadSizeFor,
  type ModelParameters,
} from '../../model/throughput-model.js';
import type { ProbeDownload } from '../page/lab-result.js';
import { analyzeProbe, probeNetworkState, restartsWindow, type ProbeNetwork } from '../runner/probe-analysis.js';

/** One lab cell's probe downloads and the calibrated network they ran on. */
export interface ProbeCell {
  readonly cell: number;
  /** e.g. "20/80/3" (rate Mbit/s / RTT ms / competitors), for tables. */
  readonly label: string;
  readonly network: ProbeNetwork;
  readonly downloads: readonly ProbeDownload[];
}

export interface FitPoint {
  readonly cell: number;
  readonly label: string;
  readonly bytes: number;
  readonly periodS: number;
  readonly count: number;
  readonly measured: number;
  readonly predicted: number;
  /** predicted − measured. */
  readonly error: number;
  /** Whether the fit used this point (spaced downloads only). */
  readonly fitted: boolean;
}

export interface FitSummary {
  readonly params: ModelParameters;
  readonly points: readonly FitPoint[];
  /** Over the fitted points. */
  readonly meanAbsError: number;
  readonly maxAbsError: number;
  readonly withinTolerance: number;
  readonly fittedPoints: number;
  readonly tolerance: number;
}

/** The free parameters' candidate values; the rest stay as given. */
export interface FitGrid {
  readonly slowStartExitFraction: readonly number[];
  readonly convergenceEpochs: readonly number[];
  readonly competitorExponent: readonly number[];
  /** Absent: the base parameters' value only. */
  readonly convergenceRttExponent?: readonly number[];
  /** κ_a, the additive-increase floor under the convergence time. Absent: the base parameters' value only. */
  readonly additiveEpochs?: readonly (number | undefined)[];
}

export const DEFAULT_FIT_GRID: FitGrid = {
  slowStartExitFraction: range(0.1, 0.6, 0.05),
  convergenceEpochs: range(0.5, 3, 0.05),
  competitorExponent: range(0, 1.5, 0.1),
};

export const DEFAULT_TOLERANCE = 0.07;

/** What a measured fraction is a fraction of: the calibrated fair share, or the cell's converged share. */
export type MeasuredReference = 'calibrated' | 'converged';
export const MEASURED_REFERENCES: readonly MeasuredReference[] = ['calibrated', 'converged'];

export function modelErrors(
  cells: readonly ProbeCell[],
  params: ModelParameters,
  tolerance = DEFAULT_TOLERANCE,
  reference: MeasuredReference = 'calibrated',
): FitSummary {
  const points: FitPoint[] = [];
  for (const cell of cells) {
    const measuredGroups = (downloads: readonly ProbeDownload[]) =>
      analyzeProbe(downloads, cell.network, cell.cell, params).filter(
        (g): g is typeof g & { measuredFraction: number; predictedFraction: number } => g.measuredFraction !== null && g.predictedFraction !== null,
      );
    // The share a long download settles at comes from every download of the largest size
    // (only wanted relative to 'converged': the grid search calls this thousands of times).
    const spaced = reference === 'converged' ? measuredGroups(cell.downloads).filter((g) => g.periodS > 0) : [];
    const largest = spaced.reduce<(typeof spaced)[number] | undefined>((big, g) => (!big || g.bytes > big.bytes ? g : big), undefined);
    const scale = reference === 'converged' ? convergedScale(cell, largest?.measuredFraction) : 1;
    // Sprint plans runs for a restarted connection: only downloads that began after an idle
    // past the RTO are scored (a large object every 2 s follows the previous one at once).
    const restarted = cell.downloads.filter((d) => d.periodS === 0 || restartsWindow(d, cell.network));
    for (const group of measuredGroups(restarted)) {
      const measured = group.measuredFraction * scale;
      const isReference = group.bytes === largest?.bytes && group.periodS === largest.periodS;
      points.push({
        cell: cell.cell,
        label: cell.label,
        bytes: group.bytes,
        periodS: group.periodS,
        count: group.count,
        measured,
        predicted: group.predictedFraction,
        error: group.predictedFraction - measured,
        fitted: group.periodS > 0 && !isReference,
      });
    }
  }
  const errors = points.filter((p) => p.fitted).map((p) => Math.abs(p.error));
  if (errors.length === 0) throw new RangeError('model fit: no spaced probe downloads with a measured fraction');
  return {
    params,
    points,
    meanAbsError: errors.reduce((sum, e) => sum + e, 0) / errors.length,
    maxAbsError: Math.max(...errors),
    withinTolerance: errors.filter((e) => e <= tolerance).length,
    fittedPoints: errors.length,
    tolerance,
  };
}

/** Exhaustive search of the grid for the least mean absolute error (ties: fewer points outside tolerance). */
export function fitModel(
  cells: readonly ProbeCell[],
  grid: FitGrid = DEFAULT_FIT_GRID,
  base: ModelParameters = DEFAULT_MODEL_PARAMETERS,
  tolerance = DEFAULT_TOLERANCE,
  reference: MeasuredReference = 'calibrated',
): FitSummary {
  let best: FitSummary | undefined;
  for (const slowStartExitFraction of grid.slowStartExitFraction) {
    for (const convergenceEpochs of grid.convergenceEpochs) {
      for (const competitorExponent of grid.competitorExponent) {
        for (const convergenceRttExponent of grid.convergenceRttExponent ?? [base.convergenceRttExponent ?? 0]) {
          for (const additiveEpochs of grid.additiveEpochs ?? [base.additiveEpochs]) {
            const params = { ...base, slowStartExitFraction, convergenceEpochs, competitorExponent, convergenceRttExponent, additiveEpochs };
            const summary = modelErrors(cells, params, tolerance, reference);
            if (!best || better(summary, best)) best = summary;
          }
        }
      }
    }
  }
  if (!best) throw new RangeError('model fit: the grid has no candidate values');
  return best;
}

function convergedScale(cell: ProbeCell, convergedFraction: number | undefined): number {
  if (convergedFraction === undefined || !(convergedFraction > 0)) {
    throw new RangeError(`model fit: cell ${cell.label} has no spaced probe downloads to take its converged share from`);
  }
  return 1 / convergedFraction;
}

function better(a: FitSummary, b: FitSummary): boolean {
  if (Math.abs(a.meanAbsError - b.meanAbsError) > 1e-9) return a.meanAbsError < b.meanAbsError;
  return a.withinTolerance > b.withinTolerance;
}

/** How well the probe itself pins down a point: the spread of repeated downloads of one size. */
export interface MeasurementSpread {
  /** (cell, size, schedule) groups with two or more restarted downloads. */
  readonly repeatedPoints: number;
  /** Mean over those groups of the standard error of the group's mean fraction (sample SD ÷ √n). */
  readonly meanStandardError: number;
  /** Mean |difference| between two downloads of the same group (every pair). */
  readonly meanPairDifference: number;
}

/**
 * The model cannot be held closer to the measurement than the measurement is to itself:
 * two restarted downloads of one size in one cell differ as CUBIC's loss epochs fall,
 * and with n = 2 a point's mean is only known to about half their difference.
 */
export function measurementSpread(cells: readonly ProbeCell[]): MeasurementSpread {
  const errors: number[] = [];
  const differences: number[] = [];
  for (const cell of cells) {
    const restarted = cell.downloads.filter((d) => d.periodS > 0 && restartsWindow(d, cell.network));
    for (const group of analyzeProbe(restarted, cell.network, cell.cell)) {
      const f = group.fractions.filter((x) => Number.isFinite(x));
      if (f.length < 2) continue;
      const mean = f.reduce((a, b) => a + b, 0) / f.length;
      const sd = Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / (f.length - 1));
      errors.push(sd / Math.sqrt(f.length));
      for (let i = 0; i < f.length; i++) for (let j = i + 1; j < f.length; j++) differences.push(Math.abs((f[i] as number) - (f[j] as number)));
    }
  }
  const average = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  return { repeatedPoints: errors.length, meanStandardError: average(errors), meanPairDifference: average(differences) };
}

/** One cell's own best fit: its convergence time and slow-start exit, free of every other cell. */
export interface CellFit {
  readonly label: string;
  /** τ, seconds, fitted to this cell alone, at the first of its calibrations. */
  readonly convergenceS: number;
  /** τ, seconds, under the base parameters at the same calibration. */
  readonly baseConvergenceS: number;
  readonly summary: FitSummary;
}

export interface PerCellFit {
  readonly cells: readonly CellFit[];
  /** Pooled over every cell's fitted points. */
  readonly meanAbsError: number;
  readonly withinTolerance: number;
  readonly fittedPoints: number;
}

/**
 * How close any form of the convergence time could come: τ fitted to each cell on its own
 * (through κ, with no floor, so τ is free per cell) and σ from `sigmas`. What this leaves is
 * the probe's own spread and the shape of the approach to the share, not how τ depends on the
 * network; a global form can only score worse. Cells are grouped by label, so repeated
 * runs of one cell are fitted together.
 */
export function fitPerCell(
  cells: readonly ProbeCell[],
  base: ModelParameters = DEFAULT_MODEL_PARAMETERS,
  sigmas: readonly number[] = [base.slowStartExitFraction],
  tolerance = DEFAULT_TOLERANCE,
  reference: MeasuredReference = 'calibrated',
): PerCellFit {
  const groups = new Map<string, ProbeCell[]>();
  for (const cell of cells) groups.set(cell.label, [...(groups.get(cell.label) ?? []), cell]);
  // κ from 0.01 to ~40 in 5 % steps: τ anywhere from a few round trips to minutes.
  const epochs = Array.from({ length: 171 }, (_, i) => 0.01 * 1.05 ** i);
  const grid: FitGrid = { slowStartExitFraction: sigmas, convergenceEpochs: epochs, competitorExponent: [base.competitorExponent], additiveEpochs: [undefined] };
  const fits = [...groups].map(([label, group]) => {
    const summary = fitModel(group, grid, base, tolerance, reference);
    const network = probeNetworkState((group[0] as ProbeCell).network, true);
    return { label, summary, convergenceS: convergenceTimeS(network, summary.params), baseConvergenceS: convergenceTimeS(network, base) };
  });
  const fittedPoints = fits.reduce((n, f) => n + f.summary.fittedPoints, 0);
  return {
    cells: fits,
    meanAbsError: fits.reduce((sum, f) => sum + f.summary.meanAbsError * f.summary.fittedPoints, 0) / fittedPoints,
    withinTolerance: fits.reduce((n, f) => n + f.summary.withinTolerance, 0),
    fittedPoints,
  };
}

/** The run size the model picks for `target` in each cell (restarted connection), bytes. */
export function sizesForTarget(cells: readonly ProbeCell[], params: ModelParameters, target = 0.9): { label: string; bytes: number }[] {
  return cells.map((cell) => ({ label: cell.label, bytes: downloadSizeFor(target, probeNetworkState(cell.network, true), params) }));
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) values.push(Math.round((from + i * step) * 1000) / 1000);
  return values;
}
