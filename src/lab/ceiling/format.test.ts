import { describe, expect, it } from 'vitest';
import { formatRanges, formatRound } from './format.js';
import type { CeilingMeasurement } from './measurement.js';
import type { CeilingResult } from './probe.js';

function m(kind: CeilingMeasurement['kind'], fraction: number): CeilingMeasurement {
  return {
    kind, source: kind === 'bulk' ? 'iperf3' : 'node', protocols: ['h2'], inFlight: 1, bytes: 1, busyMs: 1, mbps: 1, fraction,
    steadyFraction: fraction, steadyFromS: 5, requests: 1, competitorMbps: 1, tcp: undefined, errors: [], requestTimes: [],
  };
}

function result(diagnostics?: readonly CeilingMeasurement[]): CeilingResult {
  const h2Pipelined = m('h2-pipelined', 0.76);
  const http1BackToBack = m('http1-back-to-back', 0.9);
  return {
    fairShareMbps: 9.6, goodputMbps: 19.2, competitors: 1, jitterMs: 1, durationS: 25, bulk: m('bulk', 0.97), h2Pipelined, http1BackToBack,
    byOrigin: [{ origin: 'node', h2Pipelined, http1BackToBack }], ...(diagnostics ? { diagnostics } : {}),
    loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
  };
}

describe('formatRound', () => {
  it('prints one line per measurement, the diagnostic paths last', () => {
    const lines = formatRound(result([m('h2-serial', 0.8), m('h2-stream', 0.85)]), 1).split('\n');
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(lines[4]).toMatch(/^ {2}h2-serial node +0\.80 /);
    expect(lines[5]).toMatch(/^ {2}h2-stream node +0\.85 /);
  });

  it('prints only (a)-(c) without diagnostics', () => {
    expect(formatRound(result(), 1).split('\n')).toHaveLength(1 + 3);
  });
});

describe('formatRanges', () => {
  it('gives each diagnostic path its own range', () => {
    const text = formatRanges([result([m('http1-stream', 0.9)]), result([m('http1-stream', 1.0)])]);
    expect(text).toMatch(/http1-stream node +0\.90–1\.00 \(0\.95\) \[0\.90 1\.00\]/);
  });
});
