import { describe, expect, it } from 'vitest';
import { DeliveryRateMeter } from './delivery-rate.js';

describe('DeliveryRateMeter', () => {
  it('matches bytes ÷ (end − first byte) for one request at a time', () => {
    const m = new DeliveryRateMeter();
    expect(m.complete({ firstByteMs: 0, endMs: 1000, bytes: 1_000_000 })).toEqual({ atMs: 1000, bytes: 1_000_000, durationMs: 1000 });
    expect(m.complete({ firstByteMs: 3000, endMs: 3500, bytes: 250_000 })).toEqual({ atMs: 3500, bytes: 250_000, durationMs: 500 });
  });

  it('credits a pipelined request only with the time it adds, so the link rate is not understated', () => {
    const m = new DeliveryRateMeter();
    // Link at 8 Mbit/s: A receives 0–1000 ms; B's headers came at 100 ms but its body followed A's (1000–2000 ms).
    m.complete({ firstByteMs: 0, endMs: 1000, bytes: 1_000_000 });
    const b = m.complete({ firstByteMs: 100, endMs: 2000, bytes: 1_000_000 })!;
    expect((b.bytes * 8) / (b.durationMs / 1000)).toBeCloseTo(8e6, -3);
  });

  it('merges a request that adds almost no time into the next sample', () => {
    const m = new DeliveryRateMeter(100);
    m.complete({ firstByteMs: 0, endMs: 1000, bytes: 1_000_000 });
    expect(m.complete({ firstByteMs: 500, endMs: 1010, bytes: 10_000 })).toBeUndefined();
    const next = m.complete({ firstByteMs: 1010, endMs: 2010, bytes: 1_000_000 })!;
    expect(next).toEqual({ atMs: 2010, bytes: 1_010_000, durationMs: 1010 });
  });
});
