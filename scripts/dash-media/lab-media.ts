// Generates and caches the lab media (media/lab) and the probe objects (media/lab-probe).
// `npm run media -- --lab` builds it on request; the lab runner calls ensureLabMedia().
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomFillSync } from 'node:crypto';
import path from 'node:path';
import { encodeLabIntermediates } from './lab-encode.js';
import { LAB_LADDER, LAB_SECONDS, labMediaPaths, labRecipeKey, labSegmentsPerRepresentation, type LabMediaPaths } from './lab-recipe.js';
import { packageVariant } from './package.js';
import { probeSegment, type ProbedStream } from './probe-playable.js';
import { encodeSummary, type MediaReport } from './report.js';
import { requireFfmpeg } from './run-tool.js';
import { verifyVariant, type VariantReport } from './verify-variant.js';

/** Two single-threaded x264 processes on the 2-core machine, as in the main recipe. */
const LAB_ENCODE_PARALLEL = 2;

export interface LabMediaReport {
  readonly recipeKey: string;
  readonly generatedAt: string;
  readonly ffmpeg: string;
  readonly seconds: number;
  readonly encode: MediaReport['encode'];
  readonly packageMs: number;
  readonly probe: ProbedStream;
  readonly variant: VariantReport;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function isLabMediaCurrent(paths: LabMediaPaths = labMediaPaths()): Promise<boolean> {
  const stamp = await readJson<{ key: string }>(paths.stamp);
  if (stamp?.key !== labRecipeKey()) return false;
  return stat(paths.manifest).then(() => true, () => false);
}

export async function generateLabMedia(paths: LabMediaPaths = labMediaPaths(), log: (line: string) => void = console.log): Promise<LabMediaReport> {
  const ffmpeg = await requireFfmpeg();
  await rm(paths.stamp, { force: true });
  await rm(paths.work, { recursive: true, force: true });
  await mkdir(paths.work, { recursive: true });
  log(`lab media: encoding ${LAB_LADDER.length} rungs (${LAB_LADDER.map((r) => r.name).join(', ')}) + audio, ${LAB_SECONDS} s, ${LAB_ENCODE_PARALLEL} at a time...`);
  const started = performance.now();
  const renditions = await encodeLabIntermediates(LAB_LADDER, paths.work, LAB_ENCODE_PARALLEL, (done) =>
    log(`  ${done.name} encoded in ${(done.ms / 1000).toFixed(1)} s`),
  );
  const encode = encodeSummary(renditions, performance.now() - started, LAB_ENCODE_PARALLEL);
  const { ms: packageMs } = await packageVariant(LAB_LADDER, paths.work, 'number', paths.dir);
  const segments = labSegmentsPerRepresentation();
  const variant = await verifyVariant('number', paths.manifest, LAB_LADDER, segments);
  const top = LAB_LADDER.length - 1;
  const middle = String(Math.ceil(segments / 2)).padStart(5, '0');
  const probe = await probeSegment(path.join(paths.dir, `init-${top}.m4s`), path.join(paths.dir, `chunk-${top}-${middle}.m4s`));
  // Intermediates are only needed to re-package; the published segments are all the lab uses.
  await rm(paths.work, { recursive: true, force: true });
  const report: LabMediaReport = {
    recipeKey: labRecipeKey(),
    generatedAt: new Date().toISOString(),
    ffmpeg,
    seconds: LAB_SECONDS,
    encode,
    packageMs: Math.round(packageMs),
    probe,
    variant,
  };
  await writeFile(paths.report, JSON.stringify(report, null, 2));
  await writeFile(paths.stamp, JSON.stringify({ key: report.recipeKey }));
  const kbps = variant.representations.map((r) => `${r.id}:${r.avgKbps}`).join(' ');
  log(`lab media: encode ${(encode.wallMs / 1000).toFixed(1)} s wall, package ${(packageMs / 1000).toFixed(1)} s; avg kbps ${kbps}; ${(variant.totalBytes / 1e6).toFixed(0)} MB`);
  return report;
}

/** Returns the lab media paths, generating the media first when missing or from another recipe. */
export async function ensureLabMedia(paths: LabMediaPaths = labMediaPaths(), log: (line: string) => void = console.log): Promise<LabMediaPaths> {
  if (!(await isLabMediaCurrent(paths))) {
    log(`lab media in ${paths.dir} is missing or outdated; generating (about a minute)...`);
    await generateLabMedia(paths, log);
  }
  return paths;
}

/** File name of the probe object of `bytes` bytes inside paths.probeDir. */
export function probeObjectName(bytes: number): string {
  return `${bytes}.bin`;
}

/** Writes incompressible probe objects of the given sizes (kept when already the right size). */
export async function ensureProbeObjects(sizes: readonly number[], paths: LabMediaPaths = labMediaPaths()): Promise<void> {
  await mkdir(paths.probeDir, { recursive: true });
  for (const bytes of sizes) {
    const file = path.join(paths.probeDir, probeObjectName(bytes));
    const existing = await stat(file).then((s) => s.size, () => -1);
    if (existing === bytes) continue;
    const handle = await open(`${file}.tmp`, 'w');
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (let written = 0; written < bytes; written += chunk.length) {
        randomFillSync(chunk);
        await handle.write(chunk, 0, Math.min(chunk.length, bytes - written));
      }
    } finally {
      await handle.close();
    }
    await rm(file, { force: true });
    await rename(`${file}.tmp`, file);
  }
}
