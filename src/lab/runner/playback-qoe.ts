/**
 * The linear QoE (src/abr/qoe.ts) of one lab run, from what the page recorded and
 * so the same for every player (ours, dash.js, Shaka): the video segments that
 * played, in media order, each with the bitrate of the download that was used,
 * and the stalls charged to them. Pure; times in ms on one clock.
 */
import { summarizeQoe, type QoeSummary } from '../../abr/qoe.js';
import { isPlayback, type PositionSample, type SegmentDownload } from './metrics.js';

/** A stall after startup, and where the playhead was when it ended (when it began, if still open at the end). */
export interface PlaybackStall {
  readonly startMs: number;
  readonly endMs: number;
  readonly positionS: number;
}

export interface PlayedSegment {
  readonly startS: number;
  readonly durationS: number;
  /** @bandwidth of the download that was used, bit/s. */
  readonly bandwidth: number;
  /** The first sample that showed playback inside it. */
  readonly enteredAtMs: number;
}

/**
 * A playhead this little before a segment's start is waiting for that segment:
 * a browser stalls at the end of the buffered range, or a frame before it.
 */
export const BOUNDARY_TOLERANCE_S = 0.1;

/** Segments are matched by presentation start (segment numbers restart in every Period). */
const mediaKey = (startS: number): number => Math.round(startS * 1000);

/**
 * Video segments that played, in media order. A segment played when a stretch of
 * real playback (not a seek or gap jump) overlapped it. Of several downloads of
 * one segment (a replacement, a refetch) the used one is the latest that had
 * arrived when playback entered it; if none had (clock skew), the first to arrive.
 * Segments without a recorded download (Resource Timing buffer full) are left out.
 */
export function playedSegments(samples: readonly PositionSample[], downloads: readonly SegmentDownload[]): PlayedSegment[] {
  const byStart = new Map<number, SegmentDownload[]>();
  for (const download of downloads) {
    const key = mediaKey(download.startS);
    byStart.set(key, [...(byStart.get(key) ?? []), download]);
  }
  const inMediaOrder = [...byStart.entries()].sort(([x], [y]) => x - y);
  const enteredAt = new Map<number, number>();
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (!isPlayback(a, b)) continue;
    for (const [key, versions] of inMediaOrder) {
      const { startS, durationS } = versions[0]!;
      if (startS >= b.currentTime) break;
      if (a.currentTime < startS + durationS && !enteredAt.has(key)) enteredAt.set(key, b.t);
    }
  }
  return inMediaOrder.flatMap(([key, versions]) => {
    const atMs = enteredAt.get(key);
    if (atMs === undefined) return [];
    const byArrival = [...versions].sort((x, y) => x.endMs - y.endMs);
    const used = byArrival.filter((d) => d.endMs <= atMs).pop() ?? byArrival[0]!;
    return [{ startS: used.startS, durationS: used.durationS, bandwidth: used.bandwidth, enteredAtMs: atMs }];
  });
}

/**
 * Rebuffer seconds per played segment. A stall is charged to the segment at the
 * playhead when it ended: the one playback resumed into, which is the one it
 * waited for (MPC's and Pensieve's accounting: segment k carries the stall its
 * download caused). Charging "the segment whose arrival ended it" instead would
 * depend on each player's resume threshold (Shaka waits for more than one).
 * A stall still open at the end, or one whose segment never arrived, falls on
 * the last played segment before the playhead, so no stall time is dropped.
 */
export function chargeStalls(segments: readonly PlayedSegment[], stalls: readonly PlaybackStall[]): number[] {
  const charged = segments.map(() => 0);
  if (segments.length === 0) return charged;
  for (const stall of stalls) {
    let index = 0;
    segments.forEach((segment, k) => {
      if (segment.startS <= stall.positionS + BOUNDARY_TOLERANCE_S) index = k;
    });
    charged[index] = (charged[index] ?? 0) + Math.max(0, stall.endMs - stall.startMs) / 1000;
  }
  return charged;
}

export interface PlaybackQoeInputs {
  readonly samples: readonly PositionSample[];
  /** Every video media segment download, init segments excluded. */
  readonly downloads: readonly SegmentDownload[];
  readonly stalls: readonly PlaybackStall[];
  /** load() → first 'playing'; null if playback never started. */
  readonly startupMs: number | null;
}

/** Null when playback never started or no played segment has a recorded download. */
export function playbackQoe(inputs: PlaybackQoeInputs): QoeSummary | null {
  if (inputs.startupMs === null) return null;
  const segments = playedSegments(inputs.samples, inputs.downloads);
  if (segments.length === 0) return null;
  const rebufferS = chargeStalls(segments, inputs.stalls);
  return summarizeQoe(
    segments.map((s, k) => ({ bitrateBps: s.bandwidth, rebufferS: rebufferS[k] ?? 0, durationS: s.durationS })),
    inputs.startupMs / 1000,
  );
}
