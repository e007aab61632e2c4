/**
 * Transport ceiling probe on the lab link:
 *   npx tsx src/lab/ceiling/cli.ts --rate 20 --rtt 40 --queue 1 --competitors 1 --jitter 1 --repeat 3
 * Builds the lab, calibrates once, then runs --repeat rounds of (bulk flow,
 * h2 pipelined download, HTTP/1.1 back-to-back download) per origin, plus
 * the --diagnostics paths from the first origin.
 */
import { writeFile } from 'node:fs/promises';
import { createLab, formatCalibration, labHostProblem } from '../network-lab.js';
import { CEILING_CLI_USAGE, parseCeilingCliArgs, type CeilingCliArgs } from './cli-args.js';
import { formatRanges, formatRound } from './format.js';
import { runCeilingProbe, type CeilingResult } from './probe.js';

async function runRounds(args: CeilingCliArgs): Promise<void> {
  const lab = await createLab(args.lab);
  try {
    const calibration = await lab.calibrate();
    console.log(formatCalibration(calibration));
    const competitors = await lab.startCompetitors();
    const results: CeilingResult[] = [];
    try {
      for (let round = 1; round <= args.repeat; round++) {
        const result = await runCeilingProbe(lab, calibration, {
          durationS: args.durationS,
          steadyFromS: args.steadyFromS,
          inFlight: args.inFlight,
          origins: args.origins,
          diagnostics: args.diagnostics,
          competitors,
          // The competitors run on between rounds: only the first round needs a warm-up.
          warmupS: round === 1 ? 5 : 3,
          log: (line) => console.error(`[ceiling] ${line}`),
        });
        results.push(result);
        console.log(formatRound(result, round));
        if (args.json) await writeFile(args.json, JSON.stringify({ calibration, rounds: results }, null, 1));
      }
    } finally {
      await competitors.stop();
    }
    console.log(`\n${formatRanges(results)}`);
  } finally {
    await lab.close();
  }
}

async function main(): Promise<void> {
  let args: CeilingCliArgs;
  try {
    args = parseCeilingCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${CEILING_CLI_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(CEILING_CLI_USAGE);
    return;
  }
  const problem = labHostProblem();
  if (problem !== undefined) {
    console.error(`ceiling: ${problem}`);
    process.exit(2);
  }
  await runRounds(args);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
