import { describe, expect, it } from 'vitest';
import { Ewma } from './ewma.js';
import { ThroughputEstimator, harmonicMean } from './throughput.js';
import { RttEstimator } from './rtt.js';

describe('Ewma', () => {
  it('is unbiased after one sample (zero-factor correction)', () => {
    const e = new Ewma(2);
    e.add(0.5, 1000);
    expect(e.value()).toBeCloseTo(1000, 6);
  });
  it('moves half way to a new value after one half-life of weight', () => {
    const e = new Ewma(3);
    e.add(100, 10); // saturate at 10
    e.add(3, 20);
    expect(e.value()).toBeCloseTo(15, 1);
  });
  it('rejects a non-positive half-life', () => {
    expect(() => new Ewma(0)).toThrow(RangeError);
  });
});

describe('ThroughputEstimator', () => {
  it('has no estimate before a large enough sample', () => {
    const t = new ThroughputEstimator();
    t.add({ atMs: 0, bytes: 1000, durationMs: 10 });
    expect(t.estimateBps()).toBeUndefined();
    expect(t.recentBps()).toHaveLength(1);
  });
  it('estimates a steady rate exactly', () => {
    const t = new ThroughputEstimator();
    for (let i = 0; i < 5; i++) t.add({ atMs: i * 1000, bytes: 500_000, durationMs: 1000 });
    expect(t.estimateBps()).toBeCloseTo(4_000_000, -3);
  });
  it('follows a drop faster than a rise (min of fast and slow)', () => {
    const down = new ThroughputEstimator();
    const up = new ThroughputEstimator();
    for (let i = 0; i < 10; i++) {
      down.add({ atMs: i, bytes: 1_000_000, durationMs: 1000 }); // 8 Mbit/s
      up.add({ atMs: i, bytes: 125_000, durationMs: 1000 }); // 1 Mbit/s
    }
    down.add({ atMs: 11, bytes: 125_000, durationMs: 1000 });
    up.add({ atMs: 11, bytes: 1_000_000, durationMs: 1000 });
    const dropFraction = (8e6 - down.estimateBps()!) / 7e6;
    const riseFraction = (up.estimateBps()! - 1e6) / 7e6;
    expect(dropFraction).toBeGreaterThan(riseFraction);
  });
  it('ignores samples with no duration', () => {
    const t = new ThroughputEstimator();
    t.add({ atMs: 0, bytes: 100_000, durationMs: 0 });
    expect(t.recentBps()).toHaveLength(0);
  });
  it('keeps a bounded history', () => {
    const t = new ThroughputEstimator({ historySize: 3 });
    for (let i = 0; i < 10; i++) t.add({ atMs: i, bytes: 100_000 + i, durationMs: 100 });
    expect(t.recentBps().map((s) => s.atMs)).toEqual([7, 8, 9]);
  });
});

describe('harmonicMean', () => {
  it('is dominated by the low values', () => {
    expect(harmonicMean([1, 4, 4])).toBeCloseTo(2, 6);
    expect(harmonicMean([])).toBeUndefined();
  });
});

describe('RttEstimator', () => {
  it('takes the windowed minimum as base RTT', () => {
    const r = new RttEstimator(10_000);
    r.add(0, 30);
    r.add(1000, 80);
    r.add(2000, 60);
    expect(r.baseRttMs()).toBe(30);
    r.add(11_500, 70); // samples before 1500 ms age out
    expect(r.baseRttMs()).toBe(60);
    expect(r.loadedRttMs()).toBeGreaterThan(60);
  });

  it('lets queued first bytes bound the base RTT only until a real sample arrives, and never the loaded RTT', () => {
    const r = new RttEstimator(10_000);
    expect(r.baseRttMs()).toBeUndefined();
    r.addQueued(700);
    r.addQueued(180);
    r.addQueued(900);
    expect(r.baseRttMs()).toBe(180);
    expect(r.loadedRttMs()).toBeUndefined();
    expect(r.currentRttMs()).toBe(180);
    r.add(5000, 250); // a lone request: a round trip, even if above the bound
    expect(r.baseRttMs()).toBe(250);
    expect(r.loadedRttMs()).toBe(250);
    r.addQueued(100);
    expect(r.baseRttMs()).toBe(250);
    expect(r.loadedRttMs()).toBe(250);
    r.addQueued(-1);
    r.addQueued(Number.NaN);
    expect(r.baseRttMs()).toBe(250);
  });
});
