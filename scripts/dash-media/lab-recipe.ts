// The lab's media recipe: a long, flat-bitrate ladder whose top rung exceeds every
// fair share in the lab grids, cheap to decode (one modest resolution for all rungs).
// Kept apart from recipe.ts so `npm run media` stays as fast as before; built only
// with `npm run media -- --lab` or by the lab runner (ensureLabMedia).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AUDIO, AUDIO_TAIL_TRIM_SECONDS, FRAME_RATE, REPO_ROOT, SEGMENT_SECONDS, X264, type VideoRung } from './recipe.js';

/** Lowest first; Representation ids 0..5, audio 6. Top (14 Mbit/s) > the largest grid fair share (≈9.6). */
export const LAB_LADDER: readonly VideoRung[] = [500, 1000, 2000, 4000, 8000, 14_000].map((kbps) => ({
  name: `${kbps}k`,
  width: 640,
  height: 360,
  kbps,
}));

/**
 * Published length: long enough that a session outlasts its startup run. In the 80 ms
 * cells Sprint's first run lasts 100-140 s before the 60 s buffer is full, and a run
 * after an idle (the case the model sizes) comes about 50 s later (docs/lab.md).
 */
export const LAB_SECONDS = 360;
/**
 * Each rung is encoded for this long and the encoded piece repeated (-stream_loop,
 * -c copy; timestamps continue) up to LAB_SECONDS: encode cost is that of 20 s.
 */
export const LAB_LOOP_SECONDS = 20;
/**
 * Noise as in the main recipe, and x264 in CBR with filler (nal-hrd=cbr, minrate =
 * maxrate = bitrate), so every 2 s segment weighs its nominal bitrate whatever the picture.
 */
export const LAB_SOURCE = { noise: 'noise=alls=12:allf=t' } as const;
export const LAB_X264 = { ...X264, params: `${X264.params}:nal-hrd=cbr` } as const;

const LAB_RECIPE_REVISION = 1;

export interface LabMediaPaths {
  /** media/lab: manifest.mpd and segments, served under /media/lab/. */
  readonly dir: string;
  readonly manifest: string;
  /** Encoded intermediates (dot-directory: never served). */
  readonly work: string;
  readonly stamp: string;
  readonly report: string;
  /** media/lab-probe: random-byte objects for probe mode. */
  readonly probeDir: string;
}

export function labMediaPaths(mediaRoot = path.join(REPO_ROOT, 'media')): LabMediaPaths {
  const dir = path.join(mediaRoot, 'lab');
  return {
    dir,
    manifest: path.join(dir, 'manifest.mpd'),
    work: path.join(mediaRoot, '.work-lab'),
    stamp: path.join(mediaRoot, '.stamp-lab.json'),
    report: path.join(mediaRoot, 'report-lab.json'),
    probeDir: path.join(mediaRoot, 'lab-probe'),
  };
}

/** URL path of the lab manifest on the origin (media/ is mounted at /media/). */
export const LAB_MANIFEST_URL_PATH = '/media/lab/manifest.mpd';

export function labSegmentsPerRepresentation(): number {
  return LAB_SECONDS / SEGMENT_SECONDS;
}

export function labRecipeKey(): string {
  const recipe = {
    LAB_RECIPE_REVISION, LAB_LADDER, LAB_SECONDS, LAB_LOOP_SECONDS, LAB_SOURCE, LAB_X264,
    FRAME_RATE, SEGMENT_SECONDS, AUDIO, AUDIO_TAIL_TRIM_SECONDS,
  };
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 16);
}
