/**
 * The ABR plugin interface. A controller is asked once per segment, when its
 * request is about to be issued, and returns the ladder level to fetch.
 * Controllers are pure decision makers: they get a read-only context and must
 * not fetch, touch the DOM or keep references to the player.
 */
import type { ContentType } from '../manifest/types.js';

export interface LadderRung {
  readonly level: number;
  readonly id: string;
  readonly bandwidth: number;
  readonly width?: number;
  readonly height?: number;
  readonly codecs: string;
}

export interface ThroughputObservation {
  readonly atMs: number;
  readonly bps: number;
  readonly bytes: number;
}

export type PlaybackPhase = 'startup' | 'steady' | 'recovering';

export interface AbrContext {
  readonly nowMs: number;
  readonly contentType: ContentType;
  /** Lowest bandwidth first. */
  readonly ladder: readonly LadderRung[];
  /** Seconds of media buffered ahead of the playhead (appended and downloaded). */
  readonly bufferLevelS: number;
  readonly bufferTargetS: number;
  readonly segmentDurationS: number;
  readonly segmentIndex: number;
  readonly segmentCount: number;
  /** Smoothed throughput estimate, bits/s; undefined before the first sample. */
  readonly throughputBps: number | undefined;
  readonly throughputSamples: readonly ThroughputObservation[];
  readonly rttMs: number | undefined;
  /** The data plane's estimate of this player's fair share of the bottleneck, when it has one. */
  readonly fairShareBps: number | undefined;
  /** Level of the previous segment of this type; undefined for the first. */
  readonly previousLevel: number | undefined;
  readonly playbackRate: number;
  readonly phase: PlaybackPhase;
  /**
   * Since when no other request of this type has been in flight (same clock as
   * nowMs); undefined while one is, or when the caller does not track it. BOLA
   * credits this idle time (scheduler waiting on a full buffer) to its
   * placeholder buffer; download time must not count as idle.
   */
  readonly idleSinceMs?: number | undefined;
  /**
   * Sizes in bytes of the next segments, `[level][k]` for segment
   * `segmentIndex + k`, as far as known (sidx, or a simulator's media model);
   * undefined when unknown. RobustMPC uses them instead of bandwidth × duration.
   */
  readonly upcomingSegmentBytes?: readonly (readonly number[])[] | undefined;
}

export interface AbrDecision {
  readonly level: number;
  /** Shown in stats; say why, e.g. "buffer 12.3 s > cushion". */
  readonly reason?: string;
}

export interface AbrController {
  readonly name: string;
  choose(context: AbrContext): AbrDecision;
  /** Forget history, e.g. after a seek or a new load. */
  reset?(): void;
}

export type AbrFactory = () => AbrController;
