/**
 * Geometry of a pane's charts, pure (no DOM, no Lit) so it can be unit tested:
 * - throughput: one dot per busy period (its bytes over its length), Sprint's
 *   runs as segments, our player's fair-share estimate as a step line, the
 *   true fair share as a dashed step line;
 * - sizes: one bar per busy period (bytes it carried), on the same time axis;
 * - waterfall: one bar per request, stacked in lanes, so the stack height at
 *   any instant is the number of requests in flight.
 */
import type { RunRecord } from '../player/types.js';
import { niceMax, type ChartPoint } from '../ui/chart.js';
import type { BusyPeriod } from './busy-periods.js';
import type { FairShareStep } from './fair-share-timeline.js';
import type { WaterfallBar } from './pane-metrics.js';

export interface TimeAxis {
  /** Right edge, performance.now() ms. */
  readonly nowMs: number;
  readonly windowMs: number;
  readonly width: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

function xOf(axis: TimeAxis, atMs: number): number {
  const start = axis.nowMs - axis.windowMs;
  return round((Math.min(Math.max(atMs, start), axis.nowMs) - start) / axis.windowMs * axis.width);
}

function visible(axis: TimeAxis, startMs: number, endMs: number): boolean {
  return endMs >= axis.nowMs - axis.windowMs && startMs <= axis.nowMs;
}

/** A step line through (atMs, value) points as SVG path data; gaps where the value is undefined. */
function stepPath(axis: TimeAxis, points: readonly { atMs: number; value: number | undefined }[], y: (v: number) => number): string {
  const parts: string[] = [];
  let drawing = false;
  points.forEach((p, i) => {
    const next = points[i + 1];
    const endMs = next ? next.atMs : axis.nowMs;
    if (p.value === undefined || !visible(axis, p.atMs, endMs)) {
      drawing = false;
      return;
    }
    const x1 = xOf(axis, p.atMs);
    const x2 = xOf(axis, endMs);
    parts.push(drawing ? `V${y(p.value)} H${x2}` : `M${x1},${y(p.value)} H${x2}`);
    drawing = true;
  });
  return parts.join(' ');
}

export interface ThroughputChartInput {
  readonly axis: TimeAxis;
  readonly height: number;
  readonly sizesHeight: number;
  readonly periods: readonly BusyPeriod[];
  readonly runs: readonly RunRecord[];
  readonly estimate: readonly ChartPoint[];
  readonly fairShare: readonly FairShareStep[];
}

export interface ThroughputChartGeometry {
  readonly maxBps: number;
  readonly maxBytes: number;
  readonly dots: readonly { readonly x: number; readonly y: number }[];
  readonly runs: readonly { readonly x1: number; readonly x2: number; readonly y: number }[];
  readonly estimatePath: string;
  readonly fairPath: string;
  readonly gridYs: readonly number[];
  readonly sizeBars: readonly { readonly x: number; readonly y: number; readonly h: number }[];
}

export function throughputChart(input: ThroughputChartInput): ThroughputChartGeometry {
  const { axis, height, sizesHeight } = input;
  const periods = input.periods.filter((p) => visible(axis, p.endMs, p.endMs) && p.throughputBps > 0);
  const runs = input.runs.filter((r) => r.throughputBps !== undefined && r.endMs !== undefined && visible(axis, r.startMs, r.endMs));
  const fair = input.fairShare.map((s, i) => ({ atMs: s.atMs, value: s.bps, endMs: input.fairShare[i + 1]?.atMs ?? axis.nowMs }));
  const estimate = input.estimate.map((p, i) => ({ atMs: p.atMs, value: p.bps, endMs: input.estimate[i + 1]?.atMs ?? axis.nowMs }));

  let top = 0;
  for (const p of periods) top = Math.max(top, p.throughputBps);
  for (const r of runs) top = Math.max(top, r.throughputBps ?? 0);
  for (const s of [...fair, ...estimate]) if (s.value !== undefined && visible(axis, s.atMs, s.endMs)) top = Math.max(top, s.value);
  const maxBps = niceMax(top * 1.1);
  const y = (bps: number): number => round(height - (Math.min(Math.max(bps, 0), maxBps) / maxBps) * height);

  let maxBytes = 0;
  for (const p of periods) maxBytes = Math.max(maxBytes, p.bytes);
  const bytesTop = niceMax(maxBytes * 1.05, 100_000);

  return {
    maxBps,
    maxBytes: bytesTop,
    dots: periods.map((p) => ({ x: xOf(axis, p.endMs), y: y(p.throughputBps) })),
    runs: runs.map((r) => ({ x1: xOf(axis, r.startMs), x2: xOf(axis, r.endMs ?? axis.nowMs), y: y(r.throughputBps ?? 0) })),
    estimatePath: stepPath(axis, estimate, y),
    fairPath: stepPath(axis, fair, y),
    gridYs: [0.25, 0.5, 0.75].map((f) => round(height - f * height)),
    sizeBars: periods.map((p) => {
      const h = Math.max(1, round((p.bytes / bytesTop) * sizesHeight));
      return { x: xOf(axis, p.endMs), y: round(sizesHeight - h), h };
    }),
  };
}

export interface WaterfallGeometry {
  readonly rects: readonly {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
    readonly contentType: string;
    readonly level: number;
  }[];
  /** Lanes drawn per type (the most in flight at once in the window). */
  readonly videoLanes: number;
  readonly audioLanes: number;
  /** y where the audio band starts. */
  readonly audioTop: number;
}

/** Video lanes in the top part of the chart, audio (and text) in a thin band below. */
export function waterfall(bars: readonly WaterfallBar[], axis: TimeAxis, height: number): WaterfallGeometry {
  const shown = bars.filter((b) => visible(axis, b.startMs, b.endMs));
  const lanesOf = (video: boolean): number =>
    Math.max(1, ...shown.filter((b) => (b.contentType === 'video') === video).map((b) => b.lane + 1));
  const videoLanes = lanesOf(true);
  const audioLanes = lanesOf(false);
  const audioBand = Math.round(height * 0.22);
  const audioTop = height - audioBand;
  const videoLaneH = Math.min(10, (audioTop - 2) / Math.max(videoLanes, 4));
  const audioLaneH = Math.min(6, audioBand / Math.max(audioLanes, 2));
  return {
    rects: shown.map((b) => {
      const video = b.contentType === 'video';
      const laneH = video ? videoLaneH : audioLaneH;
      const base = video ? audioTop - 2 : height;
      const x = xOf(axis, b.startMs);
      return {
        x,
        y: round(base - (b.lane + 1) * laneH),
        // At least a pixel wide, so a fast request still shows.
        w: Math.max(1, round(xOf(axis, b.endMs) - x)),
        h: round(Math.max(1, laneH - 1)),
        contentType: b.contentType,
        level: b.level,
      };
    }),
    videoLanes,
    audioLanes,
    audioTop,
  };
}
