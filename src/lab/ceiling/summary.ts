/**
 * What a lab run keeps of its ceiling probe (`calibration.ceiling` in
 * results.json): each path's fraction of fair share, so every player's figure
 * can be read against what its transport could reach in the same cell.
 */
import { describeClientPingpong } from '../options.js';
import type { CeilingMeasurement } from './measurement.js';
import type { OriginKind } from './origin-under-test.js';
import type { CeilingResult } from './probe.js';

export interface CeilingFractions {
  /** (a) a second bulk TCP flow (iperf3). */
  readonly bulk: number;
  /** (b) Chromium, back-to-back pipelined downloads over h2 from the lab's origin. */
  readonly h2Pipelined: number;
  /** (c) the same over HTTP/1.1, one request at a time on one connection. */
  readonly http1BackToBack: number;
}

export interface CeilingSummary extends CeilingFractions {
  readonly origin: OriginKind;
  readonly durationS: number;
  readonly inFlight: number;
  /** The same fractions from `steadyFromS` into each measurement on. */
  readonly steady: CeilingFractions;
  readonly steadyFromS: number;
  readonly jitterMs: number;
  /** Client's net.ipv4.tcp_pingpong_thresh in effect, when known (kernel default 1). */
  readonly clientPingpongThresh?: number;
  /** Every measurement with its socket figures (src/lab/ceiling/measurement.ts). */
  readonly measurements: readonly CeilingMeasurement[];
  /** The diagnostic paths, when the probe was asked for any (src/lab/ceiling/diagnostic-paths.ts). */
  readonly diagnostics?: readonly CeilingMeasurement[];
}

export function summarizeCeiling(result: CeilingResult): CeilingSummary {
  const { bulk, h2Pipelined, http1BackToBack } = result;
  return {
    origin: result.byOrigin[0]?.origin ?? 'node',
    durationS: result.durationS,
    inFlight: h2Pipelined.inFlight,
    bulk: bulk.fraction,
    h2Pipelined: h2Pipelined.fraction,
    http1BackToBack: http1BackToBack.fraction,
    steady: { bulk: bulk.steadyFraction, h2Pipelined: h2Pipelined.steadyFraction, http1BackToBack: http1BackToBack.steadyFraction },
    steadyFromS: bulk.steadyFromS,
    jitterMs: result.jitterMs,
    ...(result.clientPingpongThresh === undefined ? {} : { clientPingpongThresh: result.clientPingpongThresh }),
    measurements: [bulk, ...result.byOrigin.flatMap((o) => [o.h2Pipelined, o.http1BackToBack])],
    ...(result.diagnostics ? { diagnostics: result.diagnostics } : {}),
  };
}

/** One line for logs and the report. */
export function formatCeilingSummary(c: CeilingSummary): string {
  const f = (x: number): string => x.toFixed(2);
  const diagnostics = (c.diagnostics ?? []).map((m) => `${m.kind} ${f(m.fraction)} (from ${m.steadyFromS} s: ${f(m.steadyFraction)})`);
  return `transport ceiling (${c.durationS} s each, ACK jitter ${c.jitterMs} ms${describeClientPingpong(c.clientPingpongThresh)}): bulk ${f(c.bulk)}, ` +
    `h2 pipelined (${c.inFlight} in flight, ${c.origin}) ${f(c.h2Pipelined)}, HTTP/1.1 back to back ${f(c.http1BackToBack)} of fair share ` +
    `(from ${c.steadyFromS} s: ${f(c.steady.bulk)}, ${f(c.steady.h2Pipelined)}, ${f(c.steady.http1BackToBack)})` +
    (diagnostics.length > 0 ? `; diagnostics: ${diagnostics.join(', ')}` : '');
}
