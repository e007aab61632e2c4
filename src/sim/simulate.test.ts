import { describe, expect, it } from 'vitest';
import type { AbrController } from '../abr/types.js';
import { SequentialScheduler } from '../scheduler/sequential.js';
import type { DownloadScheduler, SchedulerDecision, SchedulerState } from '../scheduler/types.js';
import { SPRINT_LADDER_BPS, constantBitrateMedia, variableBitrateMedia } from './media.js';
import { simulate } from './simulate.js';
import { SYNTHETIC_TRACES, capacityAt, capacityBitsBetween, flatTrace, nextCapacityChange, stepTrace } from './traces.js';

const fixed = (level: number): AbrController => ({ name: `fixed ${level}`, choose: () => ({ level }) });
const TOP_BYTES = Math.round((4072238 * 2) / 8);

/** Orders `batch` segments whenever nothing is in flight and the buffer is below target: overlapping requests. */
class BatchScheduler implements DownloadScheduler {
  readonly name = 'batch';
  constructor(private readonly batch: number) {}
  decide(state: SchedulerState): SchedulerDecision {
    const track = state.tracks[0]!;
    const idle = track.inFlight.length === 0 && track.requestedAheadS < state.bufferTargetS;
    return { orders: idle ? [{ contentType: track.contentType, segmentCount: this.batch }] : [], recheckInMs: 100 };
  }
}

describe('traces', () => {
  it('holds each step until the next and the last forever, or repeats with a period', () => {
    const step = SYNTHETIC_TRACES.stepDown;
    expect(capacityAt(step, 59_999)).toBe(8e6);
    expect(capacityAt(step, 60_000)).toBe(1e6);
    expect(nextCapacityChange(step, 10_000)).toBe(60_000);
    expect(nextCapacityChange(step, 60_000)).toBe(Infinity);
    const osc = SYNTHETIC_TRACES.oscillating;
    expect([0, 19_999, 20_000, 39_999, 40_000, 65_000].map((t) => capacityAt(osc, t) / 1e6)).toEqual([6, 6, 1.5, 1.5, 6, 1.5]);
    expect(nextCapacityChange(osc, 45_000)).toBe(60_000);
    expect(capacityBitsBetween(osc, 0, 80_000)).toBeCloseTo(2 * (20 * 6e6 + 20 * 1.5e6), 3);
  });
});

describe('simulated network', () => {
  it('takes RTT + bytes / capacity for a lone download', () => {
    const result = simulate({ trace: flatTrace(4), rttMs: 100, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 4), abr: fixed(4) });
    const first = result.segments[0]!;
    expect(first.bytes).toBe(TOP_BYTES);
    expect(first.firstByteMs).toBe(100);
    expect(first.endMs).toBeCloseTo(100 + (TOP_BYTES * 8) / 4e3, 6);
  });

  it('integrates the capacity over a step during a download', () => {
    const trace = stepTrace('1 then 4', [
      { untilS: 1, mbps: 1 },
      { untilS: Infinity, mbps: 4 },
    ]);
    const result = simulate({ trace, rttMs: 0, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 2), abr: fixed(2) });
    const bits = Math.round((1223224 * 2) / 8) * 8;
    expect(result.segments[0]!.endMs).toBeCloseTo(1000 + ((bits - 1e6) / 4e6) * 1000, 6);
  });

  it('shares the capacity equally among requests in flight', () => {
    const result = simulate({
      trace: flatTrace(4),
      rttMs: 50,
      media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 6),
      abr: fixed(4),
      scheduler: new BatchScheduler(3),
    });
    expect(result.maxInFlight).toBe(3);
    const ends = result.segments.map((s) => s.endMs!);
    for (const end of ends) expect(end).toBeCloseTo(50 + (3 * TOP_BYTES * 8) / 4e3, 6);
    expect(result.segments.map((s) => s.requestMs)).toEqual([0, 0, 0]);
  });

  it('never delivers more than the trace carries', () => {
    const result = simulate({ trace: SYNTHETIC_TRACES.oscillating, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 120), abr: 'bba', scheduler: new BatchScheduler(4) });
    const lastEnd = Math.max(...result.segments.map((s) => s.endMs ?? 0));
    const delivered = result.segments.reduce((sum, s) => sum + s.bytes * 8, 0);
    expect(delivered).toBeLessThanOrEqual(capacityBitsBetween(SYNTHETIC_TRACES.oscillating, 0, lastEnd) + 1);
  });
});

describe('simulated playback', () => {
  it('starts after the startup buffer, stalls when the buffer empties and accounts every second', () => {
    // The top rung (4.07 Mbit/s) over 2 Mbit/s: each 2 s segment takes 4.07 s.
    const result = simulate({ trace: flatTrace(2), rttMs: 0, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 20), abr: fixed(4), startupBufferS: 4 });
    const perSegmentS = (TOP_BYTES * 8) / 2e6;
    expect(result.startupDelayS).toBeCloseTo(2 * perSegmentS, 6);
    expect(result.ended).toBe(true);
    expect(result.stalls).toHaveLength(8);
    expect(result.stalls[0]!.segmentIndex).toBe(2);
    expect((result.stalls[0]!.endMs - result.stalls[0]!.startMs) / 1000).toBeCloseTo(perSegmentS - 4, 6);
    expect((result.stalls[1]!.endMs - result.stalls[1]!.startMs) / 1000).toBeCloseTo(perSegmentS - 2, 6);
    // Wall time = startup + media + stalls.
    expect(result.sessionMs / 1000).toBeCloseTo(result.startupDelayS! + 20 + result.qoe.rebufferS, 6);
    expect(result.qoe.rebufferCount).toBe(8);
    expect(result.segments[2]!.rebufferS).toBeCloseTo(perSegmentS - 4, 6);
  });

  it('builds the state the scheduler expects and keeps the sequential buffer at its target', () => {
    const states: SchedulerState[] = [];
    const sequential = new SequentialScheduler();
    const recording: DownloadScheduler = { name: 'recording', decide: (s) => (states.push(s), sequential.decide(s)) };
    const result = simulate({ trace: flatTrace(10), media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 200), abr: 'throughput', scheduler: recording, bufferTargetS: 20 });
    expect(result.scheduler).toBe('recording');
    expect(result.stalls).toHaveLength(0);
    let previous = -Infinity;
    for (const s of states) {
      const track = s.tracks[0]!;
      expect(s.nowMs).toBeGreaterThanOrEqual(previous);
      previous = s.nowMs;
      expect(track.inFlight.length).toBeLessThanOrEqual(1);
      expect(track.requestedAheadS + 1e-9).toBeGreaterThanOrEqual(track.bufferedAheadS);
      expect(s.bufferTargetS).toBe(20);
      for (const f of track.inFlight) expect(f.bytesLoaded).toBeLessThanOrEqual(f.bytesExpected!);
    }
    expect(states.some((s) => s.network.throughputBps !== undefined && s.network.loadedRttMs !== undefined)).toBe(true);
    expect(Math.max(...result.segments.map((s) => s.bufferAtRequestS))).toBeLessThan(20);
    // Full buffer: requests follow playback, one segment duration apart.
    const late = result.segments.slice(-20).map((s) => s.requestMs);
    for (let i = 1; i < late.length; i++) expect(late[i]! - late[i - 1]!).toBeCloseTo(2000, -1);
  });

  it('gives controllers the real next segment sizes when asked', () => {
    const seen: (readonly (readonly number[])[] | undefined)[] = [];
    const spy: AbrController = { name: 'spy', choose: (c) => (seen.push(c.upcomingSegmentBytes), { level: 0 }) };
    const media = variableBitrateMedia(SPRINT_LADDER_BPS, 2, 20, 0.3, 7);
    simulate({ trace: flatTrace(10), media, abr: spy, exposeSegmentSizes: true, lookaheadSegments: 3 });
    expect(seen[0]!.map((l) => l.length)).toEqual([3, 3, 3, 3, 3]);
    expect(seen[0]![4]![1]).toBe(media.segmentBytes(4, 1));
    expect(seen[seen.length - 1]![0]).toHaveLength(1);
    simulate({ trace: flatTrace(10), media, abr: { name: 'spy2', choose: (c) => (seen.push(c.upcomingSegmentBytes), { level: 0 }) } });
    expect(seen[seen.length - 1]).toBeUndefined();
  });

  it('is deterministic', () => {
    const run = () => simulate({ trace: SYNTHETIC_TRACES.oscillating, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 200), abr: 'robustmpc' });
    expect(run()).toEqual(run());
  });

  it('stops at the session limit, counting a stall still open', () => {
    const dies = stepTrace('10 Mbit/s then nothing', [
      { untilS: 1, mbps: 10 },
      { untilS: Infinity, mbps: 0 },
    ]);
    const result = simulate({ trace: dies, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 100), abr: fixed(0), maxSessionMs: 60_000 });
    expect(result.ended).toBe(false);
    expect(result.sessionMs).toBe(60_000);
    expect(result.stalls).toHaveLength(1);
    expect(result.stalls[0]!.endMs).toBe(60_000);
    const stallS = (60_000 - result.stalls[0]!.startMs) / 1000;
    expect(stallS).toBeGreaterThan(20);
    expect(result.qoe.rebufferS).toBeCloseTo(stallS, 9);
  });

  it('never starts without media', () => {
    const result = simulate({ trace: flatTrace(0), media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 10), abr: fixed(0), maxSessionMs: 5_000 });
    expect(result.sessionMs).toBe(5_000);
    expect(result.startupDelayS).toBeUndefined();
  });
});

describe('results matrix', () => {
  it('runs every controller on every trace and formats one row each', async () => {
    const { formatMatrix, runMatrix } = await import('./matrix.js');
    const rows = runMatrix(['throughput', 'bba'], [SYNTHETIC_TRACES.flat3, SYNTHETIC_TRACES.flat10], { media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 40) });
    expect(rows.map((r) => `${r.abr}/${r.trace}`)).toEqual(['throughput/flat 3 Mbit/s', 'throughput/flat 10 Mbit/s', 'bba/flat 3 Mbit/s', 'bba/flat 10 Mbit/s']);
    const table = formatMatrix(rows).split('\n');
    expect(table).toHaveLength(6);
    expect(table[2]).toMatch(/^\| throughput \| flat 3 Mbit\/s \| \d+\.\d\d \| \d+ \|/);
  });
});
