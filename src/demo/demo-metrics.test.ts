import { describe, expect, it } from 'vitest';
import type { MediaRequestRecord, PageMeasurementResult, SegmentIdentity } from '../compare/measurement-types.js';
import { assignLanes, busyMs, busyPeriods, maxConcurrent } from './busy-periods.js';
import { fairShareBits, FairShareTimeline, fractionOfFairShare } from './fair-share-timeline.js';
import { activeMs, downloadFraction } from '../lab/runner/metrics.js';
import { computePaneMetrics, requestsFrom, sentAt } from './pane-metrics.js';

describe('busy periods', () => {
  it('merges overlapping and touching transfers and sums their bytes', () => {
    const periods = busyPeriods([
      { startMs: 0, endMs: 1000, bytes: 100 },
      { startMs: 500, endMs: 2000, bytes: 200 },
      { startMs: 2000, endMs: 2500, bytes: 50 },
      { startMs: 4000, endMs: 5000, bytes: 125 },
    ]);
    expect(periods.map((p) => [p.startMs, p.endMs, p.bytes, p.requests])).toEqual([
      [0, 2500, 350, 3],
      [4000, 5000, 125, 1],
    ]);
    expect(periods[1]!.throughputBps).toBe(1000);
    expect(busyMs([{ startMs: 0, endMs: 10 }, { startMs: 5, endMs: 20 }, { startMs: 30, endMs: 40 }])).toBe(30);
  });

  it('counts back-to-back requests as one in flight and stacks overlapping ones in lanes', () => {
    expect(maxConcurrent([{ startMs: 0, endMs: 10 }, { startMs: 10, endMs: 20 }])).toBe(1);
    const spans = [{ startMs: 0, endMs: 10 }, { startMs: 2, endMs: 5 }, { startMs: 6, endMs: 12 }, { startMs: 3, endMs: 4 }];
    expect(maxConcurrent(spans)).toBe(3);
    expect(assignLanes(spans)).toEqual([0, 1, 1, 2]);
  });
});

describe('fair share over busy time', () => {
  it('integrates a stepwise fair share and reduces to bytes ÷ (busy × fair share) when constant', () => {
    const timeline = new FairShareTimeline();
    timeline.set(0, 8e6);
    timeline.set(1000, 4e6);
    timeline.set(1000, 4e6);
    expect(timeline.steps).toHaveLength(2);
    expect(fairShareBits([{ startMs: 500, endMs: 1500 }], timeline.steps)).toBe(4e6 + 2e6);
    expect(fractionOfFairShare(1e6, [{ startMs: 0, endMs: 1000 }], [{ atMs: 0, bps: 16e6 }])).toBeCloseTo(0.5, 12);
    expect(fractionOfFairShare(1e6, [{ startMs: 0, endMs: 1000 }], [{ atMs: 0, bps: undefined }])).toBeUndefined();
    expect(fractionOfFairShare(1e6, [], [{ atMs: 0, bps: 1e6 }])).toBeUndefined();
  });
});

function segment(index: number, level: number, type: 'video' | 'audio' = 'video'): SegmentIdentity {
  return {
    contentType: type, representationId: `${type}${level}`, bandwidth: (level + 1) * 1e6, level,
    segmentIndex: index, isInit: index < 0, startS: Math.max(0, index) * 2, durationS: index < 0 ? 0 : 2,
  };
}

function request(origin: string, seg: SegmentIdentity, startMs: number, endMs: number, bytes: number): MediaRequestRecord {
  return {
    url: `${origin}/media/x/${seg.contentType}-${seg.segmentIndex}.m4s`, startTime: startMs, requestStart: startMs + 1,
    responseStart: startMs + 5, responseEnd: endMs, transferSize: bytes + 100, encodedBodySize: bytes, nextHopProtocol: 'h2', segment: seg,
  };
}

describe('pane metrics', () => {
  const a = 'https://127.0.0.1:8444';
  const b = 'https://127.0.0.1:8445';
  const requests = [
    request(a, segment(0, 0), 100, 1100, 250_000),
    request(a, segment(1, 2), 1050, 2100, 500_000),
    request(a, segment(0, 0, 'audio'), 120, 400, 30_000),
    request(b, segment(0, 4), 100, 900, 999_999),
  ];
  const measurement: PageMeasurementResult = {
    timeOrigin: 0, startedAt: 0, stoppedAt: 10_000, mediaRequests: requests, otherRequests: [], ladder: [], droppedEntries: 0,
    events: [
      { type: 'playing', t: 1500, currentTime: 0 },
      { type: 'waiting', t: 3000, currentTime: 2.5 },
      { type: 'playing', t: 3500, currentTime: 2.5 },
    ],
    samples: [{ t: 4000, currentTime: 3, bufferAheadS: 1, readyState: 4, paused: false, droppedFrames: 0, totalFrames: 50 }],
  };

  it('keeps only the pane origin and measures it like the lab runner', () => {
    const own = requestsFrom(measurement, a);
    expect(own).toHaveLength(3);
    const m = computePaneMetrics({
      requests: own, measurement, loadStartedAt: 0, nowMs: 4000, positionS: 4.1, fairShare: [{ atMs: 0, bps: 2e6 }],
    });
    expect(m.mediaBytes).toBe(780_000);
    // Busy from the first request's requestStart (101) to the last byte (2100).
    expect(m.busyMs).toBe(1999);
    expect(m.fraction).toBeCloseTo((780_000 * 8) / (1.999 * 2e6), 9);
    expect(m.maxVideoInFlight).toBe(2);
    expect(m.bars.filter((bar) => bar.contentType === 'video').map((bar) => bar.lane)).toEqual([0, 1]);
    expect(m.startupMs).toBe(1500);
    expect(m.stalls).toEqual([{ startMs: 3000, endMs: 3500, positionS: 2.5 }]);
    expect(m.playing).toBeUndefined();
    expect(m.qoe?.segments).toBe(2);
    expect(m.qoe?.rebufferS).toBeCloseTo(0.5, 9);
    expect(m.bufferAheadS).toBe(1);
    expect(m.meanFairShareBps).toBeCloseTo(2e6, 6);
  });

  it('gives the lab runner\'s downloadFraction for the same requests and a constant fair share', () => {
    const own = requestsFrom(measurement, a);
    const m = computePaneMetrics({ requests: own, measurement, loadStartedAt: 0, nowMs: 4000, positionS: 0, fairShare: [{ atMs: 0, bps: 9.6e6 }] });
    const runnerActive = activeMs(own.map((r) => ({ startMs: sentAt(r), endMs: r.responseEnd })));
    expect(m.busyMs).toBeCloseTo(runnerActive, 9);
    expect(m.fraction).toBeCloseTo(downloadFraction(m.mediaBytes, runnerActive, 9.6)!, 12);
  });
});
