import { describe, expect, it } from 'vitest';
import { bolaLevelForBuffer, bolaMaxBufferForLevel, bolaMinBufferForLevel, bolaParameters, bolaScore } from './bola-math.js';
import { BolaRule, INITIAL_BOLA_STATE, bolaStep, type BolaState } from './bola-rule.js';
import { TEST_LADDER, ladderOf, makeContext, samples } from './test-helpers.js';

const params = bolaParameters(TEST_LADDER, 30)!;

describe('BOLA parameters (dash.js BolaRule)', () => {
  it('uses a buffer time of max(target, 10 s + 2 s per rung)', () => {
    expect(params.bufferTimeS).toBe(30);
    expect(bolaParameters(TEST_LADDER, 12)!.bufferTimeS).toBe(20);
  });

  it('sets V and γp so the lowest rung scores 0 at 10 s and the top rung at the buffer time', () => {
    expect(bolaScore(params, 0, 10)).toBeCloseTo(0, 12);
    expect(bolaScore(params, 4, 30)).toBeCloseTo(0, 12);
    expect(params.vp * params.gp).toBeCloseTo(10, 9);
    expect(params.utilities[0]).toBe(0);
    expect(params.utilities[4]).toBeCloseTo(Math.log(4072238 / 305462), 12);
  });

  it('has nothing to adapt with one rung', () => {
    expect(bolaParameters(ladderOf([1e6]), 30)).toBeUndefined();
    expect(new BolaRule().choose(makeContext({ ladder: ladderOf([1e6]) })).level).toBe(0);
  });

  it('climbs the ladder as the buffer grows, from the lowest rung on an empty buffer to the top', () => {
    const levels = Array.from({ length: 61 }, (_, i) => bolaLevelForBuffer(params, i * 0.5));
    expect(levels[0]).toBe(0);
    expect(levels[60]).toBe(4);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThanOrEqual(levels[i - 1]!);
    expect(new Set(levels)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('puts each rung\'s minimum buffer V above the exact score crossover with the rung below (dash.js margin)', () => {
    for (let q = 1; q < 5; q++) {
      const crossover = bolaMinBufferForLevel(params, q) - params.vp;
      expect(bolaLevelForBuffer(params, crossover + 0.01)).toBe(q);
      expect(bolaLevelForBuffer(params, crossover - 0.01)).toBe(q - 1);
      expect(bolaMaxBufferForLevel(params, q)).toBeGreaterThan(bolaMinBufferForLevel(params, q));
    }
  });
});

function step(state: BolaState, overrides: Parameters<typeof makeContext>[0]) {
  return bolaStep(state, makeContext(overrides));
}

describe('BOLA startup', () => {
  it('picks by throughput, never above what it sustains, and seeds the placeholder to agree', () => {
    const first = step(INITIAL_BOLA_STATE, { bufferLevelS: 0, phase: 'startup' });
    expect(first.decision.level).toBe(1); // 1 Mbit/s default × 0.9 → 611 kbit/s
    const second = step(first.state, { bufferLevelS: 0, phase: 'startup', throughputSamples: samples([3e6, 3e6]), previousLevel: 1 });
    expect(second.decision.level).toBe(3); // 2.7 Mbit/s → 2.24 Mbit/s, not 4.07
    expect(second.state.phase).toBe('startup'); // nothing buffered yet
    expect(second.state.placeholderS).toBeCloseTo(bolaMinBufferForLevel(params, 3), 9);
    const third = step(second.state, { bufferLevelS: 4, phase: 'startup', throughputSamples: samples([3e6, 3e6, 3e6]), previousLevel: 3 });
    expect(third.decision.level).toBe(3);
    expect(third.state.phase).toBe('steady');
    // The seeded effective buffer makes BOLA's own map choose at least that rung.
    expect(bolaLevelForBuffer(params, 4 + third.state.placeholderS)).toBeGreaterThanOrEqual(3);
  });
});

describe('BOLA steady state', () => {
  const steady: BolaState = { ...INITIAL_BOLA_STATE, phase: 'steady', decisions: 10, lastBufferS: 20, lastCallMs: 8_000 };

  it('follows the buffer: low buffer → low rung, full buffer → top rung', () => {
    const fast = samples([20e6, 20e6, 20e6, 20e6, 20e6]);
    expect(step(steady, { bufferLevelS: 3, throughputSamples: fast, previousLevel: 0 }).decision.level).toBe(0);
    expect(step(steady, { bufferLevelS: 25, throughputSamples: fast, previousLevel: 3 }).decision.level).toBe(4);
  });

  it('BOLA-O: does not climb above both the previous rung and the sustainable one', () => {
    const three = samples([3e6, 3e6, 3e6, 3e6, 3e6]);
    expect(step(steady, { bufferLevelS: 25, throughputSamples: three, previousLevel: 3 }).decision.level).toBe(3);
    expect(step(steady, { bufferLevelS: 25, throughputSamples: three, previousLevel: 1 }).decision.level).toBe(3);
  });

  it('caps the rung when the buffer cannot cover its download (insufficient-buffer rule)', () => {
    const withPlaceholder = { ...steady, placeholderS: 25 };
    // 3 Mbit/s × 0.7 × 1 s / 2 s = 1.05 Mbit/s → 611 kbit/s, though the effective buffer says top.
    const decision = step(withPlaceholder, { bufferLevelS: 1, throughputSamples: samples([3e6, 3e6, 3e6]), previousLevel: 4 }).decision;
    expect(decision.level).toBe(1);
    expect(decision.reason).toMatch(/capped/);
  });

  it('clears the placeholder when the buffer runs dry', () => {
    const next = step({ ...steady, placeholderS: 12 }, { bufferLevelS: 0, phase: 'recovering', throughputSamples: samples([3e6]), previousLevel: 3 });
    expect(next.state.placeholderS).toBe(0);
    expect(next.decision.level).toBe(0);
  });

  it('adds the time nothing was in flight to the placeholder, after decaying it', () => {
    const next = step({ ...steady, placeholderS: 5 }, { bufferLevelS: 20, idleSinceMs: 9_500, nowMs: 11_000, throughputSamples: samples([5e6]), previousLevel: 3 });
    expect(next.state.placeholderS).toBeCloseTo(5 * 0.99 + 1.5, 9);
    // Idle since before the previous decision: only the time since that decision is new.
    const again = step({ ...steady, placeholderS: 5, lastCallMs: 10_000 }, { bufferLevelS: 20, idleSinceMs: 9_500, nowMs: 11_000, throughputSamples: samples([5e6]), previousLevel: 3 });
    expect(again.state.placeholderS).toBeCloseTo(5 * 0.99 + 1, 9);
  });

  it('credits no idle time while another request is in flight, or when the caller does not say', () => {
    const busy = step({ ...steady, placeholderS: 5 }, { bufferLevelS: 20, idleSinceMs: undefined, nowMs: 11_000, throughputSamples: samples([5e6]), previousLevel: 3 });
    expect(busy.state.placeholderS).toBeCloseTo(5 * 0.99, 9);
  });

  it('caps the placeholder so the previous request\'s effective buffer stays within its rung', () => {
    const max3 = bolaMaxBufferForLevel(params, 3);
    const next = step({ ...steady, placeholderS: 40, lastBufferS: 20 }, { bufferLevelS: 20, idleSinceMs: 10_000, nowMs: 10_000, throughputSamples: samples([5e6]), previousLevel: 3 });
    expect(next.state.placeholderS).toBeLessThanOrEqual(max3 - 20 + 1e-9);
  });

  it('reset() returns to startup', () => {
    const rule = new BolaRule();
    rule.choose(makeContext({ bufferLevelS: 4, previousLevel: 1, throughputSamples: samples([3e6]) }));
    expect(rule.current.phase).toBe('steady');
    rule.reset();
    expect(rule.current).toEqual(INITIAL_BOLA_STATE);
  });
});
