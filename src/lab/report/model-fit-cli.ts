/**
 * Fits the throughput model to a probe-mode lab run and prints predicted against
 * measured for the current parameters and for the best fit:
 *   npm run lab -- --grid reference --probe-sizes 100k,1m,4m,16m --probe-count 3 --out lab-results/probe-grid
 *   npx tsx src/lab/report/model-fit-cli.ts lab-results/probe-grid [more folders…] [--tolerance 0.07] [--relative-to calibrated|converged]
 * `--fit-rtt` also fits δ, the convergence time's loaded-RTT exponent, and `--fit-additive`
 * κ_a, its additive-increase floor (docs/model.md). `--per-cell` adds the bound no form of τ
 * can beat: τ (and σ) fitted to each cell on its own.
 * Several folders are scored (and fitted) together, e.g. single-cell runs of one session.
 * A source may also be a dataset file (docs/data/*.json); `--export file --description text`
 * writes what was read as one, to be committed (probe-dataset.ts says why).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PARAMETERS, type ModelParameters } from '../../model/throughput-model.js';
import type { LabProbeResult } from '../page/lab-result.js';
import type { LabResults } from '../runner/results.js';
import {
  DEFAULT_FIT_GRID,
  DEFAULT_TOLERANCE,
  MEASURED_REFERENCES,
  fitModel,
  fitPerCell,
  measurementSpread,
  modelErrors,
  sizesForTarget,
  type CellFit,
  type FitSummary,
  type MeasuredReference,
  type ProbeCell,
} from './model-fit.js';
import { parseProbeDataset, toProbeDataset } from './probe-dataset.js';

interface ProbeSource {
  readonly cells: ProbeCell[];
  readonly recordedAt: string;
}

async function readProbeSource(source: string): Promise<ProbeSource> {
  if (source.endsWith('.json')) {
    const dataset = parseProbeDataset(await readFile(source, 'utf8'), source);
    return { cells: [...dataset.cells], recordedAt: dataset.recordedAt };
  }
  const results = JSON.parse(await readFile(path.join(source, 'results.json'), 'utf8')) as LabResults;
  return { cells: await readProbeCells(source, results), recordedAt: results.createdAt };
}

async function readProbeCells(dir: string, results: LabResults): Promise<ProbeCell[]> {
  const cells: ProbeCell[] = [];
  for (const cell of results.cells) {
    const network = results.probe.find((p) => p.cell === cell.cell)?.network;
    if (!network) continue;
    const page = JSON.parse(await readFile(path.join(dir, `cell-${cell.cell}`, 'probe.json'), 'utf8')) as LabProbeResult;
    const { rateMbps, rttMs, competitors, clientPingpongThresh } = cell.config;
    // A client kept out of delayed-ACK pingpong mode is a different transport: say so in the label.
    const client = clientPingpongThresh === undefined || clientPingpongThresh === 1 ? '' : ` pp${clientPingpongThresh}`;
    cells.push({ cell: cell.cell, label: `${rateMbps}/${rttMs}/${competitors}${client}`, network, downloads: page.downloads });
  }
  if (cells.length === 0) throw new Error(`${dir}: no probe cells (run the lab with --probe-sizes)`);
  return cells;
}

function describeParams(p: ModelParameters): string {
  return `σ ${p.slowStartExitFraction}, κ ${p.convergenceEpochs}, γ ${p.competitorExponent}, δ ${p.convergenceRttExponent ?? 0}, κ_a ${p.additiveEpochs ?? 0}`;
}

function describeFit(name: string, s: FitSummary): string {
  return `${name} (${describeParams(s.params)}): mean |error| ${s.meanAbsError.toFixed(3)}, max ${s.maxAbsError.toFixed(3)}, ` +
    `${s.withinTolerance}/${s.fittedPoints} spaced points within ±${s.tolerance}`;
}

function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return '∞';
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB` : `${Math.round(bytes / 1e3)} KB`;
}

async function main(): Promise<void> {
  // parseArgs (as the lab runner's CLI): folders are positionals, and an unknown option is an error.
  const { values, positionals: dirs } = parseArgs({
    options: { tolerance: { type: 'string' }, 'relative-to': { type: 'string' }, export: { type: 'string' }, description: { type: 'string' }, 'fit-rtt': { type: 'boolean' }, 'fit-additive': { type: 'boolean' }, 'per-cell': { type: 'boolean' } },
    allowPositionals: true,
  });
  if (dirs.length === 0) {
    throw new Error(
      'usage: npx tsx src/lab/report/model-fit-cli.ts <lab results folder | dataset.json>… [--tolerance 0.07] [--relative-to calibrated|converged] ' +
        '[--fit-rtt] [--fit-additive] [--per-cell] [--export dataset.json --description text]',
    );
  }
  const tolerance = values.tolerance === undefined ? DEFAULT_TOLERANCE : Number(values.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`--tolerance must be in (0, 1), got ${values.tolerance}`);
  const reference = (values['relative-to'] ?? 'calibrated') as MeasuredReference;
  if (!MEASURED_REFERENCES.includes(reference)) throw new RangeError(`--relative-to must be one of ${MEASURED_REFERENCES.join(', ')}, got ${String(reference)}`);
  if (values.export !== undefined && !values.description) throw new Error('--export needs --description (the lab commands and conditions)');
  const sources = await Promise.all(dirs.map(readProbeSource));
  const cells = sources.flatMap((s) => s.cells);
  if (values.export !== undefined) {
    const recordedAt = sources.map((s) => s.recordedAt).sort()[0] ?? new Date().toISOString();
    await writeFile(values.export, `${JSON.stringify(toProbeDataset(cells, recordedAt, values.description ?? ''), null, 1)}\n`);
    console.log(`wrote ${cells.length} cells to ${values.export}\n`);
  }
  const current = modelErrors(cells, DEFAULT_MODEL_PARAMETERS, tolerance, reference);
  // --fit-rtt also searches δ, the convergence time's loaded-RTT exponent (seven times the
  // candidates); --fit-additive κ_a, the additive-increase floor (nine times).
  const grid = {
    ...DEFAULT_FIT_GRID,
    ...(values['fit-rtt'] ? { convergenceRttExponent: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5] } : {}),
    ...(values['fit-additive'] ? { additiveEpochs: [0, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5] } : {}),
  };
  const fitted = fitModel(cells, grid, DEFAULT_MODEL_PARAMETERS, tolerance, reference);
  console.log(`measured fractions relative to the ${reference === 'converged' ? "cell's converged share (its largest spaced size)" : 'calibrated fair share'}; n counts the downloads that began on a restarted connection\n`);
  console.log('| cell | size | every | n | measured | model (current) | model (fitted) |');
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  current.points.forEach((p, i) => {
    const f = fitted.points[i];
    const every = p.periodS > 0 ? `${p.periodS} s` : 'back to back';
    const mark = p.fitted || p.periodS === 0 ? '' : ' (reference)';
    console.log(`| ${p.label} | ${formatSize(p.bytes)} | ${every} | ${p.count} | ${p.measured.toFixed(2)}${mark} | ${p.predicted.toFixed(2)} | ${f ? f.predicted.toFixed(2) : '–'} |`);
  });
  console.log('');
  console.log(describeFit('current', current));
  console.log(describeFit('fitted ', fitted));
  const spread = measurementSpread(cells);
  if (spread.repeatedPoints > 0) {
    console.log(`measurement: ${spread.repeatedPoints} points with repeated downloads; two downloads of one size differ by ` +
      `${spread.meanPairDifference.toFixed(3)} on average, a point's mean has a standard error of ${spread.meanStandardError.toFixed(3)}`);
  }
  const currentSizes = sizesForTarget(cells, current.params);
  const fittedSizes = sizesForTarget(cells, fitted.params);
  console.log('\nsize for 0.9 of fair share (restarted connection): ' +
    currentSizes.map((s, i) => `${s.label} ${formatSize(s.bytes)} → ${formatSize(fittedSizes[i]?.bytes ?? NaN)}`).join(', '));
  if (values['per-cell']) printPerCellBound(cells, tolerance, reference);
}

/** What τ fitted per cell reaches, with σ kept and with σ free per cell too. */
function printPerCellBound(cells: readonly ProbeCell[], tolerance: number, reference: MeasuredReference): void {
  const kept = fitPerCell(cells, DEFAULT_MODEL_PARAMETERS, [DEFAULT_MODEL_PARAMETERS.slowStartExitFraction], tolerance, reference);
  const free = fitPerCell(cells, DEFAULT_MODEL_PARAMETERS, DEFAULT_FIT_GRID.slowStartExitFraction, tolerance, reference);
  console.log(`\nτ fitted to each cell on its own (the bound for any form of τ), σ ${DEFAULT_MODEL_PARAMETERS.slowStartExitFraction} | σ free per cell:`);
  console.log('| cell | points | τ current | τ | mean \\|error\\| | within | σ, τ | mean \\|error\\| | within |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  kept.cells.forEach((c, i) => {
    const f = free.cells[i] as CellFit;
    console.log(`| ${c.label} | ${c.summary.fittedPoints} | ${c.baseConvergenceS.toFixed(1)} s | ${c.convergenceS.toFixed(1)} s | ${c.summary.meanAbsError.toFixed(3)} | ${c.summary.withinTolerance} | ` +
      `${f.summary.params.slowStartExitFraction}, ${f.convergenceS.toFixed(1)} s | ${f.summary.meanAbsError.toFixed(3)} | ${f.summary.withinTolerance} |`);
  });
  console.log(`pooled: σ kept ${kept.meanAbsError.toFixed(3)}, ${kept.withinTolerance}/${kept.fittedPoints} within ±${tolerance}; ` +
    `σ free ${free.meanAbsError.toFixed(3)}, ${free.withinTolerance}/${free.fittedPoints}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
