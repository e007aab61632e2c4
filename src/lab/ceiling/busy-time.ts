/**
 * "Fraction of fair share while busy": bytes a download delivered over the
 * time it had at least one request outstanding, divided by the fair share.
 * Gaps between requests are not the transport's fault, so they do not count.
 */

export interface TimeInterval {
  readonly startMs: number;
  readonly endMs: number;
}

/** Length of the union of the intervals (overlaps counted once). */
export function busyMs(intervals: readonly TimeInterval[]): number {
  const sorted = intervals.filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let currentStart = Number.NaN;
  let currentEnd = Number.NaN;
  for (const { startMs, endMs } of sorted) {
    if (Number.isNaN(currentEnd) || startMs > currentEnd) {
      if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
      currentStart = startMs;
      currentEnd = endMs;
    } else {
      currentEnd = Math.max(currentEnd, endMs);
    }
  }
  if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
  return total;
}

export function mbpsOf(bytes: number, ms: number): number {
  return ms > 0 ? (bytes * 8) / (ms * 1000) : 0;
}

/** Throughput as a fraction of the fair share (calibrated goodput ÷ flows). */
export function fairShareFraction(mbps: number, fairShareMbps: number): number {
  return fairShareMbps > 0 ? mbps / fairShareMbps : 0;
}

export interface RangeSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly values: readonly number[];
}

export function summarizeRange(values: readonly number[]): RangeSummary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, values: [] };
  return {
    min: Math.min(...finite),
    max: Math.max(...finite),
    mean: finite.reduce((sum, v) => sum + v, 0) / finite.length,
    values: finite,
  };
}
