import { describe, expect, it } from 'vitest';
import { DynamicRule, dynamicThresholds, nextDynamicMode } from './dynamic-rule.js';
import { makeContext, samples } from './test-helpers.js';

describe('dynamic strategy thresholds (dash.js)', () => {
  it('switches on at 18 s (capped at 60 % of the target) and off at half that', () => {
    expect(dynamicThresholds(30)).toEqual({ onS: 18, offS: 9 });
    expect(dynamicThresholds(10)).toEqual({ onS: 6, offS: 3 });
  });

  it('has hysteresis between the two thresholds', () => {
    expect(nextDynamicMode('throughput', 17.9, 30)).toBe('throughput');
    expect(nextDynamicMode('throughput', 18, 30)).toBe('bola');
    expect(nextDynamicMode('bola', 9.1, 30)).toBe('bola');
    expect(nextDynamicMode('bola', 8.9, 30)).toBe('throughput');
  });
});

describe('DynamicRule', () => {
  it('uses throughput while the buffer is short and BOLA once it has grown, and falls back when it drains', () => {
    const rule = new DynamicRule();
    const fast = samples([6e6, 6e6, 6e6, 6e6, 6e6]);
    const modes: string[] = [];
    const reasons: string[] = [];
    for (const buffer of [0, 4, 10, 17, 19, 25, 12, 8.5, 12]) {
      const decision = rule.choose(makeContext({ bufferLevelS: buffer, throughputSamples: fast, previousLevel: 4 }));
      modes.push(rule.mode);
      reasons.push(decision.reason ?? '');
    }
    expect(modes).toEqual(['throughput', 'throughput', 'throughput', 'throughput', 'bola', 'bola', 'bola', 'throughput', 'throughput']);
    expect(reasons[3]).toMatch(/harmonic/);
    expect(reasons[4]).toMatch(/BOLA startup/);
    expect(reasons[5]).toMatch(/BOLA buffer/);
  });

  it('hands over to BOLA without a jump: BOLA starts from the throughput pick', () => {
    const rule = new DynamicRule();
    const three = samples([3e6, 3e6, 3e6, 3e6, 3e6]);
    const before = rule.choose(makeContext({ bufferLevelS: 17, throughputSamples: three, previousLevel: 3 })).level;
    const after = rule.choose(makeContext({ bufferLevelS: 19, throughputSamples: three, previousLevel: before })).level;
    const next = rule.choose(makeContext({ bufferLevelS: 20, throughputSamples: three, previousLevel: after })).level;
    expect([before, after, next]).toEqual([3, 3, 3]);
  });

  it('caps the throughput pick when the buffer is nearly empty (insufficient-buffer rule), after the first segments', () => {
    const rule = new DynamicRule();
    const fast = samples([6e6, 6e6, 6e6, 6e6, 6e6]);
    expect(rule.choose(makeContext({ bufferLevelS: 0, throughputSamples: fast })).level).toBe(4);
    expect(rule.choose(makeContext({ bufferLevelS: 0, throughputSamples: fast })).level).toBe(4);
    // 6 Mbit/s × 0.7 × 0.5 s / 2 s = 1.05 Mbit/s.
    expect(rule.choose(makeContext({ bufferLevelS: 0.5, throughputSamples: fast })).level).toBe(1);
  });
});
