// `npm run demo:lab -- --rate 20 --rtt 40 --competitors 1`: the comparison page behind the
// shaped lab link (Linux, root); see src/demo/server/lab-demo.ts and docs/demo.md.
import { DEMO_LAB_USAGE, parseDemoLabArgs } from '../src/demo/server/demo-lab-args.js';
import { runLabDemo } from '../src/demo/server/lab-demo.js';
import { buildIfStale } from './build-if-stale.js';
import { ensureMedia } from './ensure-media.js';
import { ensureLabMedia } from './dash-media/lab-media.js';

async function main(): Promise<void> {
  let args;
  try {
    args = parseDemoLabArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${DEMO_LAB_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(DEMO_LAB_USAGE);
    return;
  }
  await ensureMedia();
  await ensureLabMedia();
  await buildIfStale({ skip: !args.build });
  await runLabDemo(args);
}

main().catch((error: unknown) => {
  console.error(`demo:lab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
