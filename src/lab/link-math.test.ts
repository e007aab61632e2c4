import { describe, expect, it } from 'vitest';
import { calibrationWarnings, EXPECTED_GOODPUT_FRACTION, type ConfiguredLink } from './calibrate.js';
import { bdpBytes, htbBurstBytes, LAB_MTU, queueDelayMs, queueLimitBytes, splitRtt } from './link-math.js';
import { resolveLabOptions } from './options.js';
import { percentile, rttWindow, summarizeRtts, summarizeWindow } from './rtt-probe.js';
import { htbClassArgs, planShaper } from './shaper.js';

describe('link math', () => {
  it('computes the BDP in bytes', () => {
    expect(bdpBytes(20, 40)).toBe(100_000);
    expect(bdpBytes(5, 80)).toBe(50_000);
    expect(bdpBytes(50, 40)).toBe(250_000);
  });

  it('sizes the queue as k × BDP with a two-packet floor', () => {
    expect(queueLimitBytes(20, 40, 1)).toBe(100_000);
    expect(queueLimitBytes(20, 40, 0.5)).toBe(50_000);
    expect(queueLimitBytes(20, 40, 4)).toBe(400_000);
    expect(queueLimitBytes(1, 1, 1)).toBe(2 * LAB_MTU);
  });

  it('uses max(2 × MTU, 1 ms of rate) as HTB burst', () => {
    expect(htbBurstBytes(5)).toBe(3000);
    expect(htbBurstBytes(20)).toBe(3000); // 1 ms = 2500 B
    expect(htbBurstBytes(50)).toBe(6250);
    expect(htbBurstBytes(100)).toBe(12_500);
  });

  it('splits the RTT evenly unless one-way delays are given', () => {
    expect(splitRtt(40)).toEqual({ upMs: 20, downMs: 20 });
    expect(splitRtt(40, 10)).toEqual({ upMs: 10, downMs: 30 });
    expect(splitRtt(40, undefined, 35)).toEqual({ upMs: 5, downMs: 35 });
    expect(splitRtt(40, 1, 2)).toEqual({ upMs: 1, downMs: 2 });
  });

  it('converts a full queue to delay', () => {
    expect(queueDelayMs(100_000, 20)).toBeCloseTo(40);
  });

  it('plans the shaper and builds tc arguments with burst = cburst', () => {
    expect(planShaper(20, 40, 1)).toEqual({ rateMbps: 20, queueLimitBytes: 100_000, burstBytes: 3000, bdpBytes: 100_000 });
    const args = htbClassArgs('change', 'to-client', 50);
    expect(args.join(' ')).toContain('rate 50000kbit ceil 50000kbit burst 6250 cburst 6250');
  });
});

describe('lab options', () => {
  it('fills defaults: 20 Mbit/s, 40 ms, 1 BDP, 1 ms ACK jitter, cubic, auto backend', () => {
    const options = resolveLabOptions({});
    expect(options).toMatchObject({ rateMbps: 20, rttMs: 40, queueBdp: 1, jitterMs: 1, congestionControl: 'cubic', delayBackend: 'auto', competitors: 0 });
  });

  it('accepts jitter 0 and rejects nonsense', () => {
    expect(resolveLabOptions({ jitterMs: 0 }).jitterMs).toBe(0);
    expect(() => resolveLabOptions({ rateMbps: 0 })).toThrow(/rateMbps/);
    expect(() => resolveLabOptions({ competitors: 5 })).toThrow(/competitors/);
    expect(() => resolveLabOptions({ runId: 'Bad_Id' })).toThrow(/runId/);
  });

  it('takes the client pingpong threshold 1-255 and leaves it unset by default', () => {
    expect(resolveLabOptions({}).clientPingpongThresh).toBeUndefined();
    expect(resolveLabOptions({ clientPingpongThresh: 255 }).clientPingpongThresh).toBe(255);
    expect(() => resolveLabOptions({ clientPingpongThresh: 0 })).toThrow(/clientPingpongThresh/);
    expect(() => resolveLabOptions({ clientPingpongThresh: 300 })).toThrow(/clientPingpongThresh/);
  });
});

describe('RTT statistics', () => {
  it('uses nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(summarizeRtts([3, 1, 2], 1)).toMatchObject({ samples: 3, lost: 1, minMs: 1, medianMs: 2, maxMs: 3 });
  });

  it('cuts a probe series into windows by send time', () => {
    const series = { startedAtMs: 1000, intervalMs: 10, rttsMs: [40, 41, null, 80, 79] };
    expect(rttWindow(series)).toEqual({ rttsMs: [40, 41, 80, 79], lost: 1 });
    expect(rttWindow(series, 1020, 1040)).toEqual({ rttsMs: [80], lost: 1 });
    expect(summarizeWindow(series, 1030).maxMs).toBe(80);
  });
});

describe('calibration warnings', () => {
  const configured: ConfiguredLink = {
    rateMbps: 20, rttMs: 40, upDelayMs: 20, downDelayMs: 20, queueBdp: 1, queueLimitBytes: 100_000,
    burstBytes: 3000, jitterMs: 1, congestionControl: 'cubic', delayBackend: 'tun',
  };
  const rtt = (medianMs: number) => ({ samples: 20, lost: 0, minMs: medianMs, medianMs, p95Ms: medianMs, p99Ms: medianMs, maxMs: medianMs });
  const base = {
    configured, idleRtt: rtt(40.5), loadedRtt: rtt(70), fullQueueRttMs: 80.5, peakRttMs: 81, queueDelayP95Ms: 39, queueDelayMaxMs: 40,
    queueEstimateBytes: 100_000, goodputMbps: 20 * EXPECTED_GOODPUT_FRACTION, competitors: 1, fairShareMbps: 9.6,
  };

  it('is quiet when the link matches its configuration', () => {
    expect(calibrationWarnings(base)).toEqual([]);
  });

  it('flags rate, RTT and queue more than the tolerance off', () => {
    const warnings = calibrationWarnings({ ...base, goodputMbps: 15, idleRtt: rtt(50), queueEstimateBytes: 40_000 });
    expect(warnings).toHaveLength(3);
  });
});
