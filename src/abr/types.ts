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
   * When the last media download of this type completed (same clock as nowMs);
   * undefined before the first or when the player does not track it. BOLA uses
   * it to tell idle time (buffer full, scheduler waiting) from download time.
   */
  readonly lastDownloadEndMs?: number | undefined;
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
