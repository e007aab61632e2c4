import { describe, expect, it } from 'vitest';
import {
  UNKNOWN,
  bufferedSpans,
  errorMessageBody,
  formatBitrate,
  formatDimensions,
  formatMbits,
  formatMs,
  formatPercent,
  formatResolution,
  formatSeconds,
  formatTime,
  formatTimeSpoken,
  qualityLabel,
  seekValueText,
  shortQualityLabel,
  timeRangesToSpans,
} from './format.js';
import { buildChart, downloadPoint, insertPoint, niceMax, pruneBefore, type ChartPoint } from './chart.js';

describe('formatTime', () => {
  it('formats minutes and seconds', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(7)).toBe('0:07');
    expect(formatTime(59.99)).toBe('0:59');
    expect(formatTime(83)).toBe('1:23');
    expect(formatTime(725)).toBe('12:05');
  });
  it('adds hours when needed', () => {
    expect(formatTime(3600)).toBe('1:00:00');
    expect(formatTime(3723)).toBe('1:02:03');
    expect(formatTime(36000 + 59)).toBe('10:00:59');
  });
  it('reads unusable values as 0:00', () => {
    expect(formatTime(Number.NaN)).toBe('0:00');
    expect(formatTime(Number.POSITIVE_INFINITY)).toBe('0:00');
    expect(formatTime(-5)).toBe('0:00');
  });
});

describe('formatTimeSpoken / seekValueText', () => {
  it('spells out times', () => {
    expect(formatTimeSpoken(0)).toBe('0 seconds');
    expect(formatTimeSpoken(1)).toBe('1 second');
    expect(formatTimeSpoken(65)).toBe('1 minute 5 seconds');
    expect(formatTimeSpoken(120)).toBe('2 minutes');
    expect(formatTimeSpoken(3661)).toBe('1 hour 1 minute 1 second');
  });
  it('describes position of duration', () => {
    expect(seekValueText(65, 600)).toBe('1 minute 5 seconds of 10 minutes');
    expect(seekValueText(3, Number.NaN)).toBe('3 seconds');
  });
});

describe('formatBitrate', () => {
  it('uses Mbps with one decimal above 1 Mbit/s', () => {
    expect(formatBitrate(4_000_000)).toBe('4.0 Mbps');
    expect(formatBitrate(2_499_000)).toBe('2.5 Mbps');
    expect(formatBitrate(12_345_678)).toBe('12.3 Mbps');
  });
  it('uses kbps below', () => {
    expect(formatBitrate(850_000)).toBe('850 kbps');
    expect(formatBitrate(128_000)).toBe('128 kbps');
    expect(formatBitrate(1_000)).toBe('1 kbps');
  });
  it('does not show 1000 kbps', () => {
    expect(formatBitrate(999_600)).toBe('1.0 Mbps');
  });
  it('handles tiny and unknown values', () => {
    expect(formatBitrate(900)).toBe('900 bps');
    expect(formatBitrate(undefined)).toBe(UNKNOWN);
    expect(formatBitrate(Number.NaN)).toBe(UNKNOWN);
    expect(formatBitrate(-1)).toBe(UNKNOWN);
  });
});

describe('formatMbits', () => {
  it('always uses Mbit/s', () => {
    expect(formatMbits(7_523_000)).toBe('7.52 Mbit/s');
    expect(formatMbits(350_000)).toBe('0.35 Mbit/s');
    expect(formatMbits(42_100_000)).toBe('42.1 Mbit/s');
    expect(formatMbits(125_400_000)).toBe('125 Mbit/s');
    expect(formatMbits(undefined)).toBe(UNKNOWN);
  });
});

describe('formatResolution', () => {
  it('labels by height', () => {
    expect(formatResolution(720)).toBe('720p');
    expect(formatResolution(1080, 1920)).toBe('1080p');
    expect(formatResolution(360, 640)).toBe('360p');
  });
  it('uses the shorter side for portrait video', () => {
    expect(formatResolution(1280, 720)).toBe('720p');
  });
  it('is empty when unknown', () => {
    expect(formatResolution(undefined)).toBe('');
    expect(formatResolution(0)).toBe('');
    expect(formatResolution(undefined, 1280)).toBe('');
  });
  it('formats dimensions', () => {
    expect(formatDimensions(1280, 720)).toBe('1280×720');
    expect(formatDimensions(undefined, 720)).toBe('');
  });
});

describe('qualityLabel', () => {
  it('combines resolution and bitrate', () => {
    expect(qualityLabel({ bandwidth: 4_000_000, width: 1280, height: 720 })).toBe('720p · 4.0 Mbps');
    expect(qualityLabel({ bandwidth: 400_000, width: 640, height: 360 })).toBe('360p · 400 kbps');
  });
  it('is the bitrate alone for audio', () => {
    expect(qualityLabel({ bandwidth: 128_000 })).toBe('128 kbps');
    expect(shortQualityLabel({ bandwidth: 128_000 })).toBe('128 kbps');
    expect(shortQualityLabel({ bandwidth: 4_000_000, width: 1280, height: 720 })).toBe('720p');
  });
});

describe('small formatters', () => {
  it('formats ms, seconds and percent', () => {
    expect(formatMs(41.6)).toBe('42 ms');
    expect(formatMs(undefined)).toBe(UNKNOWN);
    expect(formatSeconds(12.34)).toBe('12.3 s');
    expect(formatSeconds(-0.2)).toBe('0.0 s');
    expect(formatSeconds(undefined)).toBe(UNKNOWN);
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(2)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('0%');
  });
  it('strips the code prefix of SprintError messages', () => {
    expect(errorMessageBody('MANIFEST_NOT_XML', 'MANIFEST_NOT_XML: not XML')).toBe('not XML');
    expect(errorMessageBody('MANIFEST_NOT_XML', 'other')).toBe('other');
  });
});

describe('bufferedSpans', () => {
  it('maps ranges to percentages', () => {
    expect(bufferedSpans([{ start: 0, end: 25 }, { start: 50, end: 75 }], 100)).toEqual([
      { left: 0, width: 25 },
      { left: 50, width: 25 },
    ]);
  });
  it('clamps and drops empty ranges', () => {
    expect(bufferedSpans([{ start: -5, end: 10 }, { start: 90, end: 120 }, { start: 30, end: 30 }], 100)).toEqual([
      { left: 0, width: 10 },
      { left: 90, width: 10 },
    ]);
  });
  it('is empty without a duration', () => {
    expect(bufferedSpans([{ start: 0, end: 10 }], Number.NaN)).toEqual([]);
    expect(bufferedSpans([{ start: 0, end: 10 }], 0)).toEqual([]);
  });
  it('copies TimeRanges', () => {
    const starts = [0, 10];
    const ends = [5, 20];
    const tr = { length: 2, start: (i: number) => starts[i]!, end: (i: number) => ends[i]! };
    expect(timeRangesToSpans(tr)).toEqual([{ start: 0, end: 5 }, { start: 10, end: 20 }]);
  });
});

describe('throughput chart geometry', () => {
  it('rounds the scale to 1/2/5 × 10ⁿ with a 1 Mbit/s floor', () => {
    expect(niceMax(0)).toBe(1e6);
    expect(niceMax(1.2e6)).toBe(2e6);
    expect(niceMax(2e6)).toBe(2e6);
    expect(niceMax(3.1e6)).toBe(5e6);
    expect(niceMax(7e6)).toBe(1e7);
    expect(niceMax(12e6)).toBe(2e7);
  });

  it('places dots, the estimate step line and the fair-share line', () => {
    const g = buildChart({
      nowMs: 60_000,
      windowMs: 60_000,
      width: 300,
      height: 100,
      samples: [{ atMs: 30_000, bps: 4e6 }, { atMs: 60_000, bps: 8e6 }, { atMs: -1, bps: 1e6 }],
      estimate: [{ atMs: -10_000, bps: 2e6 }, { atMs: 30_000, bps: 6e6 }],
      fairShareBps: 5e6,
    });
    expect(g.maxBps).toBe(1e7);
    expect(g.dots).toEqual([{ x: 150, y: 60 }, { x: 300, y: 20 }]);
    // The estimate from before the window starts at the left edge.
    expect(g.estimatePath).toBe('M0,80 H150 V40 H300');
    expect(g.fairShareY).toBe(50);
    expect(g.gridYs).toEqual([75, 50, 25]);
  });

  it('has no estimate path or fair share when absent', () => {
    const g = buildChart({ nowMs: 1000, windowMs: 60_000, width: 300, height: 100, samples: [], estimate: [] });
    expect(g.estimatePath).toBe('');
    expect(g.fairShareY).toBeUndefined();
    expect(g.maxBps).toBe(1e6);
  });

  it('prunes old points, optionally keeping the last one before the cutoff', () => {
    const pts = [{ atMs: 1, bps: 1 }, { atMs: 2, bps: 2 }, { atMs: 5, bps: 5 }];
    expect(pruneBefore(pts, 3, false)).toEqual([{ atMs: 5, bps: 5 }]);
    expect(pruneBefore(pts, 3, true)).toEqual([{ atMs: 2, bps: 2 }, { atMs: 5, bps: 5 }]);
    expect(pruneBefore(pts, 10, false)).toEqual([]);
    expect(pruneBefore(pts, 10, true)).toEqual([{ atMs: 5, bps: 5 }]);
  });

  it('turns finished media downloads into points, as lastThroughput does', () => {
    const base = { outcome: 'ok' as const, isInit: false, bytes: 500_000, startMs: 1000, firstByteMs: 1100, endMs: 1600 };
    expect(downloadPoint(base)).toEqual({ atMs: 1600, bps: 8_000_000 });
    expect(downloadPoint({ ...base, firstByteMs: undefined })).toEqual({ atMs: 1600, bps: (500_000 * 8 * 1000) / 600 });
    expect(downloadPoint({ ...base, isInit: true })).toBeUndefined();
    expect(downloadPoint({ ...base, outcome: 'aborted' })).toBeUndefined();
    expect(downloadPoint({ ...base, endMs: 1100 })).toBeUndefined();
    expect(downloadPoint({ ...base, bytes: 0 })).toBeUndefined();
  });

  it('inserts points in time order without duplicates', () => {
    const pts: ChartPoint[] = [];
    insertPoint(pts, { atMs: 10, bps: 1 });
    insertPoint(pts, { atMs: 30, bps: 3 });
    insertPoint(pts, { atMs: 20, bps: 2 });
    insertPoint(pts, { atMs: 30, bps: 99 });
    insertPoint(pts, { atMs: 5, bps: 0 });
    expect(pts.map((p) => p.atMs)).toEqual([5, 10, 20, 30]);
    expect(pts[3]!.bps).toBe(3);
  });
});
