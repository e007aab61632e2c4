/**
 * The insufficient-buffer safeguard of dash.js's InsufficientBufferRule:
 * never fetch a segment whose download would outlast the buffer. The cap is
 *     throughput × 0.7 × buffer / segment duration
 * (a segment of bitrate R takes R·d / throughput seconds; it must fit in the
 * buffer with a 0.7 safety factor, dash.js's `throughputSafetyFactor`). An
 * empty buffer gives the lowest rung. dash.js skips the rule for the first
 * two segments after a start or seek (`segmentIgnoreCount: 2`), when the
 * buffer is empty by construction; callers decide when it applies.
 */
import { highestLevelUnder } from './throughput-rule.js';
import type { AbrContext } from './types.js';

export interface InsufficientBufferOptions {
  /** dash.js insufficientBufferRule.parameters.throughputSafetyFactor. */
  readonly safetyFactor: number;
  /** dash.js insufficientBufferRule.parameters.segmentIgnoreCount. */
  readonly ignoreFirstSegments: number;
}

export const DEFAULT_INSUFFICIENT_BUFFER: InsufficientBufferOptions = { safetyFactor: 0.7, ignoreFirstSegments: 2 };

/** Highest level the buffer can cover at `throughputBps`; undefined when there is no throughput yet. */
export function insufficientBufferCap(
  context: AbrContext,
  throughputBps: number | undefined,
  safetyFactor = DEFAULT_INSUFFICIENT_BUFFER.safetyFactor,
): number | undefined {
  if (throughputBps === undefined || !(context.segmentDurationS > 0)) return undefined;
  const buffer = context.phase === 'recovering' ? 0 : Math.max(0, context.bufferLevelS);
  const capBps = (throughputBps * safetyFactor * buffer) / context.segmentDurationS;
  return highestLevelUnder(context.ladder, capBps);
}
