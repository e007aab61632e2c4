/**
 * Fits the throughput model to a probe-mode lab run and prints predicted against
 * measured for the current parameters and for the best fit:
 *   npm run lab -- --grid reference --probe-sizes 100k,1m,4m,16m --probe-count 3 --out lab-results/probe-grid
 *   npx tsx src/lab/report/model-fit-cli.ts lab-results/probe-grid [more folders…] [--tolerance 0.07] [--relative-to calibrated|converged]
 * Several folders are scored (and fitted) together, e.g. single-cell runs of one session.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PARAMETERS, type ModelParameters } from '../../model/throughput-model.js';
import type { LabProbeResult } from '../page/lab-result.js';
import type { LabResults } from '../runner/results.js';
import {
  DEFAULT_TOLERANCE,
  MEASURED_REFERENCES,
  fitModel,
  modelErrors,
  sizesForTarget,
  type FitSummary,
  type MeasuredReference,
  type ProbeCell,
} from './model-fit.js';

async function readProbeCells(dir: string): Promise<ProbeCell[]> {
  const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as LabResults;
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
  return `σ ${p.slowStartExitFraction}, κ ${p.convergenceEpochs}, γ ${p.competitorExponent}`;
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
    options: { tolerance: { type: 'string' }, 'relative-to': { type: 'string' } },
    allowPositionals: true,
  });
  if (dirs.length === 0) {
    throw new Error('usage: npx tsx src/lab/report/model-fit-cli.ts <lab results folder>… [--tolerance 0.07] [--relative-to calibrated|converged]');
  }
  const tolerance = values.tolerance === undefined ? DEFAULT_TOLERANCE : Number(values.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`--tolerance must be in (0, 1), got ${values.tolerance}`);
  const reference = (values['relative-to'] ?? 'calibrated') as MeasuredReference;
  if (!MEASURED_REFERENCES.includes(reference)) throw new RangeError(`--relative-to must be one of ${MEASURED_REFERENCES.join(', ')}, got ${String(reference)}`);
  const cells = (await Promise.all(dirs.map(readProbeCells))).flat();
  const current = modelErrors(cells, DEFAULT_MODEL_PARAMETERS, tolerance, reference);
  const fitted = fitModel(cells, undefined, DEFAULT_MODEL_PARAMETERS, tolerance, reference);
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
  const currentSizes = sizesForTarget(cells, current.params);
  const fittedSizes = sizesForTarget(cells, fitted.params);
  console.log('\nsize for 0.9 of fair share (restarted connection): ' +
    currentSizes.map((s, i) => `${s.label} ${formatSize(s.bytes)} → ${formatSize(fittedSizes[i]?.bytes ?? NaN)}`).join(', '));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
