/**
 * The arithmetic of BOLA-BASIC (Spiteri, Urgaonkar, Sitaraman, "BOLA:
 * Near-Optimal Bitrate Adaptation for Online Videos", INFOCOM 2016, §IV),
 * parameterised as dash.js's BolaRule does it. Pure functions of the ladder.
 *
 * Utility of rung m: v_m = ln(S_m / S_1) (0 for the lowest rung). For buffer
 * level Q (seconds), BOLA picks the rung maximising
 *     (V·(v_m + γp) − Q) / S_m
 * Using bitrates for sizes is exact for constant-duration segments, since
 * every size scales by the same duration.
 *
 * V and γp are set (dash.js) so that the lowest rung's score reaches 0 at the
 * minimum buffer and the top rung's at the buffer target B:
 *     minimum buffer M = 10 s + 2 s per rung   (dash.js MINIMUM_BUFFER_S = 10,
 *                                               MINIMUM_BUFFER_PER_BITRATE_LEVEL_S = 2)
 *     B  = max(buffer target, M)
 *     γp = v_top / (B / 10 s − 1),   V = 10 s / γp
 * With five rungs, B = max(target, 20 s).
 */
import type { LadderRung } from './types.js';

/** dash.js MINIMUM_BUFFER_S: BOLA never idles below this buffer. */
export const BOLA_MINIMUM_BUFFER_S = 10;
/** dash.js MINIMUM_BUFFER_PER_BITRATE_LEVEL_S. */
export const BOLA_MINIMUM_BUFFER_PER_LEVEL_S = 2;

export interface BolaParameters {
  /** Bits/s, lowest first. */
  readonly bitrates: readonly number[];
  /** v_m = ln(S_m / S_1). */
  readonly utilities: readonly number[];
  /** Seconds; the V of the paper. */
  readonly vp: number;
  /** The γp of the paper (dimensionless here: utilities are). */
  readonly gp: number;
  /** The buffer level (s) at which the top rung's score reaches 0. */
  readonly bufferTimeS: number;
}

/** Undefined for a ladder with one rung (or equal bitrates): nothing to adapt. */
export function bolaParameters(ladder: readonly LadderRung[], bufferTargetS: number): BolaParameters | undefined {
  const bitrates = ladder.map((r) => r.bandwidth);
  const lowest = bitrates[0];
  if (lowest === undefined || !(lowest > 0)) return undefined;
  const utilities = bitrates.map((b) => Math.log(b / lowest));
  const topUtility = Math.max(...utilities);
  if (!(topUtility > 0)) return undefined;
  const minimumS = BOLA_MINIMUM_BUFFER_S + BOLA_MINIMUM_BUFFER_PER_LEVEL_S * ladder.length;
  const bufferTimeS = Math.max(bufferTargetS, minimumS);
  const gp = topUtility / (bufferTimeS / BOLA_MINIMUM_BUFFER_S - 1);
  return { bitrates, utilities, vp: BOLA_MINIMUM_BUFFER_S / gp, gp, bufferTimeS };
}

/** BOLA's objective for rung `level` at buffer `bufferS`. */
export function bolaScore(params: BolaParameters, level: number, bufferS: number): number {
  return (params.vp * (params.utilities[level]! + params.gp) - bufferS) / params.bitrates[level]!;
}

/** The rung with the highest score; ties go to the higher rung, as in dash.js. */
export function bolaLevelForBuffer(params: BolaParameters, bufferS: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let level = 0; level < params.bitrates.length; level++) {
    const score = bolaScore(params, level, bufferS);
    if (score >= bestScore) {
      bestScore = score;
      best = level;
    }
  }
  return best;
}

/**
 * The effective buffer at which BOLA is settled on `level` over every lower
 * rung. The exact crossover with rung i is V·(γp + (S_q·v_i − S_i·v_q)/(S_q − S_i));
 * dash.js evaluates it with utilities offset by one, which lands V seconds
 * higher. We keep that margin: a placeholder seeded from it does not slide
 * back a rung as soon as the real buffer wobbles.
 */
export function bolaMinBufferForLevel(params: BolaParameters, level: number): number {
  const { bitrates, utilities, vp, gp } = params;
  const sq = bitrates[level]!;
  const vq = utilities[level]!;
  let min = 0;
  for (let i = level - 1; i >= 0; i--) {
    const si = bitrates[i]!;
    const vi = utilities[i]!;
    if (!(vi < vq) || !(sq > si)) continue;
    min = Math.max(min, vp * (gp + 1 + (sq * vi - si * vq) / (sq - si)));
  }
  return min;
}

/**
 * The effective buffer above which BOLA would rather wait than fetch `level`
 * (its score turns negative), plus dash.js's margin of V: V·(v_q + 1 + γp).
 */
export function bolaMaxBufferForLevel(params: BolaParameters, level: number): number {
  return params.vp * (params.utilities[level]! + 1 + params.gp);
}
