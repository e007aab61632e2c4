import { describe, expect, it } from 'vitest';
import type { PositionSample, SegmentDownload } from './metrics.js';
import { chargeStalls, playbackQoe, playedSegments, type PlayedSegment } from './playback-qoe.js';

const download = (segmentIndex: number, mbps: number, endMs: number): SegmentDownload => ({
  segmentIndex, startS: segmentIndex * 2, durationS: 2, bandwidth: mbps * 1e6, endMs,
});

/** Samples every 250 ms of a playhead given as a function of wall time (ms). */
function sampled(toMs: number, position: (t: number) => number): PositionSample[] {
  return Array.from({ length: toMs / 250 + 1 }, (_, i) => ({ t: i * 250, currentTime: position(i * 250) }));
}

/**
 * Startup at 1 s; plays to 3.96 s (a frame before segment 2), stalls from 4960 to
 * 6500 ms waiting for segment 2, then plays on to 7.96 s at 10.5 s.
 */
const STALL = { startMs: 4960, endMs: 6500, positionS: 3.96 };
const position = (t: number): number => {
  if (t <= 1000) return 0;
  if (t <= STALL.startMs) return (t - 1000) / 1000;
  if (t <= STALL.endMs) return 3.96;
  return 3.96 + (t - STALL.endMs) / 1000;
};
const samples = sampled(10_500, position);
const downloads = [
  download(0, 1, 500),
  download(1, 4, 1000),
  download(2, 4, 6400), // late: the stall waited for it
  download(3, 4, 5000),
  download(3, 1, 7000), // replaced before the playhead got there: the 1 Mbit/s copy played
  download(0, 4, 9000), // refetched after it had played: the 1 Mbit/s copy counts
  download(4, 4, 6000), // buffered but never reached
];

describe('playedSegments', () => {
  it('keeps the played segments in media order with the download that was used', () => {
    const played = playedSegments(samples, downloads);
    expect(played.map((s) => s.startS)).toEqual([0, 2, 4, 6]);
    expect(played.map((s) => s.bandwidth / 1e6)).toEqual([1, 4, 4, 1]);
    expect(played[0]?.enteredAtMs).toBe(1250);
  });

  it('leaves out segments a seek jumped over and segments without a download', () => {
    const jump = [
      { t: 0, currentTime: 0 },
      { t: 1000, currentTime: 1 },
      { t: 1250, currentTime: 7 }, // seek: not playback
      { t: 2250, currentTime: 8 },
      { t: 3250, currentTime: 9 },
      { t: 4250, currentTime: 10 },
      { t: 5250, currentTime: 11 }, // segment 5 has no download
    ];
    const played = playedSegments(jump, downloads);
    expect(played.map((s) => s.startS)).toEqual([0, 6, 8]);
  });
});

describe('chargeStalls', () => {
  const segments: PlayedSegment[] = [0, 2, 4].map((startS) => ({ startS, durationS: 2, bandwidth: 1e6, enteredAtMs: 0 }));

  it('charges a stall to the segment playback resumed into, even a frame before its start', () => {
    expect(chargeStalls(segments, [{ startMs: 0, endMs: 1500, positionS: 3.96 }])).toEqual([0, 0, 1.5]);
    expect(chargeStalls(segments, [{ startMs: 0, endMs: 500, positionS: 3 }])).toEqual([0, 0.5, 0]);
  });

  it('puts a stall whose segment never arrived on the last played one', () => {
    expect(chargeStalls(segments, [{ startMs: 0, endMs: 2000, positionS: 5.98 }, { startMs: 0, endMs: 1000, positionS: 9 }])).toEqual([0, 0, 3]);
    expect(chargeStalls([], [{ startMs: 0, endMs: 1000, positionS: 0 }])).toEqual([]);
  });
});

describe('playbackQoe', () => {
  it('scores the played sequence with the stall on the segment it waited for', () => {
    const qoe = playbackQoe({ samples, downloads, stalls: [STALL], startupMs: 1000 });
    // Per segment: 1; 4 − |4−1|; 4 − 4.3 × 1.54; 1 − |1−4|.
    const expected = 1 + (4 - 3) + (4 - 4.3 * 1.54) + (1 - 3);
    expect(qoe).not.toBeNull();
    expect(qoe?.segments).toBe(4);
    expect(qoe?.mediaS).toBe(8);
    expect(qoe?.startupDelayS).toBe(1);
    expect(qoe?.rebufferCount).toBe(1);
    expect(qoe?.rebufferS).toBeCloseTo(1.54, 9);
    expect(qoe?.switches).toBe(2);
    expect(qoe?.meanAbsSwitchMbps).toBeCloseTo(2, 9);
    expect(qoe?.meanBitrateMbps).toBeCloseTo(2.5, 9);
    expect(qoe?.qoe).toBeCloseTo(expected, 9);
    // 8 s of media played (the buffered segment 4 does not count): × 60 / 8.
    expect(qoe?.qoePerMinute).toBeCloseTo(expected * 7.5, 9);
  });

  it('is null when playback never started or nothing played', () => {
    expect(playbackQoe({ samples, downloads, stalls: [], startupMs: null })).toBeNull();
    expect(playbackQoe({ samples: sampled(2000, () => 0), downloads, stalls: [], startupMs: 100 })).toBeNull();
  });
});
