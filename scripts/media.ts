// `npm run media`: encode the synthetic ladder once, package it into three DASH
// variants, verify them, and write media/report.json + media/.stamp.json.
// Re-running reuses the cached intermediates (media/.work); --force re-encodes;
// --lab generates the lab media (media/lab) instead.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeIntermediates } from './dash-media/encode.js';
import { generateLabMedia } from './dash-media/lab-media.js';
import { packageVariant } from './dash-media/package.js';
import { probeSegment } from './dash-media/probe-playable.js';
import {
  VARIANTS,
  VIDEO_LADDER,
  encodeRecipeKey,
  mediaPaths,
  mediaRecipeKey,
  mediaSeconds,
  segmentsPerRepresentation,
  type MediaPaths,
} from './dash-media/recipe.js';
import { encodeSummary, formatReport, type MediaReport } from './dash-media/report.js';
import { requireFfmpeg } from './dash-media/run-tool.js';
import { verifyVariant, type VariantReport } from './dash-media/verify-variant.js';

export interface GenerateMediaOptions {
  /** Re-encode even when cached intermediates match the recipe. */
  readonly force?: boolean;
  /** Output directory; defaults to <repo>/media. */
  readonly root?: string;
  readonly log?: (line: string) => void;
}

/**
 * ffmpeg processes at once. Measured on the 2-core machine for 40 s of media: all rungs
 * sequentially with x264's own threads 22.7 s; 2 at a time with own threads 20.6 s;
 * 2 at a time with -threads 1 19.5-22 s (chosen). Packaging (-c copy) takes < 0.5 s per variant.
 */
const ENCODE_PARALLEL = 2;

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function encodeIfOutdated(
  paths: MediaPaths,
  seconds: number,
  force: boolean,
  log: (line: string) => void,
): Promise<MediaReport['encode']> {
  const stampFile = path.join(paths.work, 'stamp.json');
  const key = encodeRecipeKey(seconds);
  const stamp = await readJson<{ key: string; encode: MediaReport['encode'] }>(stampFile);
  if (!force && stamp?.key === key && stamp.encode) return { ...stamp.encode, reused: true };

  await rm(paths.work, { recursive: true, force: true });
  await mkdir(paths.work, { recursive: true });
  log(`encoding ${VIDEO_LADDER.length} video rungs + audio, ${seconds} s, ${ENCODE_PARALLEL} at a time...`);
  const started = performance.now();
  const renditions = await encodeIntermediates(VIDEO_LADDER, seconds, paths.work, ENCODE_PARALLEL, (done) =>
    log(`  ${done.name} encoded in ${(done.ms / 1000).toFixed(1)} s`),
  );
  const summary = encodeSummary(renditions, performance.now() - started, ENCODE_PARALLEL);
  // Keep the measurement with the intermediates, so later reports can still quote it.
  await writeFile(stampFile, JSON.stringify({ key, encode: summary }));
  return summary;
}

/** Decodes a mid-stream top-rung segment and the first audio segment of the $Number$ variant. */
async function probeNumberVariant(paths: MediaPaths, segments: number): Promise<MediaReport['probes']> {
  const dir = paths.variantDir('number');
  const top = VIDEO_LADDER.length - 1;
  const audio = VIDEO_LADDER.length;
  const middle = String(Math.ceil(segments / 2)).padStart(5, '0');
  return {
    [`number/chunk-${top}-${middle}.m4s`]: await probeSegment(
      path.join(dir, `init-${top}.m4s`),
      path.join(dir, `chunk-${top}-${middle}.m4s`),
    ),
    [`number/chunk-${audio}-00001.m4s`]: await probeSegment(
      path.join(dir, `init-${audio}.m4s`),
      path.join(dir, `chunk-${audio}-00001.m4s`),
    ),
  };
}

export async function generateMedia(options: GenerateMediaOptions = {}): Promise<MediaReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const paths = mediaPaths(options.root);
  const seconds = mediaSeconds();
  const segments = segmentsPerRepresentation(seconds);
  const ffmpeg = await requireFfmpeg();
  await mkdir(paths.root, { recursive: true });
  await rm(paths.stamp, { force: true });

  const encode = await encodeIfOutdated(paths, seconds, options.force ?? false, log);
  const packageMs: Record<string, number> = {};
  const variants: VariantReport[] = [];
  for (const variant of VARIANTS) {
    const { ms } = await packageVariant(VIDEO_LADDER, paths.work, variant.name, paths.variantDir(variant.name));
    packageMs[variant.name] = Math.round(ms);
    variants.push(await verifyVariant(variant.name, paths.manifest(variant.name), VIDEO_LADDER, segments));
  }

  const report: MediaReport = {
    recipeKey: mediaRecipeKey(seconds),
    generatedAt: new Date().toISOString(),
    ffmpeg,
    seconds,
    segmentsPerRepresentation: segments,
    encode,
    packageMs,
    probes: await probeNumberVariant(paths, segments),
    variants,
  };
  await writeFile(paths.report, JSON.stringify(report, null, 2));
  // The stamp goes last: its presence means every step above succeeded.
  await writeFile(paths.stamp, JSON.stringify({ key: report.recipeKey, seconds }));
  log(formatReport(report));
  return report;
}

/** True when media/ holds a complete run of the current recipe. */
export async function isMediaCurrent(root?: string): Promise<boolean> {
  const paths = mediaPaths(root);
  const stamp = await readJson<{ key: string }>(paths.stamp);
  if (stamp?.key !== mediaRecipeKey(mediaSeconds())) return false;
  const manifests = await Promise.all(VARIANTS.map((v) => readFile(paths.manifest(v.name)).then(() => true, () => false)));
  return manifests.every(Boolean);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const started = performance.now();
  // --lab builds only the lab's long CBR ladder (media/lab), see scripts/dash-media/lab-recipe.ts.
  const job = process.argv.includes('--lab') ? generateLabMedia().then(() => undefined) : generateMedia({ force: process.argv.includes('--force') });
  job.then(
    () => console.log(`media ready in ${((performance.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) => {
      console.error(`media generation failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
