import { describe, expect, it } from 'vitest';
import { FairShareEstimator } from './fair-share.js';

/** A busy period that ramps linearly to `bps` over `rampS`, then holds it. */
function feed(estimator: FairShareEstimator, startMs: number, durationS: number, bps: number, rampS: number): number {
  estimator.busyStart(startMs);
  for (let t = 0.01; t <= durationS + 1e-9; t += 0.01) {
    const rate = t < rampS ? (bps * t) / rampS : bps;
    estimator.addChunk(startMs + t * 1000, (rate / 8) * 0.01);
  }
  const endMs = startMs + durationS * 1000;
  estimator.busyEnd(endMs);
  return endMs;
}

describe('FairShareEstimator', () => {
  it('measures the steady rate of a long busy period, not its ramp-up', () => {
    const e = new FairShareEstimator();
    feed(e, 0, 20, 10e6, 3);
    expect(e.estimateBps(20_000)! / 10e6).toBeGreaterThan(0.99);
  });

  it('ignores busy periods too short to have a steady part', () => {
    const e = new FairShareEstimator();
    feed(e, 0, 3, 10e6, 3);
    expect(e.estimateBps(3000)).toBeUndefined();
  });

  it('includes the steady part of the period under way', () => {
    const e = new FairShareEstimator();
    e.busyStart(0);
    for (let t = 10; t <= 10_000; t += 10) e.addChunk(t, 12_500); // 10 Mbit/s
    expect(e.estimateBps(10_000)! / 10e6).toBeCloseTo(1, 2);
    expect(e.lastActivityMs).toBe(10_000);
  });

  it('weighs periods by their steady seconds', () => {
    const e = new FairShareEstimator();
    let t = feed(e, 0, 30, 8e6, 1);
    t = feed(e, t + 5000, 6, 4e6, 1);
    const estimate = e.estimateBps(t)!;
    expect(estimate).toBeLessThan(8e6);
    expect(estimate).toBeGreaterThan(6e6);
  });

  it('counts the bytes of the busy period under way, and none once it ends', () => {
    const e = new FairShareEstimator();
    e.addChunk(5, 999); // before any busy period: activity, not a period's bytes
    expect(e.busyPeriodBytes()).toBe(0);
    e.busyStart(10);
    e.addChunk(20, 1000);
    e.addChunk(30, 500);
    expect(e.busyPeriodBytes()).toBe(1500);
    e.busyEnd(40);
    expect(e.busyPeriodBytes()).toBe(0);
    e.busyStart(50);
    e.addChunk(60, 200);
    expect(e.busyPeriodBytes()).toBe(200);
  });
});
