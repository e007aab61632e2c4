import { describe, expect, it } from 'vitest';
import {
  activeMs, downloadFraction, inFlightSteps, meanOrNull, meanRateInWindow, playedBitrate, rebufferStats,
  segmentPlayingAt, stallIntervals, startupMs, unionIntervals,
} from './metrics.js';

describe('intervals', () => {
  it('merges overlapping and touching intervals', () => {
    expect(unionIntervals([{ startMs: 5, endMs: 8 }, { startMs: 0, endMs: 2 }, { startMs: 2, endMs: 3 }, { startMs: 6, endMs: 10 }])).toEqual([
      { startMs: 0, endMs: 3 },
      { startMs: 5, endMs: 10 },
    ]);
    expect(activeMs([{ startMs: 0, endMs: 1000 }, { startMs: 500, endMs: 1500 }, { startMs: 3000, endMs: 3500 }])).toBe(2000);
  });

  it('counts requests in flight, ends before starts at the same instant', () => {
    expect(inFlightSteps([{ startMs: 0, endMs: 10 }, { startMs: 5, endMs: 20 }, { startMs: 20, endMs: 30 }])).toEqual([
      { t: 0, n: 1 },
      { t: 5, n: 2 },
      { t: 10, n: 1 },
      { t: 20, n: 1 },
      { t: 30, n: 0 },
    ]);
  });
});

describe('downloadFraction', () => {
  it('is bytes over active time at fair share', () => {
    // 1.25 MB in 1 s = 10 Mbit/s against a 20 Mbit/s fair share.
    expect(downloadFraction(1_250_000, 1000, 20)).toBeCloseTo(0.5, 10);
    expect(downloadFraction(1_250_000, 0, 20)).toBeNull();
    expect(downloadFraction(1, 1000, 0)).toBeNull();
  });
});

describe('startup and rebuffering', () => {
  const events = [
    { type: 'play', t: 100 },
    { type: 'waiting', t: 150 },
    { type: 'playing', t: 1100 },
    { type: 'waiting', t: 5100 },
    { type: 'stalled', t: 5200 },
    { type: 'playing', t: 6100 },
    { type: 'waiting', t: 10_100 },
  ];

  it('measures startup from load to the first playing', () => {
    expect(startupMs(100, events)).toBe(1000);
    expect(startupMs(100, [{ type: 'waiting', t: 200 }])).toBeNull();
  });

  it('counts stalls after startup, an open stall up to the end', () => {
    const stats = rebufferStats(events, 11_100);
    expect(stats.stalls).toBe(2);
    expect(stats.stallMs).toBe(1000 + 1000);
    expect(stats.sinceStartMs).toBe(10_000);
    expect(stats.ratio).toBeCloseTo(0.2, 10);
    expect(rebufferStats([{ type: 'waiting', t: 1 }], 10).ratio).toBeNull();
  });

  it('hands back the events that began and ended each stall', () => {
    const stalls = stallIntervals(events, 11_100);
    expect(stalls.map((s) => [s.startMs, s.endMs])).toEqual([[5100, 6100], [10_100, 11_100]]);
    expect(stalls[0]?.ended?.t).toBe(6100);
    expect(stalls[1]?.ended).toBeUndefined();
  });
});

describe('playedBitrate', () => {
  const downloads = [
    { segmentIndex: 0, startS: 0, durationS: 2, bandwidth: 1_000_000, endMs: 0 },
    { segmentIndex: 1, startS: 2, durationS: 2, bandwidth: 4_000_000, endMs: 0 },
    // Segment 1 replaced at a lower rung, but only after it had played.
    { segmentIndex: 1, startS: 2, durationS: 2, bandwidth: 500_000, endMs: 10_000 },
  ];

  it('picks the latest download that had arrived', () => {
    expect(segmentPlayingAt(downloads, 3, 5000)?.bandwidth).toBe(4_000_000);
    expect(segmentPlayingAt(downloads, 3, 10_000)?.bandwidth).toBe(500_000);
    expect(segmentPlayingAt(downloads, 5, 10_000)).toBeUndefined();
  });

  it('weights by media time played and counts switches', () => {
    const samples = [0, 1, 2, 3, 4].map((s) => ({ t: s * 1000, currentTime: s }));
    const result = playedBitrate(samples, downloads);
    expect(result.playedS).toBe(4);
    expect(result.meanKbps).toBeCloseTo((1000 * 2 + 4000 * 2) / 4, 6);
    expect(result.switches).toBe(1);
    expect(result.series).toHaveLength(4);
  });

  it('ignores jumps (seeks) and stalls', () => {
    const samples = [
      { t: 0, currentTime: 0 },
      { t: 1000, currentTime: 1 },
      { t: 2000, currentTime: 1 },
      { t: 2250, currentTime: 3.5 },
    ];
    expect(playedBitrate(samples, downloads).playedS).toBe(1);
    expect(playedBitrate([], downloads).meanKbps).toBeNull();
  });
});

describe('meanRateInWindow', () => {
  it('time-weights the intervals that overlap the window', () => {
    const samples = [
      { endMs: 1000, durationMs: 1000, mbps: 10 },
      { endMs: 2000, durationMs: 1000, mbps: 20 },
      { endMs: 3000, durationMs: 1000, mbps: 30 },
    ];
    expect(meanRateInWindow(samples, 1500, 3000)).toBeCloseTo((20 * 0.5 + 30) / 1.5, 10);
    expect(meanRateInWindow(samples, 5000, 6000)).toBeNull();
  });
});

it('meanOrNull skips missing values', () => {
  expect(meanOrNull([1, undefined, 3, null, Number.NaN])).toBe(2);
  expect(meanOrNull([])).toBeNull();
});
