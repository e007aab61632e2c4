import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PARAMETERS, continuedFraction, predictedFraction, type NetworkState } from '../../model/throughput-model.js';
import type { RunRecord } from '../../player/types.js';
import { sprintRunList } from './sprint-run-list.js';

const LOAD_AT = 1000; // performance.now() at load()
const FAIR_SHARE_MBPS = 10;

const startup: RunRecord = {
  startMs: 1200, endMs: 41_200, reason: 'startup', plannedBytes: undefined, predictedFraction: undefined,
  bytes: 40e6, throughputBps: 8e6, measuredFraction: 0.9, maxRequestsInFlight: 4,
};
const lowBuffer: RunRecord = {
  startMs: 101_000, endMs: 131_000, reason: 'low-buffer', plannedBytes: 31.6e6, predictedFraction: 0.81,
  bytes: 33.75e6, throughputBps: 9e6, measuredFraction: 0.95, maxRequestsInFlight: 3,
};
// Under way when the stats were taken: no endMs, throughput over start → last byte so far (4 s).
const underWay: RunRecord = {
  startMs: 151_000, endMs: undefined, reason: 'model', plannedBytes: 30e6, predictedFraction: 0.85,
  bytes: 5e6, throughputBps: 10e6, measuredFraction: undefined, maxRequestsInFlight: 2,
};

const network: NetworkState = {
  fairShareBps: 10e6, baseRttMs: 40, loadedRttMs: 80, idleRestart: true, restartWindowBytes: 14_480, competingFlows: 1,
};

describe('sprintRunList', () => {
  const list = sprintRunList({ runs: [startup, lowBuffer, underWay], requestsInFlight: 2 }, LOAD_AT, FAIR_SHARE_MBPS);

  it('keeps one entry per run, in order, with times since load()', () => {
    expect(list.map((r) => r.startS)).toEqual([0.2, 100, 150]);
    expect(list.map((r) => r.reason)).toEqual(['startup', 'low-buffer', 'model']);
    expect(list.map((r) => r.bytes)).toEqual([40e6, 33.75e6, 5e6]);
    expect(list[0]?.durationS).toBeCloseTo(40, 9);
    expect(list[1]?.durationS).toBeCloseTo(30, 9);
    expect(list[2]?.durationS).toBeCloseTo(4, 9);
  });

  it('measures against the calibrated fair share, not the player estimate', () => {
    // 320 Mbit in 40 s = 8 Mbit/s; 270 Mbit in 30 s = 9; 40 Mbit in 4 s = 10 — of 10 Mbit/s.
    expect(list[0]?.measuredFraction).toBeCloseTo(0.8, 9);
    expect(list[1]?.measuredFraction).toBeCloseTo(0.9, 9);
    expect(list[2]?.measuredFraction).toBeCloseTo(1.0, 9);
    expect(list.map((r) => r.playerMeasuredFraction)).toEqual([0.9, 0.95, null]);
    expect(list.map((r) => r.maxRequestsInFlight)).toEqual([4, 3, 2]);
  });

  it('carries the plan and prediction, null where the model made none', () => {
    expect(list.map((r) => r.plannedBytes)).toEqual([null, 31.6e6, 30e6]);
    expect(list.map((r) => r.predictedFraction)).toEqual([null, 0.81, 0.85]);
  });

  it('asks the model again about the bytes each run received, from the inputs of its prediction', () => {
    expect(list.map((r) => r.predictedForReceived)).toEqual([null, null, null]); // these records carry no inputs
    const restarted: RunRecord = { ...lowBuffer, model: { network, deliveredBytes: 0, params: DEFAULT_MODEL_PARAMETERS } };
    const continued: RunRecord = { ...lowBuffer, reason: 'continued', model: { network, deliveredBytes: 3e6, params: DEFAULT_MODEL_PARAMETERS } };
    const [a, b] = sprintRunList({ runs: [restarted, continued], requestsInFlight: 0 }, LOAD_AT, FAIR_SHARE_MBPS);
    expect(a?.predictedForReceived).toBeCloseTo(predictedFraction(33.75e6, network), 12);
    expect(b?.predictedForReceived).toBeCloseTo(continuedFraction(3e6, 33.75e6, network), 12);
    expect(b!.predictedForReceived!).toBeGreaterThan(a!.predictedForReceived!);
  });

  it('flags the run cut short by the end of measurement', () => {
    expect(list.map((r) => r.complete)).toEqual([true, true, false]);
    // A last run that ended but still had requests in flight was cut short too.
    const ended = sprintRunList({ runs: [lowBuffer], requestsInFlight: 1 }, LOAD_AT, FAIR_SHARE_MBPS);
    expect(ended[0]?.complete).toBe(false);
    expect(sprintRunList({ runs: [lowBuffer], requestsInFlight: 0 }, LOAD_AT, FAIR_SHARE_MBPS)[0]?.complete).toBe(true);
  });

  it('has no fraction before the first byte', () => {
    const empty: RunRecord = { ...underWay, bytes: 0, throughputBps: undefined };
    const [entry] = sprintRunList({ runs: [empty], requestsInFlight: 1 }, LOAD_AT, FAIR_SHARE_MBPS);
    expect(entry?.durationS).toBe(0);
    expect(entry?.measuredFraction).toBeNull();
    expect(sprintRunList({ runs: [], requestsInFlight: 0 }, LOAD_AT, FAIR_SHARE_MBPS)).toEqual([]);
  });
});
