/**
 * Geometry of the stats overlay's throughput chart, kept pure (no DOM, no Lit)
 * so it can be unit tested: per-download throughput dots, the estimate as a
 * step line, Sprint runs as segments at their measured throughput, and an
 * optional dashed "fair share" level.
 */

export interface ChartPoint {
  /** performance.now() milliseconds. */
  readonly atMs: number;
  readonly bps: number;
}

export interface ChartInput {
  /** Right edge of the chart, performance.now() milliseconds. */
  readonly nowMs: number;
  readonly windowMs: number;
  /** One point per finished download. */
  readonly samples: readonly ChartPoint[];
  /** The estimator's value each time it changed, oldest first. */
  readonly estimate: readonly ChartPoint[];
  readonly fairShareBps?: number | undefined;
  /** Completed Sprint runs: from start to last byte at their throughput. */
  readonly runs?: readonly ChartRun[];
  readonly width: number;
  readonly height: number;
}

export interface ChartRun {
  readonly startMs: number;
  readonly endMs: number;
  readonly bps: number;
}

export interface ChartGeometry {
  /** Top of the y axis, bits/s (a "nice" 1/2/5 × 10ⁿ value). */
  readonly maxBps: number;
  readonly dots: readonly { readonly x: number; readonly y: number }[];
  /** SVG path data for the estimate step line, or '' when there is none. */
  readonly estimatePath: string;
  /** One horizontal segment per run inside the window. */
  readonly runs: readonly { readonly x1: number; readonly x2: number; readonly y: number }[];
  /** y of the fair-share line, when a fair share is given. */
  readonly fairShareY: number | undefined;
  /** y of horizontal grid lines at ¼, ½ and ¾ of maxBps. */
  readonly gridYs: readonly number[];
}

/** Rounds up to 1, 2 or 5 × 10ⁿ; at least 1 Mbit/s so an idle chart has a scale. */
export function niceMax(bps: number, floor = 1e6): number {
  const v = Number.isFinite(bps) && bps > floor ? bps : floor;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 5, 10]) {
    if (v <= m * base * (1 + 1e-9)) return m * base;
  }
  return 10 * base;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Drops points older than the window, keeping the newest older estimate (it still applies at the left edge). */
export function pruneBefore<T extends ChartPoint>(points: T[], cutoffMs: number, keepOneBefore: boolean): T[] {
  let firstInside = points.findIndex((p) => p.atMs >= cutoffMs);
  if (firstInside === -1) firstInside = points.length;
  const from = keepOneBefore ? Math.max(0, firstInside - 1) : firstInside;
  return from === 0 ? points : points.slice(from);
}

export function buildChart(input: ChartInput): ChartGeometry {
  const { nowMs, windowMs, width, height } = input;
  const startMs = nowMs - windowMs;
  const samples = input.samples.filter((p) => p.atMs >= startMs && p.atMs <= nowMs && Number.isFinite(p.bps));
  const estimate = pruneBefore(
    input.estimate.filter((p) => p.atMs <= nowMs && Number.isFinite(p.bps)),
    startMs,
    true,
  );
  const fair = input.fairShareBps !== undefined && Number.isFinite(input.fairShareBps) && input.fairShareBps > 0
    ? input.fairShareBps
    : undefined;

  const runs = (input.runs ?? []).filter((r) => r.endMs >= startMs && r.startMs <= nowMs && Number.isFinite(r.bps));

  let top = 0;
  for (const p of samples) top = Math.max(top, p.bps);
  for (const r of runs) top = Math.max(top, r.bps);
  for (const p of estimate) top = Math.max(top, p.bps);
  if (fair !== undefined) top = Math.max(top, fair);
  const maxBps = niceMax(top * 1.1);

  const x = (atMs: number) => round(((Math.max(startMs, atMs) - startMs) / windowMs) * width);
  const y = (bps: number) => round(height - (Math.min(Math.max(bps, 0), maxBps) / maxBps) * height);

  const dots = samples.map((p) => ({ x: x(p.atMs), y: y(p.bps) }));

  let estimatePath = '';
  const first = estimate[0];
  if (first !== undefined) {
    const parts = [`M${x(first.atMs)},${y(first.bps)}`];
    for (let i = 1; i < estimate.length; i++) {
      const p = estimate[i]!;
      parts.push(`H${x(p.atMs)}`, `V${y(p.bps)}`);
    }
    parts.push(`H${round(width)}`);
    estimatePath = parts.join(' ');
  }

  return {
    maxBps,
    dots,
    estimatePath,
    runs: runs.map((r) => ({ x1: x(r.startMs), x2: x(Math.min(r.endMs, nowMs)), y: y(r.bps) })),
    fairShareY: fair === undefined ? undefined : y(fair),
    gridYs: [0.25, 0.5, 0.75].map((f) => round(height - f * height)),
  };
}

/** The fields of a RequestRecord that a chart point needs. */
export interface DownloadLike {
  readonly outcome: 'ok' | 'aborted' | 'failed';
  readonly isInit: boolean;
  readonly bytes: number;
  readonly startMs: number;
  readonly firstByteMs: number | undefined;
  readonly endMs: number;
}

/**
 * One chart point per finished media download: bits over the time from the
 * first byte (or the request start) to the end, as the player's own
 * lastThroughput sample is computed. Undefined for init segments, failures,
 * aborts and zero-length timings.
 */
export function downloadPoint(r: DownloadLike): ChartPoint | undefined {
  if (r.outcome !== 'ok' || r.isInit || r.bytes <= 0) return undefined;
  const durationMs = r.endMs - (r.firstByteMs ?? r.startMs);
  if (!(durationMs > 0)) return undefined;
  return { atMs: r.endMs, bps: (r.bytes * 8 * 1000) / durationMs };
}

/** Inserts a point keeping atMs order; a point already present at the same atMs is not added twice. */
export function insertPoint(points: ChartPoint[], p: ChartPoint): void {
  let i = points.length;
  while (i > 0 && points[i - 1]!.atMs > p.atMs) i--;
  if (i > 0 && points[i - 1]!.atMs === p.atMs) return;
  points.splice(i, 0, p);
}
