/**
 * Applies the abandon rule (abandon-rule.ts) to the driver's video requests in
 * flight: aborts the late ones, says from which segment to fetch again, and
 * caps the level of the refetched segments for a while so the ABR (whose
 * estimate has not seen the drop yet) does not pick the same rung again.
 */
import { bufferedAhead } from '../media/buffer-sink.js';
import { abandonDecision, type InFlightVideo } from './abandon-rule.js';
import type { MediaTrack } from './media-track.js';

/** What the abandoner reads of a request in flight (the driver's InFlight). */
export interface AbandonableRequest {
  readonly controller: AbortController;
  readonly startedMs: number;
  readonly progress: { readonly bytesLoaded: number; readonly bytesExpected: number | undefined };
  readonly level: number | undefined;
}

export interface AbandonableTrack {
  readonly track: MediaTrack;
  readonly inFlight: ReadonlyMap<number, AbandonableRequest>;
  readonly buffered: () => TimeRanges;
}

export interface AbandonEvent {
  readonly atMs: number;
  readonly fromIndex: number;
  readonly maxLevel: number;
  readonly rateBps: number;
}

const CHECK_EVERY_MS = 250;
/** How long refetched segments stay capped at the level the measured rate carries. */
const CAP_MS = 10_000;

function remainingBytes(request: AbandonableRequest, track: MediaTrack, index: number): number {
  const guess = ((track.levels[request.level ?? 0]?.bandwidth ?? 0) * (track.referenceAt(index)?.durationS ?? 0)) / 8;
  return Math.max(0, (request.progress.bytesExpected ?? guess) - request.progress.bytesLoaded);
}

export class RequestAbandoner {
  private lastCheckMs = -Infinity;
  private cap: { maxLevel: number; untilMs: number } | undefined;

  constructor(
    private readonly rateBps: (nowMs: number, busy: boolean) => number | undefined,
    private readonly onAbandon: (event: AbandonEvent) => void,
  ) {}

  /** Aborts video requests that will land after the buffer runs out; returns the segment to fetch again from. */
  check(nowMs: number, video: AbandonableTrack, others: readonly AbandonableTrack[], positionS: number, playing: boolean): number | undefined {
    if (nowMs - this.lastCheckMs < CHECK_EVERY_MS || video.inFlight.size === 0) return undefined;
    this.lastCheckMs = nowMs;
    const inFlight: InFlightVideo[] = [...video.inFlight]
      .filter(([, request]) => request.level !== undefined)
      .sort(([a], [b]) => a - b)
      .map(([index, request]) => ({
        index,
        level: request.level ?? 0,
        bytesRemaining: remainingBytes(request, video.track, index),
        durationS: video.track.referenceAt(index)?.durationS ?? 0,
        elapsedMs: nowMs - request.startedMs,
      }));
    const otherBytesRemaining = others.reduce(
      (sum, other) => sum + [...other.inFlight].reduce((n, [index, request]) => n + remainingBytes(request, other.track, index), 0),
      0,
    );
    const rateBps = this.rateBps(nowMs, true);
    const decision = abandonDecision({
      playing,
      bufferAheadS: bufferedAhead(video.buffered(), positionS),
      rateBps,
      otherBytesRemaining,
      inFlight,
      ladderBps: video.track.levels.map((l) => l.bandwidth),
    });
    if (!decision || rateBps === undefined) return undefined;
    // Abort whole requests: a coalesced one carries several segments, maybe from before fromIndex.
    const aborted = new Set([...video.inFlight].filter(([index]) => index >= decision.fromIndex).map(([, request]) => request.controller));
    const fromIndex = Math.min(...[...video.inFlight].filter(([, request]) => aborted.has(request.controller)).map(([index]) => index));
    for (const controller of aborted) controller.abort();
    this.cap = { maxLevel: decision.maxLevel, untilMs: nowMs + CAP_MS };
    this.onAbandon({ atMs: nowMs, fromIndex, maxLevel: decision.maxLevel, rateBps });
    return fromIndex;
  }

  /** `level`, capped while refetched segments should stay at the rate the link carries. */
  capLevel(level: number, nowMs: number): number {
    if (!this.cap || nowMs > this.cap.untilMs) return level;
    return Math.min(level, this.cap.maxLevel);
  }
}
