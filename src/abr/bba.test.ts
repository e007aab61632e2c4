import { describe, expect, it } from 'vitest';
import { BbaRule, bbaLevel, bbaRateMap } from './bba.js';
import { TEST_LADDER, TEST_LADDER_BPS, makeContext } from './test-helpers.js';

const [MIN, , , , MAX] = TEST_LADDER_BPS;

describe('BBA-0 rate map', () => {
  it('is the lowest rate up to the reservoir, the highest from reservoir + cushion, and linear between', () => {
    expect(bbaRateMap(0, TEST_LADDER)).toBe(MIN);
    expect(bbaRateMap(5, TEST_LADDER)).toBe(MIN);
    expect(bbaRateMap(15, TEST_LADDER)).toBe(MAX);
    expect(bbaRateMap(40, TEST_LADDER)).toBe(MAX);
    expect(bbaRateMap(10, TEST_LADDER)).toBeCloseTo((MIN + MAX) / 2, 6);
    expect(bbaRateMap(7.5, TEST_LADDER)).toBeCloseTo(MIN + (MAX - MIN) * 0.25, 6);
  });

  it('honours custom reservoir and cushion', () => {
    expect(bbaRateMap(20, TEST_LADDER, { reservoirS: 10, cushionS: 20 })).toBeCloseTo((MIN + MAX) / 2, 6);
  });
});

describe('BBA-0 level choice', () => {
  it('picks the lowest rung below the reservoir whatever came before', () => {
    for (const previous of [undefined, 0, 2, 4]) expect(bbaLevel(4.9, TEST_LADDER, previous)).toBe(0);
  });

  it('picks the highest rung above reservoir + cushion whatever came before', () => {
    for (const previous of [undefined, 0, 2, 4]) expect(bbaLevel(15.1, TEST_LADDER, previous)).toBe(4);
  });

  it('maps linearly between, with the paper hysteresis: climbs to the highest rung under f(B), falls to the lowest rung over it', () => {
    // f(9 s) = 1.81 Mbit/s, between the 1.22 and 2.24 Mbit/s rungs.
    expect(bbaLevel(9, TEST_LADDER, 0)).toBe(2);
    expect(bbaLevel(9, TEST_LADDER, 2)).toBe(2);
    expect(bbaLevel(9, TEST_LADDER, 3)).toBe(3);
    expect(bbaLevel(9, TEST_LADDER, 4)).toBe(3);
    // Coming from below, the choice follows the map upwards rung by rung.
    const climbing = [5.5, 6, 8, 10.5, 14].map((b) => bbaLevel(b, TEST_LADDER, 0));
    expect(climbing).toEqual([0, 1, 2, 3, 3]);
  });

  it('keeps the previous rung while f(B) stays between its neighbours', () => {
    // Level 3 (2.24 Mbit/s) holds from f(B) > 1.22 to f(B) < 4.07 Mbit/s: buffers ~7.4 s to 15 s.
    for (const b of [7.6, 10, 12, 14.9]) expect(bbaLevel(b, TEST_LADDER, 3)).toBe(3);
    expect(bbaLevel(7.3, TEST_LADDER, 3)).toBe(2);
  });

  it('explains itself', () => {
    const rule = new BbaRule();
    expect(rule.choose(makeContext({ bufferLevelS: 3 })).reason).toMatch(/reservoir/);
    expect(rule.choose(makeContext({ bufferLevelS: 20 })).reason).toMatch(/cushion/);
  });
});
