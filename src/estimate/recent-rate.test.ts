import { describe, expect, it } from 'vitest';
import { RecentRate } from './recent-rate.js';

describe('RecentRate', () => {
  it('measures what arrived over the last window', () => {
    const rate = new RecentRate(2000);
    for (let t = 0; t <= 4000; t += 100) rate.add(t, 12_500); // 1 Mbit/s
    expect(rate.rateBps(4000, true)).toBeCloseTo(1_000_000, -4);
  });

  it('follows a drop within the window', () => {
    const rate = new RecentRate(2000);
    for (let t = 0; t < 4000; t += 100) rate.add(t, 250_000); // 20 Mbit/s
    for (let t = 4000; t <= 6000; t += 100) rate.add(t, 25_000); // 2 Mbit/s
    expect(rate.rateBps(6000, true)).toBeCloseTo(2_000_000, -5);
  });

  it('says nothing before data has flowed for a window, and 0 when it stopped while busy', () => {
    const rate = new RecentRate(2000);
    rate.add(1000, 10_000);
    expect(rate.rateBps(1200, true)).toBeUndefined();
    expect(rate.rateBps(5000, true)).toBe(0);
    expect(rate.rateBps(5000, false)).toBeUndefined();
  });
});
