/**
 * `npm run lab`: players (or the probe page) in Chromium behind the shaped
 * network, cell after cell, with results.json + report.html in --out.
 *   npm run lab -- --players sprint,sequential,dashjs,shaka --abr dynamic --rate 20 --rtt 40 --queue 1 \
 *     --competitors 1 --cc cubic --jitter 1 --duration 90 --out lab-results/example
 *   npm run lab -- --grid smoke --players dashjs,sequential
 *   npm run lab -- --probe-sizes 250k,2m --probe-gap-s 2,16
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from '../../../scripts/cert.js';
import { ensureLabMedia, ensureProbeObjects } from '../../../scripts/dash-media/lab-media.js';
import { labHostProblem } from '../network-lab.js';
import { formatSummaryText } from '../report/summary-table.js';
import { renderReport } from '../report/report-html.js';
import { runCell } from './cell-runner.js';
import { LAB_USAGE, parseLabCliArgs, type LabCliArgs } from './cli-args.js';
import { ensureLabPageBuilt } from './ensure-build.js';
import { formatElapsed, Progress } from './progress.js';
import { runSoakCommand } from '../soak/soak-command.js';
import type { LabResults } from './results.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function writeResults(outDir: string, results: LabResults): Promise<void> {
  await writeFile(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
  await writeFile(path.join(outDir, 'report.html'), renderReport(results));
}

/** First Ctrl-C/SIGTERM aborts the current player and tears the cell down; later ones are ignored. */
function abortOnSignals(progress: Progress): AbortController {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    progress.log(`\n${signal}: stopping after tearing down the lab (results so far are kept)...`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller;
}

async function run(args: LabCliArgs, argv: readonly string[]): Promise<number> {
  const progress = new Progress();
  const started = Date.now();
  const outDir = path.resolve(REPO_ROOT, args.outDir);
  await mkdir(outDir, { recursive: true });
  const log = (line: string): void => progress.log(line);
  await ensureLabMedia(undefined, log);
  if (args.probe) await ensureProbeObjects(args.probe.sizes);
  if (args.build) await ensureLabPageBuilt(REPO_ROOT, log);
  const { spkiHash } = await ensureCertificate();
  const controller = abortOnSignals(progress);

  const results: LabResults = {
    version: 1,
    createdAt: new Date().toISOString(),
    command: `npm run lab -- ${argv.join(' ')}`.trim(),
    players: args.probe ? [] : args.players,
    grid: args.grid,
    calibration: null,
    cells: [],
    runs: [],
    probe: [],
    failures: [],
  };
  const mutable = results as { -readonly [K in keyof LabResults]: LabResults[K] };
  progress.log(`lab: ${args.cells.length} cell(s) × ${args.probe ? 'probe' : `${args.players.join(', ')} × ${args.durationS} s`}, ABR ${args.abr}; output ${outDir}`);
  for (const [index, config] of args.cells.entries()) {
    if (controller.signal.aborted) break;
    try {
      const outcome = await runCell(
        { index, total: args.cells.length, config, players: args.players, abr: args.abr, maxBufferS: args.maxBufferS, durationS: args.durationS, settleS: args.settleS, probe: args.probe, ceilingS: args.ceilingS, capture: args.capture },
        { repoRoot: REPO_ROOT, outDir, spkiHash, progress, signal: controller.signal },
      );
      if (outcome.cell) mutable.cells = [...results.cells, outcome.cell];
      mutable.runs = [...results.runs, ...outcome.runs];
      mutable.probe = [...results.probe, ...outcome.probe];
      mutable.failures = [...results.failures, ...outcome.failures];
    } catch (error) {
      const message = `cell ${index + 1}: ${(error as Error).message}`;
      mutable.failures = [...results.failures, message];
      progress.log(`FAILED ${message}`);
    }
    mutable.calibration = results.cells[0]?.calibration ?? null;
    await writeResults(outDir, results);
  }

  if (results.runs.length > 0) progress.log(`\n${formatSummaryText(results.runs)}`);
  for (const failure of results.failures) progress.log(`failure: ${failure}`);
  progress.log(`\nlab done in ${formatElapsed((Date.now() - started) / 1000)}: ${path.join(outDir, 'results.json')}, ${path.join(outDir, 'report.html')}`);
  if (controller.signal.aborted) return 130;
  return results.failures.length > 0 || (results.runs.length === 0 && results.probe.length === 0) ? 1 : 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let args: LabCliArgs;
  try {
    args = parseLabCliArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${LAB_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(LAB_USAGE);
    return;
  }
  const problem = labHostProblem();
  if (problem !== undefined) {
    console.error(`lab: ${problem}`);
    process.exit(2);
  }
  if (args.soak) process.exit(await runSoakCommand(args, argv, REPO_ROOT));
  process.exit(await run(args, argv));
}

main().catch((error: unknown) => {
  console.error(`lab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
