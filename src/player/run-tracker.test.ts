import { describe, expect, it } from 'vitest';
import { RunTracker } from './run-tracker.js';

describe('RunTracker', () => {
  it('records a run from its start to its last byte once nothing is in flight', () => {
    const t = new RunTracker();
    t.onRun({ kind: 'start', atMs: 1000, reason: 'model', plannedBytes: 2e6, predictedFraction: 0.9 });
    t.onChunk(1100, 1e6, 3);
    t.onChunk(2000, 1e6, 1);
    t.onRun({ kind: 'end', atMs: 2000 });
    t.onIdle(16e6);
    const [run] = t.list();
    expect(run).toMatchObject({ reason: 'model', plannedBytes: 2e6, predictedFraction: 0.9, bytes: 2e6, endMs: 2000, maxRequestsInFlight: 3 });
    expect(run?.throughputBps).toBeCloseTo(16e6);
    expect(run?.measuredFraction).toBeCloseTo(1);
  });

  it('ends the startup run where a continued run takes over, and gives later bytes to the new one', () => {
    const t = new RunTracker();
    t.onRun({ kind: 'start', atMs: 0, reason: 'startup' });
    t.onChunk(500, 1e6);
    t.onChunk(1000, 1e6);
    t.onRun({ kind: 'start', atMs: 1000, reason: 'continued', plannedBytes: 3e7, predictedFraction: 0.8 });
    t.onChunk(1500, 5e5);
    const [startup, continued] = t.list();
    expect(startup).toMatchObject({ reason: 'startup', bytes: 2e6, endMs: 1000 });
    expect(continued).toMatchObject({ reason: 'continued', bytes: 5e5, endMs: undefined, predictedFraction: 0.8 });
  });

  it('leaves a run that a new start interrupts without an end (cut short)', () => {
    const t = new RunTracker();
    t.onRun({ kind: 'start', atMs: 0, reason: 'model' });
    t.onChunk(500, 1e6);
    t.onRun({ kind: 'start', atMs: 600, reason: 'low-buffer' });
    expect(t.list()[0]).toMatchObject({ bytes: 1e6, endMs: undefined });
  });
});
