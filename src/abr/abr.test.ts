import { describe, expect, it } from 'vitest';
import { ThroughputRule, highestLevelUnder } from './throughput-rule.js';
import { resolveAbr } from './registry.js';
import { SprintError } from '../errors.js';
import { ladderOf, makeContext } from './test-helpers.js';

const ladder = ladderOf([300e3, 600e3, 1.2e6, 2.2e6, 4e6]);
const context: typeof makeContext = (overrides = {}) => makeContext({ ladder, ...overrides });

describe('highestLevelUnder', () => {
  it('picks the highest rung at or under the rate, and the lowest when none fits', () => {
    expect(highestLevelUnder(ladder, 2.2e6)).toBe(3);
    expect(highestLevelUnder(ladder, 2.19e6)).toBe(2);
    expect(highestLevelUnder(ladder, 100)).toBe(0);
  });
});

describe('ThroughputRule', () => {
  it('starts from the 1 Mbit/s default estimate', () => {
    expect(new ThroughputRule().choose(context()).level).toBe(1);
  });
  it('uses the harmonic mean of recent samples with a safety factor', () => {
    const samples = [5e6, 5e6, 5e6].map((bps, i) => ({ atMs: i, bps, bytes: 1e6 }));
    expect(new ThroughputRule().choose(context({ throughputSamples: samples })).level).toBe(4);
    const withDip = [5e6, 5e6, 1e6].map((bps, i) => ({ atMs: i, bps, bytes: 1e6 }));
    // harmonic mean 2.14 Mbit/s × 0.9 = 1.93 → 1.2 Mbit/s rung
    expect(new ThroughputRule().choose(context({ throughputSamples: withDip })).level).toBe(2);
  });
});

describe('resolveAbr', () => {
  it('resolves names, objects and factories, and rejects unknown names with a typed error', () => {
    expect(resolveAbr('throughput').name).toBe('throughput');
    const mine = { name: 'mine', choose: () => ({ level: 0 }) };
    expect(resolveAbr(mine)).toBe(mine);
    expect(resolveAbr(() => mine)).toBe(mine);
    expect(() => resolveAbr('nope')).toThrow(SprintError);
  });
  it('knows every built-in controller by its name and makes a fresh one each time', () => {
    for (const name of ['throughput', 'bba', 'bola', 'robustmpc', 'dynamic']) {
      const controller = resolveAbr(name);
      expect(controller.name).toBe(name);
      expect(resolveAbr(name)).not.toBe(controller);
      const level = controller.choose(context()).level;
      expect(level).toBeGreaterThanOrEqual(0);
      expect(level).toBeLessThan(ladder.length);
    }
  });
  it('adds extra names beside the built-ins', () => {
    const mine = { name: 'mine', choose: () => ({ level: 2 }) };
    expect(resolveAbr('mine', { mine: () => mine })).toBe(mine);
    expect(resolveAbr('bola', { mine: () => mine }).name).toBe('bola');
  });
});
