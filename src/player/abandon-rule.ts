/**
 * When to give up on video requests in flight: when, at the rate the link
 * gives right now, a request will not finish before the buffer runs out
 * (dash.js's AbandonRequestsRule asks the same of one request; Sprint
 * pipelines several, so they are taken in segment order, each queued behind
 * the bytes before it). The segment and those after it are fetched again at
 * a level the measured rate can carry. Pure.
 */

export interface InFlightVideo {
  readonly index: number;
  readonly level: number;
  readonly bytesRemaining: number;
  /** Media seconds the segment holds. */
  readonly durationS: number;
  readonly elapsedMs: number;
}

export interface AbandonInput {
  readonly playing: boolean;
  /** Media buffered ahead of the playhead, s. */
  readonly bufferAheadS: number;
  /** The player's delivery rate over the last seconds, all requests together. */
  readonly rateBps: number | undefined;
  /** Bytes other requests (audio) still have to receive; they share the link. */
  readonly otherBytesRemaining: number;
  /** Video requests in flight, in segment order. */
  readonly inFlight: readonly InFlightVideo[];
  /** Video ladder bandwidths, bits/s, by level. */
  readonly ladderBps: readonly number[];
}

export interface AbandonDecision {
  /** Abort this segment's request and everything after it, and fetch them again. */
  readonly fromIndex: number;
  /** The highest level to fetch them at. */
  readonly maxLevel: number;
}

export const ABANDON_RULE = {
  /** Below this the link is out, not slow: retries handle outages, a lower level would not help. */
  minRateBps: 100_000,
  /** A request younger than this has no rate of its own worth trusting yet. */
  minElapsedMs: 1000,
  /** Finish this long before the buffer runs out. */
  safetyS: 1.5,
  /** The new level's bitrate may use this share of the measured rate. */
  rateShare: 0.8,
  /** Only worth it when the new download is clearly smaller than what is left of the old one. */
  minSaving: 0.5,
} as const;

/** The highest level whose bitrate fits under `bps` (0 if none does). */
export function levelUnder(ladderBps: readonly number[], bps: number): number {
  let level = 0;
  ladderBps.forEach((bandwidth, i) => {
    if (bandwidth <= bps) level = i;
  });
  return level;
}

export function abandonDecision(input: AbandonInput): AbandonDecision | undefined {
  const rate = input.rateBps;
  if (!input.playing || rate === undefined || rate < ABANDON_RULE.minRateBps) return undefined;
  const maxLevel = levelUnder(input.ladderBps, rate * ABANDON_RULE.rateShare);
  let queuedBytes = input.otherBytesRemaining;
  let deadlineS = input.bufferAheadS;
  for (const request of input.inFlight) {
    queuedBytes += request.bytesRemaining;
    const finishS = (queuedBytes * 8) / rate;
    const late = finishS > deadlineS - ABANDON_RULE.safetyS;
    if (late && request.elapsedMs >= ABANDON_RULE.minElapsedMs && request.level > maxLevel) {
      const newBytes = ((input.ladderBps[maxLevel] ?? 0) * request.durationS) / 8;
      if (newBytes < request.bytesRemaining * ABANDON_RULE.minSaving) return { fromIndex: request.index, maxLevel };
    }
    deadlineS += request.durationS;
  }
  return undefined;
}
