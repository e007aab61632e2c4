import { describe, expect, it } from 'vitest';
import { flowSeries, perConnectionSeries, throughputSeries } from './series.js';

describe('throughputSeries', () => {
  it('spreads bytes evenly between first and last byte', () => {
    // 2.5 MB over 2 s starting mid-bin: 10 Mbit/s while it lasts.
    const series = throughputSeries([{ startMs: 0, firstByteMs: 500, endMs: 2500, bytes: 2_500_000 }], 0, 3000, 1000);
    expect(series.map((v) => Number(v.toFixed(6)))).toEqual([5, 10, 5]);
  });

  it('keeps instant transfers in their bin and drops what lies outside', () => {
    const series = throughputSeries(
      [
        { startMs: 0, firstByteMs: 1200, endMs: 1200, bytes: 125_000 },
        { startMs: 0, firstByteMs: 9000, endMs: 9500, bytes: 1_000_000 },
      ],
      0,
      2000,
      1000,
    );
    expect(series).toEqual([0, 1]);
  });
});

describe('perConnectionSeries', () => {
  it('groups server records by connection', () => {
    const records = [
      { socketId: 2, protocol: 'h2', bytes: 1000, startMs: 0, endMs: 100 },
      { socketId: 1, protocol: 'h2', bytes: 500, startMs: 0, endMs: 100 },
      { socketId: 2, protocol: 'h2', bytes: 3000, startMs: 1000, endMs: 1500 },
    ];
    const series = perConnectionSeries(records, 0, 2000, 1000);
    expect(series.map((s) => [s.socketId, s.requests, s.bytes])).toEqual([
      [1, 1, 500],
      [2, 2, 4000],
    ]);
    expect(series[1]?.mbps[1]).toBeCloseTo(0.024, 10);
  });
});

it('flowSeries places samples on the run clock', () => {
  expect(flowSeries([{ endMs: 500, mbps: 1 }, { endMs: 2000, mbps: 2 }, { endMs: 9000, mbps: 3 }], 1000, 5000)).toEqual([[1, 2]]);
});
