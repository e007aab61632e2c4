import { describe, expect, it } from 'vitest';
import type { MediaRequestRecord, SegmentIdentity } from '../../compare/measurement-types.js';
import type { PlayerStats } from '../../player/types.js';
import type { OriginRequestRecord } from '../../server/request-log.js';
import type { LabPlayerResult } from '../page/lab-result.js';
import { assembleRunResult, mediaFolder } from './run-metrics.js';

const T0 = 1_700_000_000_000;
const video = (index: number, bandwidth: number): SegmentIdentity => ({
  contentType: 'video', representationId: String(bandwidth), bandwidth, level: 0, segmentIndex: index, isInit: false, startS: index * 2, durationS: 2,
});

function request(segment: SegmentIdentity, sent: number, end: number, bytes: number): MediaRequestRecord {
  return {
    url: `https://198.18.2.2:8443/media/lab/chunk-${segment.representationId}-${segment.segmentIndex + 1}.m4s`,
    startTime: sent - 1, requestStart: sent, responseStart: sent + 40, responseEnd: end,
    transferSize: bytes + 30, encodedBodySize: bytes, nextHopProtocol: 'h2', segment,
  };
}

function page(): LabPlayerResult {
  const samples = Array.from({ length: 41 }, (_, i) => ({
    t: 1000 + i * 250, currentTime: i < 8 ? 0 : (i - 8) * 0.25, bufferAheadS: 4, readyState: 4, paused: false, droppedFrames: 0, totalFrames: i,
  }));
  return {
    mode: 'player', player: 'sequential', abr: 'bola', abrApplied: 'bola', scheduler: 'sequential',
    src: 'https://198.18.2.2:8443/media/lab/manifest.mpd', durationS: 10, userAgent: 'test', loadStartedAt: 1000,
    measurement: {
      timeOrigin: T0, startedAt: 999, stoppedAt: 11_000,
      mediaRequests: [
        request(video(0, 1_000_000), 1100, 2100, 250_000),
        request(video(1, 1_000_000), 2100, 3100, 250_000),
        request(video(2, 2_000_000), 2600, 3600, 500_000),
      ],
      otherRequests: [],
      events: [{ type: 'playing', t: 3000, currentTime: 0 }],
      samples,
      ladder: [],
      droppedEntries: 0,
    },
    errors: [],
  };
}

function origin(socketId: number, path: string, start: number, bytes: number): OriginRequestRecord {
  return { id: 1, streamId: 1, socketId, method: 'GET', path, range: null, status: 200, bytes, startMs: T0 + start, endMs: T0 + start + 500, protocol: 'h2', aborted: false };
}

describe('assembleRunResult', () => {
  const result = assembleRunResult({
    cell: 0,
    config: { rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1 },
    fairShareMbps: 2,
    page: page(),
    origin: [origin(7, '/media/lab/chunk-1-1.m4s', 1100, 250_000), origin(7, '/media/lab/manifest.mpd', 1000, 3000), origin(8, '/other/x', 1100, 1)],
    competitors: [{ samples: [{ endMs: T0 + 2000, durationMs: 1000, mbps: 3 }, { endMs: T0 + 3000, durationMs: 1000, mbps: 1 }] }],
    rawFile: 'raw/x.json',
  });

  it('derives the fraction from bytes over time with a request in flight', () => {
    // 1 MB over 1.1→3.6 s = 2.5 s active: 3.2 Mbit/s of 2 Mbit/s fair share.
    expect(result.mediaBytes).toBe(1_000_000);
    expect(result.activeSeconds).toBeCloseTo(2.5, 6);
    expect(result.downloadFraction).toBeCloseTo(1.6, 6);
    expect(result.maxInFlight).toBe(2);
  });

  it('reports playback, competitors and server connections', () => {
    expect(result.startupMs).toBe(2000);
    // Positions 6–8 s were played but no download covers them: only 6 s are attributed.
    expect(result.playedS).toBeCloseTo(6, 6);
    expect(result.meanBitrateKbps).toBeGreaterThan(1000);
    expect(result.competitorMbps[0]).toBeCloseTo(2, 6);
    expect(result.competitorFraction).toBeCloseTo(1, 6);
    expect(result.connections).toBe(1);
    expect(result.serverMediaBytes).toBe(250_000);
    expect(result.predictedFraction).toBeNull();
    expect(result.series.throughputMbps).toHaveLength(20);
  });

  it('scores QoE over the played segments', () => {
    // Segments 0–2 played at 1, 1, 2 Mbit/s (segment 3 has no download), no stall: 1 + 1 + (2 − 1) over 6 s.
    expect(result.qoe?.segments).toBe(3);
    expect(result.qoe?.switches).toBe(1);
    expect(result.qoe?.startupDelayS).toBe(2);
    expect(result.qoe?.qoe).toBeCloseTo(3, 9);
    expect(result.qoe?.qoePerMinute).toBeCloseTo(30, 9);
  });

  it('lists no Sprint runs for other schedulers', () => {
    expect(result.sprintRunList).toEqual([]);
  });

  it('lists the Sprint runs against the calibrated fair share, keeping the means', () => {
    const sprint = {
      runs: [
        { startMs: 1100, endMs: 3100, reason: 'startup', plannedBytes: undefined, predictedFraction: undefined, bytes: 500_000, throughputBps: 2e6, measuredFraction: 1.1 },
        { startMs: 5000, endMs: 6000, reason: 'model', plannedBytes: 200_000, predictedFraction: 0.7, bytes: 200_000, throughputBps: 1.6e6, measuredFraction: 0.9 },
      ],
      requestsInFlight: 0,
      fairShareBps: 1.8e6,
    } as unknown as PlayerStats;
    const run = assembleRunResult({
      cell: 0, config: { rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1 }, fairShareMbps: 2,
      page: { ...page(), player: 'sprint', scheduler: 'sprint', sprint }, origin: [], competitors: [], rawFile: 'raw/s.json',
    });
    // loadStartedAt 1000: runs start 0.1 s and 4 s after load(); 4 Mbit in 2 s and 1.6 Mbit in 1 s, of 2 Mbit/s.
    expect(run.sprintRunList.map((r) => [r.startS, r.reason, r.durationS, r.predictedFraction])).toEqual([[0.1, 'startup', 2, null], [4, 'model', 1, 0.7]]);
    expect(run.sprintRunList[0]?.measuredFraction).toBeCloseTo(1.0, 9);
    expect(run.sprintRunList[1]?.measuredFraction).toBeCloseTo(0.8, 9);
    expect(run.predictedFraction).toBeCloseTo(0.7, 9);
    expect(run.sprintMeasuredFraction).toBeCloseTo(1.0, 9);
    expect(run.sprintRuns).toBe(2);
  });

  it('finds the media folder of the MPD', () => {
    expect(mediaFolder('https://h:1/media/lab/manifest.mpd')).toBe('/media/lab/');
  });
});
