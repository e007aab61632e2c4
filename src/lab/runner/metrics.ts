/**
 * Per-run metrics from what the page and the origin recorded. Pure: inputs are
 * plain records with millisecond times on one clock, outputs are numbers.
 */

export interface Interval {
  readonly startMs: number;
  readonly endMs: number;
}

/** A finished download: request sent, first byte, last byte, body bytes. */
export interface Transfer extends Interval {
  readonly firstByteMs: number;
  readonly bytes: number;
}

export interface PlaybackEvent {
  readonly type: string;
  readonly t: number;
}

export interface PositionSample {
  readonly t: number;
  readonly currentTime: number;
}

/** A video segment download as the MPD names it. */
export interface SegmentDownload {
  readonly segmentIndex: number;
  readonly startS: number;
  readonly durationS: number;
  readonly bandwidth: number;
  /** When its last byte arrived. */
  readonly endMs: number;
}

/** Overlapping or touching intervals merged, sorted by start. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.startMs <= last.endMs) merged[merged.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, interval.endMs) };
    else merged.push({ startMs: interval.startMs, endMs: interval.endMs });
  }
  return merged;
}

/** Time with at least one interval open, ms. */
export function activeMs(intervals: readonly Interval[]): number {
  return unionIntervals(intervals).reduce((sum, i) => sum + (i.endMs - i.startMs), 0);
}

/**
 * Media bytes ÷ (time with ≥ 1 media request in flight × fair share): how much of
 * its fair share the player got while it was downloading at all. Null when it never downloaded.
 */
export function downloadFraction(mediaBytes: number, activeTimeMs: number, fairShareMbps: number): number | null {
  if (!(activeTimeMs > 0 && fairShareMbps > 0)) return null;
  return (mediaBytes * 8) / (activeTimeMs * 1000) / fairShareMbps;
}

/** Requests in flight as a step function: each point holds until the next. */
export function inFlightSteps(intervals: readonly Interval[]): { t: number; n: number }[] {
  const edges = intervals.flatMap((i) => [{ t: i.startMs, d: 1 }, { t: i.endMs, d: -1 }]);
  // Ends before starts at equal times, so back-to-back requests do not count as overlapping.
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  const steps: { t: number; n: number }[] = [];
  let n = 0;
  for (const edge of edges) {
    n += edge.d;
    const last = steps[steps.length - 1];
    if (last && last.t === edge.t) last.n = n;
    else steps.push({ t: edge.t, n });
  }
  return steps;
}

/** Time from load() to the first 'playing' event, ms; null if playback never started. */
export function startupMs(loadStartedAt: number, events: readonly PlaybackEvent[]): number | null {
  const first = events.find((e) => e.type === 'playing' && e.t >= loadStartedAt);
  return first ? first.t - loadStartedAt : null;
}

export interface RebufferStats {
  readonly stalls: number;
  readonly stallMs: number;
  /** From the first 'playing' to `endMs`. */
  readonly sinceStartMs: number;
  /** stallMs ÷ sinceStartMs; null before playback started. */
  readonly ratio: number | null;
}

/** A stall after startup: the 'waiting' that began it and the 'playing' that ended it (none if still open at the end). */
export interface StallInterval<E extends PlaybackEvent> {
  readonly startMs: number;
  readonly endMs: number;
  readonly began: E;
  readonly ended: E | undefined;
}

/** Each 'waiting' after the first 'playing' until the next 'playing'; an open stall runs to `endMs`. */
export function stallIntervals<E extends PlaybackEvent>(events: readonly E[], endMs: number): StallInterval<E>[] {
  const firstPlaying = events.find((e) => e.type === 'playing');
  if (!firstPlaying) return [];
  const stalls: StallInterval<E>[] = [];
  let began: E | undefined;
  for (const event of events) {
    if (event.t < firstPlaying.t || event.t > endMs) continue;
    if (event.type === 'waiting' && began === undefined) {
      began = event;
    } else if (event.type === 'playing' && began !== undefined) {
      stalls.push({ startMs: began.t, endMs: event.t, began, ended: event });
      began = undefined;
    }
  }
  if (began !== undefined) stalls.push({ startMs: began.t, endMs, began, ended: undefined });
  return stalls;
}

/** Stalls after startup: each 'waiting' until the next 'playing' (or the end of the run). */
export function rebufferStats(events: readonly PlaybackEvent[], endMs: number): RebufferStats {
  const firstPlaying = events.find((e) => e.type === 'playing');
  if (!firstPlaying) return { stalls: 0, stallMs: 0, sinceStartMs: 0, ratio: null };
  const stalls = stallIntervals(events, endMs);
  const stallMs = stalls.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  const sinceStartMs = Math.max(0, endMs - firstPlaying.t);
  return { stalls: stalls.length, stallMs, sinceStartMs, ratio: sinceStartMs > 0 ? stallMs / sinceStartMs : null };
}

/** The download that played at `positionS`: the latest one covering it that had arrived by `atMs`. */
export function segmentPlayingAt(downloads: readonly SegmentDownload[], positionS: number, atMs: number): SegmentDownload | undefined {
  let best: SegmentDownload | undefined;
  for (const d of downloads) {
    if (d.startS <= positionS && positionS < d.startS + d.durationS && d.endMs <= atMs && (!best || d.endMs > best.endMs)) best = d;
  }
  return best;
}

export interface PlayedBitrate {
  /** Playback-time weighted mean of the played video bitrate, kbit/s; null when nothing played. */
  readonly meanKbps: number | null;
  /** Quality changes between consecutive played segments. */
  readonly switches: number;
  /** Bitrate of what played, per sample: [ms, kbit/s]. */
  readonly series: readonly [number, number][];
  /** Seconds of media played. */
  readonly playedS: number;
}

/** The position advanced between two samples, by no more than twice the wall time: playing, not stalled or seeking. */
export function isPlayback(a: PositionSample, b: PositionSample): boolean {
  const advancedS = b.currentTime - a.currentTime;
  return advancedS > 0 && advancedS <= (2 * (b.t - a.t)) / 1000;
}

/**
 * Weights each stretch of real playback between two samples (position advanced by
 * no more than twice the wall time: not a seek) by the media time it covered.
 */
export function playedBitrate(samples: readonly PositionSample[], downloads: readonly SegmentDownload[]): PlayedBitrate {
  let weighted = 0;
  let playedS = 0;
  const series: [number, number][] = [];
  const playedSegments = new Map<number, number>();
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (!a || !b) continue;
    if (!isPlayback(a, b)) continue;
    const advancedS = b.currentTime - a.currentTime;
    const segment = segmentPlayingAt(downloads, (a.currentTime + b.currentTime) / 2, b.t);
    if (!segment) continue;
    weighted += segment.bandwidth * advancedS;
    playedS += advancedS;
    series.push([b.t, segment.bandwidth / 1000]);
    playedSegments.set(segment.segmentIndex, segment.bandwidth);
  }
  const ordered = [...playedSegments.entries()].sort((x, y) => x[0] - y[0]).map(([, bandwidth]) => bandwidth);
  const switches = ordered.filter((bandwidth, i) => i > 0 && bandwidth !== ordered[i - 1]).length;
  return { meanKbps: playedS > 0 ? weighted / playedS / 1000 : null, switches, series, playedS };
}

/** Mean receive rate of a flow over [fromMs, toMs] from its per-interval samples (Mbit/s at interval end). */
export function meanRateInWindow(samples: readonly { endMs: number; durationMs: number; mbps: number }[], fromMs: number, toMs: number): number | null {
  let megabits = 0;
  let seconds = 0;
  for (const s of samples) {
    const start = Math.max(fromMs, s.endMs - s.durationMs);
    const end = Math.min(toMs, s.endMs);
    if (end <= start) continue;
    megabits += (s.mbps * (end - start)) / 1000;
    seconds += (end - start) / 1000;
  }
  return seconds > 0 ? megabits / seconds : null;
}

export function meanOrNull(values: readonly (number | null | undefined)[]): number | null {
  const defined = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return defined.length > 0 ? defined.reduce((sum, v) => sum + v, 0) / defined.length : null;
}
