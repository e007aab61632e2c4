/**
 * One ceiling measurement's figures: throughput over busy time as a fraction
 * of the fair share, plus what the sender's TCP socket looked like meanwhile.
 */
import type { OriginKind } from './origin-under-test.js';
import type { ThroughputSample } from '../network-lab.js';
import { busyMs, fairShareFraction, mbpsOf } from './busy-time.js';
import type { DiagnosticPath } from './diagnostic-paths.js';
import type { DownloadRunResult } from './download-script.js';
import type { SsSummary } from './ss-sampler.js';

/** (a)–(c), or a diagnostic path by its own name (src/lab/ceiling/diagnostic-paths.ts). */
export type MeasurementKind = 'bulk' | 'h2-pipelined' | 'http1-back-to-back' | DiagnosticPath;

export type BrowserMeasurementKind = Exclude<MeasurementKind, 'bulk'>;

/** The protocol each Chromium download is limited to ('http1': launched with --disable-http2). */
export const BROWSER_PROTOCOL: Readonly<Record<BrowserMeasurementKind, 'h2' | 'http1'>> = {
  'h2-pipelined': 'h2',
  'http1-back-to-back': 'http1',
  'h2-serial': 'h2',
  'h2-stream': 'h2',
  'http1-stream': 'http1',
  'h2-pipelined-no-pingpong': 'h2',
};

export interface CeilingMeasurement {
  readonly kind: MeasurementKind;
  /** iperf3 for bulk, else the origin under test. */
  readonly source: 'iperf3' | OriginKind;
  /** Protocols Chromium reported (Resource Timing nextHopProtocol), e.g. ["h2"]. */
  readonly protocols: readonly string[];
  readonly inFlight: number;
  readonly bytes: number;
  readonly busyMs: number;
  readonly mbps: number;
  /** mbps ÷ fair share. */
  readonly fraction: number;
  /** The same from `steadyFromS` on: the share once slow start and the first loss episodes are over. */
  readonly steadyFraction: number;
  readonly steadyFromS: number;
  readonly requests: number;
  /** Competitors' mean receive rate over the same window (Mbit/s, summed). */
  readonly competitorMbps: number;
  /** Sender-side socket state of the measured connection (server namespace). */
  readonly tcp: SsSummary | undefined;
  readonly errors: readonly string[];
  /** Each request's [start, end] in ms since the download loop started (browser measurements only). */
  readonly requestTimes: readonly (readonly [number, number])[];
}

/** Default start of the steady part of a measurement. */
export const DEFAULT_STEADY_FROM_S = 5;

/** Mean of the competitors' per-second samples reported within [fromMs, toMs], summed over flows. */
export function competitorMbpsDuring(flows: readonly (readonly ThroughputSample[])[], fromMs: number, toMs: number): number {
  let total = 0;
  for (const samples of flows) {
    // A sample reported at t covers (t − 1 s, t]: keep those fully inside the window.
    const inside = samples.filter((s) => s.reportedAt - 1000 >= fromMs - 100 && s.reportedAt <= toMs + 100);
    if (inside.length) total += inside.reduce((sum, s) => sum + s.mbps, 0) / inside.length;
  }
  return total;
}

export interface BrowserFigures {
  readonly bytes: number;
  readonly busyMs: number;
  readonly mbps: number;
  readonly steadyMbps: number;
  readonly protocols: readonly string[];
  readonly requestTimes: readonly (readonly [number, number])[];
}

/** Bytes over busy time from the page's request records; steady part from its 100 ms buckets. */
export function browserFigures(result: DownloadRunResult, steadyFromS = DEFAULT_STEADY_FROM_S): BrowserFigures {
  const intervals = result.requests.map((r) => ({ startMs: r.startMs, endMs: r.endMs }));
  const bytes = result.requests.reduce((sum, r) => sum + r.bytes, 0);
  const busy = busyMs(intervals);
  const lastEnd = Math.max(result.runStartMs, ...result.requests.map((r) => r.endMs));
  const steadyBuckets = result.bytesPer100Ms.slice(Math.round(steadyFromS * 10));
  const steadyBytes = steadyBuckets.reduce((sum, b) => sum + b, 0);
  const steadyMs = lastEnd - result.runStartMs - steadyFromS * 1000;
  return {
    bytes,
    busyMs: busy,
    mbps: mbpsOf(bytes, busy),
    steadyMbps: mbpsOf(steadyBytes, steadyMs),
    protocols: [...new Set(result.requests.map((r) => r.protocol))],
    requestTimes: result.requests
      .map((r) => [Math.round(r.startMs - result.runStartMs), Math.round(r.endMs - result.runStartMs)] as const)
      .sort((a, b) => a[0] - b[0]),
  };
}

export function toFraction(mbps: number, fairShareMbps: number): number {
  return fairShareFraction(mbps, fairShareMbps);
}
