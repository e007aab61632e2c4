import { describe, expect, it } from 'vitest';
import { busyMs, fairShareFraction, mbpsOf, summarizeRange } from './busy-time.js';

describe('busyMs', () => {
  it('counts overlapping requests once and skips gaps', () => {
    expect(busyMs([{ startMs: 0, endMs: 100 }, { startMs: 50, endMs: 150 }, { startMs: 200, endMs: 250 }])).toBe(200);
  });

  it('handles unsorted, nested, touching and empty intervals', () => {
    const intervals = [
      { startMs: 300, endMs: 400 },
      { startMs: 0, endMs: 100 },
      { startMs: 10, endMs: 20 },
      { startMs: 100, endMs: 120 },
      { startMs: 500, endMs: 500 },
    ];
    expect(busyMs(intervals)).toBe(220);
    expect(busyMs([])).toBe(0);
  });
});

describe('fair share', () => {
  it('turns bytes over busy time into a fraction of the fair share', () => {
    const mbps = mbpsOf(1_200_000, 1000);
    expect(mbps).toBeCloseTo(9.6);
    expect(fairShareFraction(mbps, 9.6)).toBeCloseTo(1);
    expect(fairShareFraction(5, 0)).toBe(0);
  });

  it('summarizes repeated runs as a range', () => {
    expect(summarizeRange([0.9, 0.8, Number.NaN, 1])).toEqual({ min: 0.8, max: 1, mean: 0.9, values: [0.9, 0.8, 1] });
    expect(summarizeRange([]).values).toEqual([]);
  });
});
