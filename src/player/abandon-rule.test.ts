import { describe, expect, it } from 'vitest';
import { abandonDecision, levelUnder, type AbandonInput } from './abandon-rule.js';

const LADDER = [509_070, 1_017_551, 2_038_747, 4_078_540, 8_153_381, 14_276_415];
const segmentBytes = (level: number) => (LADDER[level]! * 2) / 8;

function input(over: Partial<AbandonInput>): AbandonInput {
  return { playing: true, bufferAheadS: 16, rateBps: 1_900_000, otherBytesRemaining: 0, inFlight: [], ladderBps: LADDER, ...over };
}

describe('abandonDecision', () => {
  it('abandons top-rung segments that cannot arrive before a 16 s buffer runs out at 1.9 Mbit/s', () => {
    // Three 3.6 MB segments: 15 s each at 1.9 Mbit/s. The second would land at ~30 s.
    const inFlight = [0, 1, 2].map((i) => ({ index: 40 + i, level: 5, bytesRemaining: segmentBytes(5) * (i === 0 ? 0.4 : 1), durationS: 2, elapsedMs: 3000 }));
    expect(abandonDecision(input({ inFlight }))).toEqual({ fromIndex: 41, maxLevel: 1 });
  });

  it('leaves requests that will make it alone', () => {
    const inFlight = [{ index: 40, level: 5, bytesRemaining: 200_000, durationS: 2, elapsedMs: 3000 }];
    expect(abandonDecision(input({ inFlight }))).toBeUndefined();
  });

  it('waits for a rate worth trusting: none during an outage, none before a request ran a second', () => {
    const inFlight = [{ index: 40, level: 5, bytesRemaining: segmentBytes(5) * 3, durationS: 2, elapsedMs: 3000 }];
    expect(abandonDecision(input({ inFlight, rateBps: 0 }))).toBeUndefined();
    expect(abandonDecision(input({ inFlight, rateBps: undefined }))).toBeUndefined();
    expect(abandonDecision(input({ inFlight: [{ ...inFlight[0]!, elapsedMs: 400 }], bufferAheadS: 2 }))).toBeUndefined();
  });

  it('does nothing while paused, or when a lower level would not be much smaller', () => {
    const inFlight = [{ index: 40, level: 5, bytesRemaining: segmentBytes(5) * 3, durationS: 2, elapsedMs: 3000 }];
    expect(abandonDecision(input({ inFlight, playing: false }))).toBeUndefined();
    const lowRung = [{ index: 40, level: 1, bytesRemaining: 200_000, durationS: 2, elapsedMs: 3000 }];
    expect(abandonDecision(input({ inFlight: lowRung, bufferAheadS: 1, rateBps: 900_000 }))).toBeUndefined();
  });

  it('counts the audio still to come as sharing the link', () => {
    const inFlight = [{ index: 40, level: 4, bytesRemaining: 1_500_000, durationS: 2, elapsedMs: 2000 }];
    expect(abandonDecision(input({ inFlight, bufferAheadS: 9 }))).toBeUndefined();
    expect(abandonDecision(input({ inFlight, bufferAheadS: 9, otherBytesRemaining: 400_000 }))).toEqual({ fromIndex: 40, maxLevel: 1 });
  });
});

describe('levelUnder', () => {
  it('picks the highest rung under a rate, the lowest when none fits', () => {
    expect(levelUnder(LADDER, 1_520_000)).toBe(1);
    expect(levelUnder(LADDER, 100_000)).toBe(0);
    expect(levelUnder(LADDER, 20_000_000)).toBe(5);
  });
});
