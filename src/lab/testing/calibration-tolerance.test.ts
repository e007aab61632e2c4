import { describe, expect, it } from 'vitest';
import type { DelayDirectionStats, DelayLineStats } from '../delay-stats.js';
import { calibrationTolerance } from './calibration-tolerance.js';

function direction(packetsOut: number, lateOver1ms: number): DelayDirectionStats {
  return { delayUs: 20_000, jitterUs: 0, packetsIn: packetsOut, bytesIn: 0, packetsOut, bytesOut: 0, drops: 0, lateOver1ms, maxLateUs: 0, maxQueued: 0, lateness: [] };
}

function delayLine(late: number): DelayLineStats {
  return { backend: 'tun', scheduling: 'fifo', wallSeconds: 10, cpuSeconds: 1, cpuCores: 0.1, up: direction(5_000, 0), down: direction(5_000, late) };
}

const configured = { rttMs: 40 };

describe('calibrationTolerance', () => {
  it('holds a punctual delay line to 10% and 4 ms', () => {
    const t = calibrationTolerance({ configured, delayLine: delayLine(100) });
    expect(t).toMatchObject({ starved: false, goodput: 0.1, rttOverMs: 4, queueDelayOverMs: 0 });
    expect(t.lateFraction).toBeCloseTo(0.01);
  });

  it('relaxes to gross bounds above 1% of packets late', () => {
    expect(calibrationTolerance({ configured, delayLine: delayLine(101) })).toMatchObject({ starved: true, goodput: 0.25, rttOverMs: 10, queueDelayOverMs: 30 });
  });

  it('treats a calibration without delay-line stats (netem backend) as punctual', () => {
    expect(calibrationTolerance({ configured }).starved).toBe(false);
  });
});
