/**
 * One pane's numbers from the player-agnostic page measurement, the same for
 * every player: busy time and the fraction of fair share, busy periods,
 * waterfall bars, the bitrate playing, startup, stalls and linear QoE so far.
 * Pure: fed a PageMeasurementResult (already narrowed to this pane's origin).
 */
import { summarizeQoe, type QoeSegment, type QoeSummary } from '../abr/qoe.js';
import type { MediaRequestRecord, PageMeasurementResult, SegmentIdentity } from '../compare/measurement-types.js';
import { assignLanes, busyPeriods, maxConcurrent, type BusyPeriod } from './busy-periods.js';
import { fairShareBits, type FairShareStep } from './fair-share-timeline.js';

export interface WaterfallBar {
  readonly startMs: number;
  readonly endMs: number;
  readonly contentType: SegmentIdentity['contentType'];
  readonly level: number;
  readonly representationId: string;
  readonly bytes: number;
  readonly isInit: boolean;
  /** Lane within its content type: the stack height is the number in flight. */
  readonly lane: number;
}

export interface Stall {
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly positionS: number;
}

export interface PaneMetrics {
  /** Init and media body bytes received. */
  readonly mediaBytes: number;
  readonly requests: number;
  /** Time with ≥ 1 media request in flight, ms. */
  readonly busyMs: number;
  /** mediaBytes over busyMs, bits/s. */
  readonly busyThroughputBps: number | undefined;
  /** media bits ÷ ∫ fair share over busy time. */
  readonly fraction: number | undefined;
  /** The true fair share averaged over the busy time (what the fraction is relative to). */
  readonly meanFairShareBps: number | undefined;
  readonly periods: readonly BusyPeriod[];
  readonly bars: readonly WaterfallBar[];
  /** Most video requests in flight at once, and of any type. */
  readonly maxVideoInFlight: number;
  readonly maxInFlight: number;
  /** The video representation playing at the current position. */
  readonly playing: { readonly bandwidth: number; readonly level: number } | undefined;
  readonly bufferAheadS: number | undefined;
  readonly startupMs: number | undefined;
  readonly stalls: readonly Stall[];
  readonly stallMs: number;
  readonly qoe: QoeSummary | undefined;
}

/** When the request left the browser (requestStart is 0 when it is hidden), as the lab runner counts it. */
export function sentAt(r: MediaRequestRecord): number {
  return r.requestStart > 0 ? r.requestStart : r.startTime;
}

/** Requests of the measurement that went to `origin` (each pane has its own). */
export function requestsFrom(result: PageMeasurementResult, origin: string): MediaRequestRecord[] {
  return result.mediaRequests.filter((r) => {
    try {
      return new URL(r.url).origin === origin;
    } catch {
      return false;
    }
  });
}

/** Stalls after playback first started: each 'waiting' until the next 'playing'. */
export function stallsOf(result: PageMeasurementResult): Stall[] {
  const first = result.events.find((e) => e.type === 'playing');
  if (!first) return [];
  const stalls: Stall[] = [];
  let open: { startMs: number; positionS: number } | undefined;
  for (const e of result.events) {
    if (e.t < first.t) continue;
    if (e.type === 'waiting' && !open) open = { startMs: e.t, positionS: e.currentTime };
    else if (e.type === 'playing' && open) {
      stalls.push({ ...open, endMs: e.t });
      open = undefined;
    }
  }
  if (open) stalls.push({ ...open, endMs: undefined });
  return stalls;
}

/** The video download playing at `positionS`: the latest one covering it that had arrived by `atMs`. */
function playingAt(video: readonly MediaRequestRecord[], positionS: number, atMs: number): SegmentIdentity | undefined {
  let best: MediaRequestRecord | undefined;
  for (const r of video) {
    const s = r.segment;
    if (s.startS <= positionS && positionS < s.startS + s.durationS && r.responseEnd <= atMs && (!best || r.responseEnd > best.responseEnd)) best = r;
  }
  return best?.segment;
}

/**
 * Linear QoE over the video segments played to the end so far (the latest
 * download of each), with stall time charged to the segment it happened in.
 */
function qoeSoFar(video: readonly MediaRequestRecord[], positionS: number, stalls: readonly Stall[], startupMs: number | undefined, nowMs: number): QoeSummary | undefined {
  const bySegment = new Map<number, MediaRequestRecord>();
  for (const r of video) {
    const known = bySegment.get(r.segment.segmentIndex);
    if (!known || r.responseEnd > known.responseEnd) bySegment.set(r.segment.segmentIndex, r);
  }
  const played = [...bySegment.values()]
    .map((r) => r.segment)
    .filter((s) => s.startS + s.durationS <= positionS + 0.05)
    .sort((a, b) => a.segmentIndex - b.segmentIndex);
  if (played.length === 0 || startupMs === undefined) return undefined;
  const segments: QoeSegment[] = played.map((s) => {
    const rebufferMs = stalls
      .filter((st) => s.startS <= st.positionS && st.positionS < s.startS + s.durationS)
      .reduce((sum, st) => sum + ((st.endMs ?? nowMs) - st.startMs), 0);
    return { bitrateBps: s.bandwidth, rebufferS: rebufferMs / 1000, durationS: s.durationS };
  });
  return summarizeQoe(segments, startupMs / 1000);
}

export interface PaneMetricsInput {
  /** This pane's requests only (see requestsFrom). */
  readonly requests: readonly MediaRequestRecord[];
  readonly measurement: PageMeasurementResult;
  /** performance.now() of the pane's load(). */
  readonly loadStartedAt: number;
  readonly nowMs: number;
  readonly positionS: number;
  readonly fairShare: readonly FairShareStep[];
}

export function computePaneMetrics(input: PaneMetricsInput): PaneMetrics {
  const { requests, measurement, nowMs } = input;
  const transfers = requests.map((r) => ({ startMs: sentAt(r), endMs: r.responseEnd, bytes: r.encodedBodySize }));
  const periods = busyPeriods(transfers);
  const busy = periods.reduce((sum, p) => sum + (p.endMs - p.startMs), 0);
  const mediaBytes = transfers.reduce((sum, t) => sum + t.bytes, 0);
  const video = requests.filter((r) => r.segment.contentType === 'video' && !r.segment.isInit);

  const bars: WaterfallBar[] = [];
  for (const type of ['video', 'audio', 'text'] as const) {
    const ofType = requests.filter((r) => r.segment.contentType === type);
    const lanes = assignLanes(ofType.map((r) => ({ startMs: sentAt(r), endMs: r.responseEnd })));
    ofType.forEach((r, i) =>
      bars.push({
        startMs: sentAt(r),
        endMs: r.responseEnd,
        contentType: type,
        level: r.segment.level,
        representationId: r.segment.representationId,
        bytes: r.encodedBodySize,
        isInit: r.segment.isInit,
        lane: lanes[i] ?? 0,
      }),
    );
  }

  const firstPlaying = measurement.events.find((e) => e.type === 'playing' && e.t >= input.loadStartedAt);
  const startupMs = firstPlaying ? firstPlaying.t - input.loadStartedAt : undefined;
  const stalls = stallsOf(measurement);
  const stallMs = stalls.reduce((sum, s) => sum + ((s.endMs ?? nowMs) - s.startMs), 0);
  const playing = playingAt(video, input.positionS, nowMs);
  const fairBits = fairShareBits(periods, input.fairShare);

  return {
    mediaBytes,
    requests: requests.length,
    busyMs: busy,
    busyThroughputBps: busy > 0 ? (mediaBytes * 8 * 1000) / busy : undefined,
    fraction: fairBits !== undefined && fairBits > 0 ? (mediaBytes * 8) / fairBits : undefined,
    meanFairShareBps: fairBits !== undefined && busy > 0 ? (fairBits * 1000) / busy : undefined,
    periods,
    bars,
    maxVideoInFlight: maxConcurrent(video.map((r) => ({ startMs: sentAt(r), endMs: r.responseEnd }))),
    maxInFlight: maxConcurrent(transfers),
    playing: playing ? { bandwidth: playing.bandwidth, level: playing.level } : undefined,
    bufferAheadS: measurement.samples[measurement.samples.length - 1]?.bufferAheadS,
    startupMs,
    stalls,
    stallMs,
    qoe: qoeSoFar(video, input.positionS, stalls, startupMs, nowMs),
  };
}
