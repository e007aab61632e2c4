/**
 * The media the simulator streams: a ladder, a segment duration and a size
 * for every (level, segment). Constant bitrate by default; a variable-bitrate
 * model spreads sizes deterministically (seeded) around bitrate × duration.
 */
import type { RepresentationInfo } from '../player/types.js';

/** Sprint's generated test ladder (bits/s), 2 s segments (media/, scripts/media.ts). */
export const SPRINT_LADDER_BPS: readonly number[] = [305462, 611660, 1223224, 2242364, 4072238];

export interface SimMedia {
  readonly levels: readonly RepresentationInfo[];
  readonly segmentDurationS: number;
  readonly segmentCount: number;
  segmentBytes(level: number, index: number): number;
}

export function ladderOf(bitratesBps: readonly number[]): RepresentationInfo[] {
  return bitratesBps.map((bandwidth, level) => ({ id: `v${level}`, contentType: 'video', bandwidth, codecs: 'avc1.64001f', level }));
}

export function constantBitrateMedia(bitratesBps: readonly number[], segmentDurationS: number, durationS: number): SimMedia {
  const levels = ladderOf(bitratesBps);
  return {
    levels,
    segmentDurationS,
    segmentCount: Math.ceil(durationS / segmentDurationS - 1e-9),
    segmentBytes: (level) => Math.round((levels[level]!.bandwidth * segmentDurationS) / 8),
  };
}

/** Sizes uniformly within ±spread of nominal, the same for a given seed. */
export function variableBitrateMedia(bitratesBps: readonly number[], segmentDurationS: number, durationS: number, spread = 0.3, seed = 1): SimMedia {
  const base = constantBitrateMedia(bitratesBps, segmentDurationS, durationS);
  return {
    ...base,
    segmentBytes: (level, index) => Math.round(base.segmentBytes(level, index) * (1 + spread * (2 * unitHash(seed, index) - 1))),
  };
}

/** A deterministic value in [0, 1) per (seed, index); all levels of a segment share it, as scene complexity does. */
function unitHash(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
