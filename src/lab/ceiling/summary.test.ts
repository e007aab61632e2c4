import { describe, expect, it } from 'vitest';
import type { CeilingMeasurement } from './measurement.js';
import type { CeilingResult } from './probe.js';
import { formatCeilingSummary, summarizeCeiling } from './summary.js';

function m(kind: CeilingMeasurement['kind'], source: CeilingMeasurement['source'], fraction: number): CeilingMeasurement {
  return {
    kind, source, protocols: ['h2'], inFlight: kind === 'h2-pipelined' ? 3 : 1, bytes: 1, busyMs: 1, mbps: 1, fraction,
    steadyFraction: fraction + 0.05, steadyFromS: 10, requests: 1, competitorMbps: 1, tcp: undefined, errors: [], requestTimes: [],
  };
}

describe('summarizeCeiling', () => {
  const first = { origin: 'node' as const, h2Pipelined: m('h2-pipelined', 'node', 0.93), http1BackToBack: m('http1-back-to-back', 'node', 0.88) };
  const second = { origin: 'node-interleaved' as const, h2Pipelined: m('h2-pipelined', 'node-interleaved', 0.62), http1BackToBack: m('http1-back-to-back', 'node-interleaved', 0.9) };
  const result: CeilingResult = {
    fairShareMbps: 9.6, goodputMbps: 19.2, competitors: 1, jitterMs: 1, durationS: 30,
    bulk: m('bulk', 'iperf3', 0.97), h2Pipelined: first.h2Pipelined, http1BackToBack: first.http1BackToBack,
    byOrigin: [first, second], loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
  };

  it('keeps the first origin\'s three fractions and every measurement', () => {
    const s = summarizeCeiling(result);
    expect(s).toMatchObject({ origin: 'node', durationS: 30, inFlight: 3, bulk: 0.97, h2Pipelined: 0.93, http1BackToBack: 0.88, steadyFromS: 10 });
    expect(s.steady.h2Pipelined).toBeCloseTo(0.98);
    expect(s.measurements.map((x) => `${x.kind}/${x.source}`)).toEqual([
      'bulk/iperf3', 'h2-pipelined/node', 'http1-back-to-back/node', 'h2-pipelined/node-interleaved', 'http1-back-to-back/node-interleaved',
    ]);
    expect(formatCeilingSummary(s)).toContain('h2 pipelined (3 in flight, node) 0.93');
    expect('diagnostics' in s).toBe(false);
    expect(formatCeilingSummary(s)).not.toContain('diagnostics');
  });

  it('records and prints the client pingpong threshold in effect, and nothing when unknown', () => {
    const s = summarizeCeiling({ ...result, clientPingpongThresh: 255 });
    expect(s.clientPingpongThresh).toBe(255);
    expect(formatCeilingSummary(s)).toContain('ACK jitter 1 ms, client tcp_pingpong_thresh 255)');
    expect(formatCeilingSummary(summarizeCeiling(result))).not.toContain('pingpong');
  });

  it('keeps the diagnostic paths apart from the measurements and lists them on the same line', () => {
    const diagnostics = [m('h2-serial', 'node', 0.81), m('http1-stream', 'node', 0.95)];
    const s = summarizeCeiling({ ...result, diagnostics });
    expect(s.diagnostics).toEqual(diagnostics);
    expect(s.measurements).toHaveLength(5);
    const line = formatCeilingSummary(s);
    expect(line).toContain('; diagnostics: h2-serial 0.81 (from 10 s: 0.86), http1-stream 0.95 (from 10 s: 1.00)');
    expect(line).not.toContain('\n');
  });
});
