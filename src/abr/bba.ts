/**
 * BBA-0, the buffer-based rate map of Huang, Johari, McKeown, Trunnell and
 * Watson, "A Buffer-Based Approach to Rate Adaptation: Evidence from a Large
 * Video Streaming Service", SIGCOMM 2014, §4 and Algorithm 1.
 *
 * The rate is a function of the buffer alone:
 *   buffer ≤ reservoir                    → lowest rung
 *   buffer ≥ reservoir + cushion          → highest rung
 *   in between                            → f(B) = Rmin + (Rmax − Rmin) · (B − reservoir) / cushion
 * with the paper's hysteresis: keep the previous rung until f(B) reaches the
 * next rung up (then take the highest rung strictly below f(B)) or falls to
 * the next rung down (then take the lowest rung strictly above f(B)).
 *
 * Parameters: the paper uses a 90 s reservoir and a 126 s cushion for a 240 s
 * buffer; a browser player keeps ~30 s, so Sprint defaults to 5 s and 10 s.
 * Throughput is never consulted.
 */
import type { AbrContext, AbrController, AbrDecision, LadderRung } from './types.js';

export interface BbaOptions {
  /** Seconds below which the lowest rung is always chosen. */
  readonly reservoirS: number;
  /** Seconds over which the map climbs from the lowest to the highest rung. */
  readonly cushionS: number;
}

export const DEFAULT_BBA: BbaOptions = { reservoirS: 5, cushionS: 10 };

/** f(B): the rate (bits/s) the linear map assigns to a buffer level. */
export function bbaRateMap(bufferS: number, ladder: readonly LadderRung[], options: BbaOptions = DEFAULT_BBA): number {
  const min = ladder[0]?.bandwidth ?? 0;
  const max = ladder[ladder.length - 1]?.bandwidth ?? 0;
  if (bufferS <= options.reservoirS) return min;
  if (bufferS >= options.reservoirS + options.cushionS) return max;
  return min + ((max - min) * (bufferS - options.reservoirS)) / options.cushionS;
}

/** Algorithm 1 of the paper: the next level given the buffer and the previous level. */
export function bbaLevel(bufferS: number, ladder: readonly LadderRung[], previousLevel: number | undefined, options: BbaOptions = DEFAULT_BBA): number {
  const top = ladder.length - 1;
  if (top <= 0) return 0;
  if (bufferS <= options.reservoirS) return 0;
  if (bufferS >= options.reservoirS + options.cushionS) return top;
  const rate = bbaRateMap(bufferS, ladder, options);
  const previous = Math.max(0, Math.min(top, previousLevel ?? 0));
  const ratePlus = ladder[Math.min(top, previous + 1)]!.bandwidth;
  const rateMinus = ladder[Math.max(0, previous - 1)]!.bandwidth;
  if (rate >= ratePlus) return highestStrictlyBelow(ladder, rate);
  if (rate <= rateMinus) return lowestStrictlyAbove(ladder, rate);
  return previous;
}

function highestStrictlyBelow(ladder: readonly LadderRung[], rate: number): number {
  let level = 0;
  for (const rung of ladder) if (rung.bandwidth < rate) level = rung.level;
  return level;
}

function lowestStrictlyAbove(ladder: readonly LadderRung[], rate: number): number {
  for (const rung of ladder) if (rung.bandwidth > rate) return rung.level;
  return ladder.length - 1;
}

export class BbaRule implements AbrController {
  readonly name = 'bba';
  private readonly options: BbaOptions;

  constructor(options: Partial<BbaOptions> = {}) {
    this.options = { ...DEFAULT_BBA, ...options };
  }

  choose(context: AbrContext): AbrDecision {
    const { reservoirS, cushionS } = this.options;
    const level = bbaLevel(context.bufferLevelS, context.ladder, context.previousLevel, this.options);
    const buffer = context.bufferLevelS.toFixed(1);
    const reason =
      context.bufferLevelS <= reservoirS
        ? `buffer ${buffer} s ≤ reservoir ${reservoirS} s`
        : context.bufferLevelS >= reservoirS + cushionS
          ? `buffer ${buffer} s ≥ reservoir + cushion ${reservoirS + cushionS} s`
          : `buffer ${buffer} s maps to ${(bbaRateMap(context.bufferLevelS, context.ladder, this.options) / 1e6).toFixed(2)} Mbit/s`;
    return { level, reason };
  }
}
