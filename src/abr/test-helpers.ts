/** Contexts and ladders for ABR unit tests. */
import type { AbrContext, LadderRung, ThroughputObservation } from './types.js';

/** Sprint's generated ladder (bits/s). */
export const TEST_LADDER_BPS = [305462, 611660, 1223224, 2242364, 4072238] as const;

export function ladderOf(bitrates: readonly number[]): LadderRung[] {
  return bitrates.map((bandwidth, level) => ({ level, id: `v${level}`, bandwidth, codecs: 'avc1.64001f' }));
}

export const TEST_LADDER: readonly LadderRung[] = ladderOf(TEST_LADDER_BPS);

/** One sample per bits/s value, a second apart, ending at `endMs`. */
export function samples(bps: readonly number[], endMs = 10_000): ThroughputObservation[] {
  return bps.map((value, i) => ({ atMs: endMs - (bps.length - 1 - i) * 1000, bps: value, bytes: value / 4 }));
}

export function makeContext(overrides: Partial<AbrContext> = {}): AbrContext {
  return {
    nowMs: 10_000,
    contentType: 'video',
    ladder: TEST_LADDER,
    bufferLevelS: 10,
    bufferTargetS: 30,
    segmentDurationS: 2,
    segmentIndex: 10,
    segmentCount: 100,
    throughputBps: undefined,
    throughputSamples: [],
    rttMs: undefined,
    fairShareBps: undefined,
    previousLevel: undefined,
    playbackRate: 1,
    phase: 'steady',
    ...overrides,
  };
}
