import { describe, expect, it } from 'vitest';
import { perSegmentQoe, summarizeQoe, type QoeSegment } from './qoe.js';

const segments: QoeSegment[] = [
  { bitrateBps: 1e6, rebufferS: 0, durationS: 2 },
  { bitrateBps: 2e6, rebufferS: 0.5, durationS: 2 },
  { bitrateBps: 2e6, rebufferS: 0, durationS: 2 },
  { bitrateBps: 1e6, rebufferS: 0, durationS: 2 },
];

describe('linear QoE', () => {
  it('charges 4.3 per rebuffer second and 1 per Mbit/s of change, per segment', () => {
    expect(perSegmentQoe(segments)).toEqual([1, 2 - 4.3 * 0.5 - 1, 2, 1 - 1]);
  });

  it('summarises a session', () => {
    const summary = summarizeQoe(segments, 1.25);
    expect(summary.segments).toBe(4);
    expect(summary.mediaS).toBe(8);
    expect(summary.startupDelayS).toBe(1.25);
    expect(summary.rebufferCount).toBe(1);
    expect(summary.rebufferS).toBe(0.5);
    expect(summary.rebufferRatio).toBeCloseTo(0.5 / 8.5, 12);
    expect(summary.switches).toBe(2);
    expect(summary.meanAbsSwitchMbps).toBeCloseTo(2 / 3, 12);
    expect(summary.meanBitrateMbps).toBeCloseTo(1.5, 12);
    expect(summary.qoe).toBeCloseTo(1.85, 12);
    expect(summary.qoePerMinute).toBeCloseTo(1.85 / (8 / 60), 9);
  });

  it('weights the mean bitrate by duration and accepts other weights', () => {
    const uneven = summarizeQoe([
      { bitrateBps: 1e6, rebufferS: 0, durationS: 1 },
      { bitrateBps: 4e6, rebufferS: 1, durationS: 3 },
    ], 0, { rebufferPenalty: 10, switchPenalty: 0 });
    expect(uneven.meanBitrateMbps).toBeCloseTo(3.25, 12);
    expect(uneven.qoe).toBeCloseTo(1 + 4 - 10, 12);
  });

  it('is all zeros for an empty session', () => {
    const empty = summarizeQoe([], 0);
    expect([empty.qoe, empty.qoePerMinute, empty.meanBitrateMbps, empty.rebufferRatio, empty.meanAbsSwitchMbps]).toEqual([0, 0, 0, 0, 0]);
  });
});
