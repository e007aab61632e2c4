import { describe, expect, it } from 'vitest';
import { SequentialScheduler } from './sequential.js';
import { schedulerState, trackState } from './test-state.js';

const track = trackState;
const state = schedulerState;

/** A fake clock walks the scheduler through playback: buffer drains at 1 s/s, segments arrive after 500 ms. */
function simulate(seconds: number) {
  const scheduler = new SequentialScheduler();
  let requestedAheadS = 0;
  let next = 0;
  let inFlight: { doneAtMs: number } | undefined;
  let maxInFlight = 0;
  const requestTimes: number[] = [];
  for (let nowMs = 0; nowMs <= seconds * 1000; nowMs += 10) {
    if (inFlight && nowMs >= inFlight.doneAtMs) inFlight = undefined;
    const decision = scheduler.decide(
      state([
        track({
          nextSegmentIndex: next,
          segmentCount: 1000,
          requestedAheadS,
          inFlight: inFlight ? [{ segmentIndex: next - 1, startedMs: 0, bytesLoaded: 0, bytesExpected: undefined }] : [],
        }),
      ]),
    );
    for (const order of decision.orders) {
      expect(order.segmentCount).toBe(1);
      inFlight = { doneAtMs: nowMs + 500 };
      requestedAheadS += 2;
      next += 1;
      requestTimes.push(nowMs);
    }
    maxInFlight = Math.max(maxInFlight, inFlight ? 1 : 0);
    if (nowMs > 0) requestedAheadS = Math.max(0, requestedAheadS - 0.01);
  }
  return { requestTimes, maxInFlight, requestedAheadS };
}

describe('SequentialScheduler', () => {
  it('requests one segment when the buffer is below target and none is in flight', () => {
    const d = new SequentialScheduler().decide(state([track({ requestedAheadS: 10 })]));
    expect(d.orders).toEqual([{ contentType: 'video', segmentCount: 1 }]);
  });

  it('never has two requests of one type in flight', () => {
    const inFlight = [{ segmentIndex: 3, startedMs: 0, bytesLoaded: 10, bytesExpected: 100 }];
    const d = new SequentialScheduler().decide(state([track({ requestedAheadS: 1, inFlight })]));
    expect(d.orders).toEqual([]);
  });

  it('serves each type independently', () => {
    const d = new SequentialScheduler().decide(
      state([track({ requestedAheadS: 40 }), track({ contentType: 'audio', requestedAheadS: 5 })]),
    );
    expect(d.orders).toEqual([{ contentType: 'audio', segmentCount: 1 }]);
  });

  it('idles while full and asks to be woken when the buffer drops below target', () => {
    const d = new SequentialScheduler().decide(state([track({ requestedAheadS: 36 })], { playbackRate: 2 }));
    expect(d.orders).toEqual([]);
    expect(d.recheckInMs).toBe(3000);
  });

  it('does not schedule a wake-up while paused (the buffer does not drain)', () => {
    const d = new SequentialScheduler().decide(state([track({ requestedAheadS: 36 })], { playing: false }));
    expect(d.recheckInMs).toBeUndefined();
  });

  it('stops after the last segment', () => {
    const d = new SequentialScheduler().decide(state([track({ nextSegmentIndex: 20, requestedAheadS: 0 })]));
    expect(d.orders).toEqual([]);
  });

  it('under a fake clock: fills to the target back to back, then downloads one segment every segment duration', () => {
    const { requestTimes, maxInFlight, requestedAheadS } = simulate(60);
    expect(maxInFlight).toBe(1);
    // Filling: back to back, one every 500 ms; the buffer gains 1.5 s per segment, so 20 segments.
    expect(requestTimes.slice(0, 20).every((t, i) => Math.abs(t - i * 500) <= 10)).toBe(true);
    // Steady state: gaps of ~2 s between requests (on-off pattern).
    const steadyGaps = requestTimes.slice(22).map((t, i) => t - requestTimes[21 + i]!);
    expect(steadyGaps.length).toBeGreaterThan(10);
    for (const gap of steadyGaps) expect(gap).toBeGreaterThan(1900);
    for (const gap of steadyGaps) expect(gap).toBeLessThan(2100);
    expect(requestedAheadS).toBeGreaterThan(28);
    expect(requestedAheadS).toBeLessThanOrEqual(32);
  });
});
