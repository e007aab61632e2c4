/**
 * Prints the controller × trace results table:
 *   npx tsx src/sim/cli.ts [seconds of media, default 300] [sequential|sprint] [mahimahi files…]
 */
import { BUILT_IN_ABR } from '../abr/registry.js';
import { resolveScheduler } from '../scheduler/registry.js';
import { readMahimahiFile } from './mahimahi-file.js';
import { SPRINT_LADDER_BPS, constantBitrateMedia } from './media.js';
import { formatMatrix, runMatrix } from './matrix.js';
import { SYNTHETIC_TRACES } from './traces.js';

const [seconds = '300', scheduler = 'sequential', ...files] = process.argv.slice(2);
const traces = [...Object.values(SYNTHETIC_TRACES), ...(await Promise.all(files.map((f) => readMahimahiFile(f))))];
const rows = runMatrix(Object.keys(BUILT_IN_ABR), traces, {
  media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, Number(seconds)),
  scheduler: () => resolveScheduler(scheduler),
});
console.log(`${seconds} s of media, 2 s segments, Sprint ladder, 40 ms RTT, ${scheduler} scheduler\n`);
console.log(formatMatrix(rows));
