/** `npm run lab -- --soak S [--faults SPEC]`: the runner's CLI arguments → a soak, stopped cleanly on Ctrl-C. */
import { parseFaultSpec } from '../../server/fault-spec.js';
import type { LabCliArgs } from '../runner/cli-args.js';
import { runSoak, type SoakOptions } from './soak-runner.js';

/** The soak runs the first player in the first cell (the single-cell flags). */
export function soakOptionsFrom(args: LabCliArgs): SoakOptions {
  if (!args.soak) throw new Error('not a soak: --soak missing');
  const cell = args.cells[0];
  const player = args.players[0];
  if (!cell || !player) throw new Error('a soak needs one player and one cell');
  if (args.cells.length > 1 || args.players.length > 1) throw new Error('a soak runs one player in one cell: use --players NAME and the single-cell flags');
  if (args.probe) throw new Error('--soak and --probe-sizes do not go together');
  parseFaultSpec(args.soak.faults);
  return { durationS: args.soak.durationS, faults: args.soak.faults, player, abr: args.abr, cell, outDir: args.outDir, build: args.build, settleS: args.settleS };
}

export async function runSoakCommand(args: LabCliArgs, argv: readonly string[], repoRoot: string): Promise<number> {
  let options: SoakOptions;
  try {
    options = soakOptionsFrom(args);
  } catch (error) {
    console.error(`lab: ${(error as Error).message}`);
    return 2;
  }
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    console.error(`\n${signal}: stopping the soak and tearing down the lab...`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runSoak(options, repoRoot, `npm run lab -- ${argv.join(' ')}`.trim(), controller.signal);
  } catch (error) {
    console.error(`soak failed: ${(error as Error).message}`);
    return controller.signal.aborted ? 130 : 1;
  }
}
