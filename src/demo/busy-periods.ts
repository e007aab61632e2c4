/**
 * Time with at least one request in flight, per player, from finished requests
 * (Resource Timing): the union of their spans, the bytes each busy period
 * carried, how many requests overlapped, and a lane per request for the
 * waterfall. Pure; times are milliseconds on one clock.
 */

export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

export interface Transfer extends Span {
  readonly bytes: number;
}

/** A stretch with ≥ 1 request in flight: a lone download for on-off players, a pipelined run for Sprint. */
export interface BusyPeriod extends Span {
  readonly bytes: number;
  readonly requests: number;
  /** bytes over the period, bits/s. */
  readonly throughputBps: number;
}

/** Overlapping or touching transfers merged into busy periods, oldest first. */
export function busyPeriods(transfers: readonly Transfer[]): BusyPeriod[] {
  const sorted = transfers.filter((t) => t.endMs >= t.startMs).sort((a, b) => a.startMs - b.startMs);
  const periods: { startMs: number; endMs: number; bytes: number; requests: number }[] = [];
  for (const t of sorted) {
    const last = periods[periods.length - 1];
    if (last && t.startMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, t.endMs);
      last.bytes += t.bytes;
      last.requests++;
    } else {
      periods.push({ startMs: t.startMs, endMs: t.endMs, bytes: t.bytes, requests: 1 });
    }
  }
  return periods.map((p) => ({ ...p, throughputBps: p.endMs > p.startMs ? (p.bytes * 8 * 1000) / (p.endMs - p.startMs) : 0 }));
}

/** Length of the union of the spans, ms. */
export function busyMs(spans: readonly Span[]): number {
  return busyPeriods(spans.map((s) => ({ ...s, bytes: 0 }))).reduce((sum, p) => sum + (p.endMs - p.startMs), 0);
}

/**
 * Most spans open at one instant. A span ending exactly when another starts
 * does not overlap it (back-to-back requests of a sequential player).
 */
export function maxConcurrent(spans: readonly Span[]): number {
  const edges = spans.flatMap((s) => [
    { t: s.startMs, d: 1 },
    { t: s.endMs, d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let most = 0;
  for (const edge of edges) {
    open += edge.d;
    most = Math.max(most, open);
  }
  return most;
}

/**
 * A lane per span (in the given order's start-time order), reusing the lowest
 * lane that is free, so the stack height at any instant is the number in flight.
 */
export function assignLanes(spans: readonly Span[]): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.startMs - spans[b]!.startMs);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const span = spans[i]!;
    let lane = laneEnds.findIndex((end) => end <= span.startMs);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = span.endMs;
    lanes[i] = lane;
  }
  return lanes;
}
