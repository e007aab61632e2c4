import { describe, expect, it } from 'vitest';
import { continuedFraction } from '../model/throughput-model.js';
import { DEFAULT_SPRINT_OPTIONS, SprintScheduler, multiplexes, pipeliningRttMs } from './sprint.js';
import type { NetworkEstimate, SchedulerState, TrackSchedulingState } from './types.js';
import { schedulerState, trackState } from './test-state.js';

// 10 Mbit/s fair share, 20 ms base RTT, 5 ms of queueing: the model's 0.9 run is ~21 MB, which fits a 60 s buffer.
const network: NetworkEstimate = { throughputBps: 10e6, fairShareBps: 10e6, baseRttMs: 20, loadedRttMs: 25, lastActivityMs: 0 };

const track = (overrides: Partial<TrackSchedulingState> = {}) =>
  trackState({ nextSegmentIndex: 10, segmentCount: 1000, requestedAheadS: 20, bufferedAheadS: 20, currentBandwidth: 4e6, ...overrides });
const state = (tracks: TrackSchedulingState[], overrides: Partial<SchedulerState> = {}) =>
  schedulerState(tracks, { nowMs: 100_000, network, ...overrides });

interface Request {
  index: number;
  type: 'video' | 'audio';
  issuedMs: number;
  bytes: number;
  loaded: number;
  doneMs?: number;
}

/**
 * Fake clock and fake network: one connection of `linkBps` that serves requests in
 * order (HTTP/2 with default priorities), each starting one RTT after it is issued;
 * playback drains the buffer at 1 s/s. Drives the real SprintScheduler.
 */
function simulate(opts: { seconds: number; linkBps: number; bitrate: (nowMs: number) => number; stepMs?: number }) {
  const scheduler = new SprintScheduler();
  const stepMs = opts.stepMs ?? 10;
  const rttMs = 25; // as the scheduler's network estimate says
  const segmentS = 2;
  const requests: Request[] = [];
  const runs: { kind: string; atMs: number }[] = [];
  let next = 0;
  let bufferedS = 0; // downloaded media ahead of the playhead (contiguous by construction)
  let requestedS = 0;
  let playing = false;
  let maxRequestedAhead = 0;
  let maxOverlap = 0;
  let lastActivityMs: number | undefined;
  let recheckAtMs = 0;
  const overlapsPerRun: number[] = [];
  let overlapThisRun = 0;
  for (let nowMs = 0; nowMs <= opts.seconds * 1000; nowMs += stepMs) {
    // Network: serve the oldest unfinished request that has passed its RTT.
    let budget = (opts.linkBps / 8) * (stepMs / 1000);
    for (const r of requests) {
      if (r.doneMs !== undefined || nowMs < r.issuedMs + rttMs || budget <= 0) continue;
      const take = Math.min(budget, r.bytes - r.loaded);
      r.loaded += take;
      budget -= take;
      lastActivityMs = nowMs;
      if (r.loaded >= r.bytes) {
        r.doneMs = nowMs;
        bufferedS += segmentS;
      }
    }
    // Playback.
    if (!playing && bufferedS >= 4) playing = true;
    if (playing) {
      const drain = Math.min(bufferedS, stepMs / 1000);
      bufferedS -= drain;
      requestedS -= drain;
    }
    const inFlight = requests.filter((r) => r.doneMs === undefined);
    maxOverlap = Math.max(maxOverlap, inFlight.length);
    overlapThisRun = Math.max(overlapThisRun, inFlight.length);
    maxRequestedAhead = Math.max(maxRequestedAhead, requestedS);
    const anyEvent = inFlight.length !== requests.filter((r) => r.doneMs === undefined || r.doneMs >= nowMs).length;
    if (nowMs < recheckAtMs && !anyEvent && nowMs % 250 !== 0) continue;
    const bitrate = opts.bitrate(nowMs);
    const decision = scheduler.decide(
      state(
        [
          track({
            nextSegmentIndex: next,
            requestedAheadS: requestedS,
            bufferedAheadS: bufferedS,
            currentBandwidth: bitrate,
            inFlight: inFlight.map((r) => ({ segmentIndex: r.index, startedMs: r.issuedMs, bytesLoaded: r.loaded, bytesExpected: r.bytes })),
          }),
        ],
        { nowMs, playing, startupComplete: playing, network: { ...network, lastActivityMs } },
      ),
    );
    if (decision.run) {
      runs.push({ kind: decision.run.kind, atMs: nowMs });
      if (decision.run.kind === 'start') overlapThisRun = inFlight.length;
      if (decision.run.kind === 'end') overlapsPerRun.push(overlapThisRun);
    }
    for (const order of decision.orders) {
      for (let i = 0; i < order.segmentCount; i++) {
        requests.push({ index: next++, type: 'video', issuedMs: nowMs, bytes: (bitrate / 8) * segmentS, loaded: 0 });
        requestedS += segmentS;
      }
    }
    recheckAtMs = decision.recheckInMs === undefined ? Infinity : nowMs + decision.recheckInMs;
  }
  return { requests, runs, maxRequestedAhead, maxOverlap, overlapsPerRun };
}

/** Loopback: 800 Mbit/s, 0.2 ms RTT. */
const LOOPBACK = { throughputBps: 8e8, fairShareBps: 8e8, baseRttMs: 0.2, loadedRttMs: 0.2, lastActivityMs: 100_000 };

describe('SprintScheduler decisions', () => {
  it('holds off while the free buffer is smaller than the planned run', () => {
    const scheduler = new SprintScheduler();
    // At 8 Mbit/s the planned run (26 MB) is 26 s of media, well above the low-water mark.
    const at8 = (requestedAheadS?: number) => track({ currentBandwidth: 8e6, ...(requestedAheadS === undefined ? {} : { requestedAheadS }) });
    const plan = scheduler.plan(state([at8()]))!;
    const runS = (plan.bytes * 8) / 8e6;
    expect(60 - runS).toBeGreaterThan(DEFAULT_SPRINT_OPTIONS.lowWaterS + 1);
    const justTooFull = 60 - runS + 1;
    const d = scheduler.decide(state([at8(justTooFull)]));
    expect(d.orders).toEqual([]);
    expect(d.recheckInMs).toBeCloseTo(1000, -1);
    const roomy = scheduler.decide(state([at8(60 - runS - 0.5)]));
    expect(roomy.orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
    expect(roomy.run).toMatchObject({ kind: 'start', reason: 'model' });
    expect(roomy.run?.predictedFraction).toBeGreaterThan(0.85);
    expect(roomy.run?.model).toMatchObject({ deliveredBytes: 0, network: { idleRestart: true } });
  });

  it('plans from the model: the run for target 0.9 is predicted to reach 0.9 unless capped by the buffer', () => {
    const scheduler = new SprintScheduler();
    const low = scheduler.plan(state([track({ currentBandwidth: 12e6 })]))!;
    expect(low.predictedFraction).toBeGreaterThanOrEqual(0.9);
    const capped = scheduler.plan(state([track({ currentBandwidth: 0.5e6 })]))!;
    expect(capped.bytes).toBeCloseTo((0.5e6 / 8) * 60, -3);
    expect(capped.predictedFraction).toBeLessThan(0.9);
  });

  it('re-plans when the ABR changes bitrate: a higher bitrate needs fewer seconds of free buffer', () => {
    const scheduler = new SprintScheduler();
    // At 2 Mbit/s the run does not fit; the same buffer level at 8 Mbit/s does.
    const planned = scheduler.plan(state([track()]))!;
    const ahead = 60 - (planned.bytes * 8) / 8e6 - 0.1;
    expect(scheduler.decide(state([track({ requestedAheadS: ahead, currentBandwidth: 2e6 })])).orders).toEqual([]);
    expect(scheduler.decide(state([track({ requestedAheadS: ahead, currentBandwidth: 8e6 })])).orders).toHaveLength(1);
  });

  it('goes on from the startup run as a continued run with a prediction, once, without a gap', () => {
    const scheduler = new SprintScheduler();
    // Nearly done: the pipelining budget has room for the next request.
    const inFlight = [{ segmentIndex: 3, startedMs: 99_900, bytesLoaded: 9.9e5, bytesExpected: 1e6 }];
    const first = scheduler.decide(state([track({ requestedAheadS: 0 })], { startupComplete: false }));
    expect(first.run).toMatchObject({ kind: 'start', reason: 'startup' });
    expect(first.run?.predictedFraction).toBeUndefined();
    expect(scheduler.decide(state([track({ requestedAheadS: 2, inFlight })], { startupComplete: false })).run).toBeUndefined();
    const busy = (busyBytes: number) => ({ ...network, lastActivityMs: 100_000, busyBytes });
    const onward = scheduler.decide(state([track({ requestedAheadS: 6, inFlight })], { network: busy(2e6) }));
    expect(onward.run).toMatchObject({ kind: 'start', reason: 'continued' });
    expect(onward.run?.plannedBytes).toBeCloseTo(((60 - 6) * 4e6) / 8);
    expect(onward.orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
    // The inputs travel with the run, so the model can be asked again about what it received.
    expect(onward.run?.model?.deliveredBytes).toBe(2e6);
    expect(continuedFraction(2e6, onward.run!.plannedBytes!, onward.run!.model!.network)).toBeCloseTo(onward.run!.predictedFraction!, 12);
    expect(scheduler.decide(state([track({ requestedAheadS: 8, inFlight })], { network: busy(3e6) })).run).toBeUndefined();
    // The prediction is the model's for joining the ramp part-way: higher the further the connection is past its restart.
    const later = new SprintScheduler();
    later.decide(state([track({ requestedAheadS: 0 })], { startupComplete: false }));
    const warm = later.decide(state([track({ requestedAheadS: 6, inFlight })], { network: busy(5e7) }));
    expect(warm.run?.predictedFraction).toBeGreaterThan(onward.run!.predictedFraction!);
    expect(warm.run?.predictedFraction).toBeLessThanOrEqual(1);
  });

  it('starts a run at the low-water mark whatever the plan, and at startup', () => {
    expect(new SprintScheduler().decide(state([track({ requestedAheadS: 5 })])).run?.reason).toBe('low-buffer');
    expect(new SprintScheduler().decide(state([track({ requestedAheadS: 30 })], { startupComplete: false })).run?.reason).toBe('startup');
  });

  it('does not pipeline before the first throughput sample (the ABR would commit on its default estimate)', () => {
    const inFlight = [{ segmentIndex: 0, startedMs: 0, bytesLoaded: 1000, bytesExpected: 50_000 }];
    const unknown = { ...network, throughputBps: undefined, fairShareBps: undefined };
    const first = new SprintScheduler().decide(state([track({ requestedAheadS: 2, inFlight })], { startupComplete: false, network: unknown }));
    expect(first.orders).toEqual([]);
    const measured = new SprintScheduler().decide(state([track({ requestedAheadS: 2, inFlight })], { startupComplete: false }));
    expect(measured.orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
  });

  it('pipelines against an RTT of at most 5× the base RTT (a queued response\'s wait is not an RTT)', () => {
    expect(pipeliningRttMs(70, 6900)).toBe(350);
    expect(pipeliningRttMs(70, 140)).toBe(140);
    expect(pipeliningRttMs(undefined, 140)).toBe(140);
    expect(pipeliningRttMs(70, undefined)).toBe(70);
    // 1 MB still to come on a 10 Mbit/s link with a 7 s "RTT" would allow another request; capped, it does not.
    const inFlight = [{ segmentIndex: 10, startedMs: 0, bytesLoaded: 0, bytesExpected: 1_000_000 }];
    const inflated = { ...network, baseRttMs: 70, loadedRttMs: 6900 };
    expect(new SprintScheduler().decide(state([track({ requestedAheadS: 4, inFlight })], { network: inflated })).orders).toEqual([]);
  });

  it('counts the bytes still to come on the whole connection, and queues at most a second of them', () => {
    // 1.2 Mbit/s share at 80 ms (160 ms loaded): the budget is 1 s of transfer (150 KB), not the 256 KB floor.
    const low = { throughputBps: 1.2e6, fairShareBps: 1.2e6, baseRttMs: 80, loadedRttMs: 160, lastActivityMs: 100_000 };
    const video = track({ requestedAheadS: 6, currentBandwidth: 509e3, inFlight: [{ segmentIndex: 10, startedMs: 0, bytesLoaded: 0, bytesExpected: 137_000 }] });
    const audio = track({ contentType: 'audio', requestedAheadS: 6, currentBandwidth: 130e3, inFlight: [{ segmentIndex: 10, startedMs: 0, bytesLoaded: 0, bytesExpected: 33_000 }] });
    // Each track alone is under budget; together (170 KB) they are over it.
    expect(new SprintScheduler().decide(state([video, audio], { network: low })).orders).toEqual([]);
    expect(new SprintScheduler().decide(state([video], { network: low })).orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
    // At 10 Mbit/s the 256 KB floor holds: one more segment goes out, and then the connection has enough to come.
    expect(new SprintScheduler().decide(state([video, audio])).orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
  });

  it('orders the next requests while less than 100 ms of transfer is still to come, however small the BDP', () => {
    // Loopback: 800 Mbit/s, 0.2 ms RTT. Two BDPs are 40 KB and the floor 256 KB; 1 MB still to come
    // lasts 10 ms, less than one look later, so waiting for the floor would idle the link.
    // 100 ms is 10 MB here, and a 2 s segment at 1 Mbit/s is 250 KB: every order fits in
    // one look, up to maxInFlight (4), or the response could end before the next look.
    const inFlight = (bytesLoaded: number) => [{ segmentIndex: 10, startedMs: 99_990, bytesLoaded, bytesExpected: 1_250_000 }];
    const scheduler = () => new SprintScheduler();
    const one = { contentType: 'video', segmentCount: 1 };
    expect(scheduler().decide(state([track({ requestedAheadS: 6, inFlight: inFlight(250_000) })], { network: LOOPBACK })).orders).toEqual([one, one, one]);
    // Nothing in flight: the first order goes out whatever the budget, and the next ones with it.
    expect(scheduler().decide(state([track({ requestedAheadS: 6 })], { network: LOOPBACK })).orders).toEqual([one, one, one, one]);
    // 12 MB still to come (120 ms): nothing yet.
    const big = [{ segmentIndex: 10, startedMs: 99_990, bytesLoaded: 0, bytesExpected: 12_000_000 }];
    expect(scheduler().decide(state([track({ requestedAheadS: 6, inFlight: big })], { network: LOOPBACK })).orders).toEqual([]);
  });

  it('gives the next request to the track furthest behind', () => {
    const low = { throughputBps: 1.2e6, fairShareBps: 1.2e6, baseRttMs: 80, loadedRttMs: 160, lastActivityMs: 100_000 };
    const inFlight = [{ segmentIndex: 10, startedMs: 0, bytesLoaded: 40_000, bytesExpected: 137_000 }];
    const video = track({ requestedAheadS: 6, currentBandwidth: 509e3, inFlight });
    const audio = track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 130e3, inFlight: [{ segmentIndex: 9, startedMs: 0, bytesLoaded: 0, bytesExpected: 33_000 }] });
    // 130 KB to come, budget 150 KB: room for one more, and audio (4 s ahead) is behind video (6 s).
    expect(new SprintScheduler().decide(state([video, audio], { network: low })).orders).toEqual([{ contentType: 'audio', segmentCount: 1 }]);
  });

  it('counts a coalesced order as the segments it carries against maxInFlight', () => {
    const orders = new SprintScheduler().decide(state([track({ requestedAheadS: 6, coalescable: true })], { network: LOOPBACK })).orders;
    // 3 segments in flight after the first order (fewer than 4): one more; 6 after it: none.
    expect(orders).toEqual([{ contentType: 'video', segmentCount: 3 }, { contentType: 'video', segmentCount: 3 }]);
  });

  it('several orders in one look alternate between the tracks, the one furthest behind first', () => {
    const video = track({ requestedAheadS: 6 });
    const audio = track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 });
    const orders = new SprintScheduler().decide(state([video, audio], { network: LOOPBACK })).orders;
    expect(orders.map((o) => o.contentType)).toEqual(['audio', 'video', 'audio', 'video', 'audio', 'video', 'audio', 'video']);
  });

  it('keeps video and audio in one run', () => {
    const d = new SprintScheduler().decide(
      state([track({ requestedAheadS: 4 }), track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 })]),
    );
    expect(d.orders.map((o) => o.contentType)).toEqual(['video', 'audio']);
  });
});

describe('SprintScheduler with requestOverlap: serial', () => {
  const serial = () => new SprintScheduler({ requestOverlap: 'serial' });
  const busy = [{ segmentIndex: 9, startedMs: 99_000, bytesLoaded: 1000, bytesExpected: 1_000_000 }];

  it('is named for the lab and the results', () => {
    expect(serial().name).toBe('sprint-serial');
    expect(new SprintScheduler().name).toBe('sprint');
  });

  it('orders one request at a time across tracks, the one furthest behind first', () => {
    const d = serial().decide(
      state([track({ requestedAheadS: 8 }), track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 })]),
    );
    expect(d.orders).toEqual([{ contentType: 'audio', segmentCount: 1 }]);
  });

  it('orders nothing while any track has a request in flight, where pipelined mode would', () => {
    const tracks = [track({ requestedAheadS: 4, inFlight: busy }), track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 })];
    const waiting = serial().decide(state(tracks));
    expect(waiting.orders).toEqual([]);
    // The request's end makes the driver decide again: no polling meanwhile.
    expect(waiting.recheckInMs).toBeUndefined();
    expect(new SprintScheduler().decide(state(tracks)).orders.length).toBeGreaterThan(0);
  });
});

describe('SprintScheduler over HTTP/1.x', () => {
  const over = (protocol: string): NetworkEstimate => ({ ...LOOPBACK, protocol });
  const busy = [{ segmentIndex: 9, startedMs: 99_000, bytesLoaded: 1000, bytesExpected: 1_000_000 }];

  it('tells multiplexed protocols from HTTP/1.x; unknown counts as multiplexed', () => {
    for (const p of ['h2', 'h3', 'h3-29', 'h2c', '', undefined]) expect(multiplexes(p)).toBe(true);
    for (const p of ['http/1.1', 'http/1.0', 'HTTP/1.1', 'http/0.9']) expect(multiplexes(p)).toBe(false);
  });

  it('reports pipelining unavailable over HTTP/1.1 and orders one request at a time where h2 would order several', () => {
    const scheduler = new SprintScheduler();
    expect(scheduler.pipelining('http/1.1')).toBe('unavailable');
    expect(scheduler.pipelining('h2')).toBe('pipelined');
    expect(scheduler.pipelining(undefined)).toBe('pipelined');
    expect(new SprintScheduler({ requestOverlap: 'serial' }).pipelining('h2')).toBe('serial');

    const tracks = [track({ requestedAheadS: 6 }), track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 })];
    expect(new SprintScheduler().decide(state(tracks, { network: over('h2') })).orders.length).toBeGreaterThan(1);
    expect(new SprintScheduler().decide(state(tracks, { network: over('http/1.1') })).orders).toEqual([{ contentType: 'audio', segmentCount: 1 }]);
  });

  it("waits for a finished track's last request too: it holds the connection", () => {
    const lastVideo = track({ nextSegmentIndex: 20, segmentCount: 20, requestedAheadS: 6, inFlight: [{ ...busy[0]!, segmentIndex: 19 }] });
    const audio = track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 });
    expect(new SprintScheduler().decide(state([lastVideo, audio], { network: over('http/1.1') })).orders).toEqual([]);
    expect(new SprintScheduler({ requestOverlap: 'serial' }).decide(state([lastVideo, audio], { network: over('h2') })).orders).toEqual([]);
    expect(new SprintScheduler().decide(state([lastVideo, audio], { network: over('h2') })).orders.length).toBeGreaterThan(0);
  });

  it('orders nothing over HTTP/1.1 while a request is in flight, and keeps coalescing byte ranges', () => {
    const inFlight = [track({ requestedAheadS: 6, inFlight: busy }), track({ contentType: 'audio', requestedAheadS: 4, currentBandwidth: 128e3 })];
    const waiting = new SprintScheduler().decide(state(inFlight, { network: over('http/1.1') }));
    expect(waiting.orders).toEqual([]);
    expect(waiting.recheckInMs).toBeUndefined();
    const ranges = new SprintScheduler().decide(state([track({ requestedAheadS: 6, coalescable: true })], { network: over('http/1.1') }));
    expect(ranges.orders).toEqual([{ contentType: 'video', segmentCount: DEFAULT_SPRINT_OPTIONS.coalesceSegments }]);
  });
});

describe('SprintScheduler under a fake clock and network', () => {
  const result = simulate({ seconds: 300, linkBps: 10e6, bitrate: (t) => (t < 150_000 ? 4e6 : 6e6) });

  it('runs back to back with overlapping requests inside each run', () => {
    expect(result.runs.filter((r) => r.kind === 'start').length).toBeGreaterThan(2);
    for (const overlap of result.overlapsPerRun) expect(overlap).toBeGreaterThanOrEqual(2);
  });

  it('issues no request between runs', () => {
    const ends = result.runs.filter((r) => r.kind === 'end');
    for (const end of ends) {
      const nextStart = result.runs.find((r) => r.kind === 'start' && r.atMs > end.atMs);
      const between = result.requests.filter((q) => q.issuedMs > end.atMs && (!nextStart || q.issuedMs < nextStart.atMs));
      expect(between).toEqual([]);
    }
  });

  it('keeps the pipe busy inside a run: no idle gap between consecutive responses', () => {
    const starts = result.runs.filter((r) => r.kind === 'start').map((r) => r.atMs);
    for (const [i, start] of starts.entries()) {
      const end = starts[i + 1] ?? Infinity;
      const inRun = result.requests.filter((q) => q.issuedMs >= start && q.issuedMs < end && q.doneMs !== undefined);
      for (let k = 1; k < inRun.length; k++) {
        const prevDone = inRun[k - 1]!.doneMs!;
        const firstByte = Math.max(inRun[k]!.issuedMs + 25, prevDone);
        expect(firstByte - prevDone).toBeLessThanOrEqual(10);
      }
    }
  });

  it('honours the buffer cap (at most the cap plus one segment requested ahead)', () => {
    expect(result.maxRequestedAhead).toBeLessThanOrEqual(60 + 2 + 0.01);
  });

  it('requests consecutive segments, so the buffer has no gap', () => {
    result.requests.forEach((r, i) => expect(r.index).toBe(i));
  });
});

describe('SprintScheduler coalescing', () => {
  it('orders several segments per request where byte ranges can be coalesced, never past the buffer cap', () => {
    const d = new SprintScheduler().decide(state([track({ requestedAheadS: 5, coalescable: true })]));
    expect(d.orders).toEqual([{ contentType: 'video', segmentCount: 3 }]);
    const nearlyFull = new SprintScheduler().decide(state([track({ requestedAheadS: 57, coalescable: true })], { startupComplete: false }));
    expect(nearlyFull.orders).toEqual([{ contentType: 'video', segmentCount: 2 }]);
  });
});
