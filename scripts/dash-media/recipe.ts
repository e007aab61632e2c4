// The media recipe: every knob that changes the generated files lives here,
// so the stamp (a hash of this object) changes whenever the output would.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VideoRung {
  /** Stable label used for intermediate file names and reports. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly kbps: number;
}

export interface DashVariant {
  /** Directory under media/ and the label in reports. */
  readonly name: 'number' | 'timeline' | 'single';
  readonly description: string;
}

/** Ordered from lowest to highest; DASH Representation ids follow this order (0..4), audio is 5. */
export const VIDEO_LADDER: readonly VideoRung[] = [
  { name: '144p', width: 256, height: 144, kbps: 300 },
  { name: '240p', width: 426, height: 240, kbps: 600 },
  { name: '360p', width: 640, height: 360, kbps: 1200 },
  { name: '540p', width: 960, height: 540, kbps: 2200 },
  { name: '720p', width: 1280, height: 720, kbps: 4000 },
];

export const VARIANTS: readonly DashVariant[] = [
  { name: 'number', description: 'SegmentTemplate with $Number$' },
  { name: 'timeline', description: 'SegmentTemplate + SegmentTimeline with $Time$' },
  { name: 'single', description: 'SegmentBase (sidx), one file per representation' },
];

export const DEFAULT_SECONDS = 40;
export const SEGMENT_SECONDS = 2;
export const FRAME_RATE = 25;
export const AUDIO = { kbps: 128, sampleRate: 48_000, channels: 2, frameSamples: 1024, toneHz: 440 } as const;
/** Source is rendered at the top rung size and scaled down, so every rung shows the same picture. */
export const SOURCE = { width: 1280, height: 720, noise: 'noise=alls=12:allf=t' } as const;
export const X264 = { preset: 'veryfast', profile: 'high', params: 'scenecut=0:open-gop=0' } as const;

/** Bump when something outside the constants above changes the output (ffmpeg flags, MPD rewriting). */
const RECIPE_REVISION = 1;

export interface MediaPaths {
  readonly root: string;
  readonly work: string;
  readonly stamp: string;
  readonly report: string;
  variantDir(variant: DashVariant['name']): string;
  manifest(variant: DashVariant['name']): string;
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function mediaPaths(root = path.join(REPO_ROOT, 'media')): MediaPaths {
  return {
    root,
    // Dot-directory: the origin refuses hidden paths, so intermediates are never served.
    work: path.join(root, '.work'),
    stamp: path.join(root, '.stamp.json'),
    report: path.join(root, 'report.json'),
    variantDir: (variant) => path.join(root, variant),
    manifest: (variant) => path.join(root, variant, 'manifest.mpd'),
  };
}

/** Duration in seconds; SPRINT_MEDIA_SECONDS may override, but must be whole segments. */
export function mediaSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['SPRINT_MEDIA_SECONDS'];
  if (raw === undefined || raw === '') return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < SEGMENT_SECONDS * 2 || seconds % SEGMENT_SECONDS !== 0) {
    throw new Error(`SPRINT_MEDIA_SECONDS must be an even whole number >= ${SEGMENT_SECONDS * 2}, got "${raw}"`);
  }
  return seconds;
}

export function segmentsPerRepresentation(seconds: number): number {
  return seconds / SEGMENT_SECONDS;
}

/**
 * Audio is encoded slightly shorter than the video. ffmpeg's DASH muxer (timeline and
 * single-file modes) cuts the audio whenever a video segment is cut, and the video is
 * interleaved by dts, which B-frames put 2 frames (80 ms) early; so audio segments end
 * ~80 ms before each 2 s mark, and a full-length track spills a tiny 21st segment.
 * Ending the audio this much early keeps exactly seconds/2 segments in every variant.
 */
export const AUDIO_TAIL_TRIM_SECONDS = 0.2;

/** Samples to feed the AAC encoder: whole frames, leaving room for its priming frame. */
export function audioContentSamples(seconds: number): number {
  const frames = Math.floor(((seconds - AUDIO_TAIL_TRIM_SECONDS) * AUDIO.sampleRate) / AUDIO.frameSamples);
  return (frames - 1) * AUDIO.frameSamples;
}

/** Hash of everything that shapes the intermediates (encode step). */
export function encodeRecipeKey(seconds: number): string {
  return hash({ RECIPE_REVISION, seconds, VIDEO_LADDER, FRAME_RATE, AUDIO, AUDIO_TAIL_TRIM_SECONDS, SOURCE, X264 });
}

/** Hash of everything that shapes the published media (encode + packaging). */
export function mediaRecipeKey(seconds: number): string {
  return hash({ encode: encodeRecipeKey(seconds), SEGMENT_SECONDS, VARIANTS });
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
