/**
 * The scheduler decides *when* to request *which* segments; it never fetches.
 * It is a pure function of the state the download driver hands it, so its
 * decisions can be tested under a fake clock. Sprint's run scheduler and the
 * baseline sequential scheduler implement the same interface.
 */
import type { ContentType } from '../manifest/types.js';

export interface InFlightInfo {
  readonly segmentIndex: number;
  readonly startedMs: number;
  readonly bytesLoaded: number;
  /** From Content-Length or the segment's byte range; undefined until known. */
  readonly bytesExpected: number | undefined;
}

export interface TrackSchedulingState {
  readonly contentType: ContentType;
  /** Index of the next segment not yet requested. */
  readonly nextSegmentIndex: number;
  readonly segmentCount: number;
  /** Duration of the next segment to request (0 when none is left). */
  readonly nextSegmentDurationS: number;
  /** Media ahead of the playhead that is appended, downloading or downloaded. */
  readonly requestedAheadS: number;
  /** Media ahead of the playhead that is appended in the SourceBuffer, contiguous. */
  readonly bufferedAheadS: number;
  readonly inFlight: readonly InFlightInfo[];
  /** Bandwidth (bits/s) of the representation last chosen for this track. */
  readonly currentBandwidth: number;
}

export interface SchedulerState {
  readonly nowMs: number;
  readonly playing: boolean;
  readonly playbackRate: number;
  /** False until the startup buffer has been reached once. */
  readonly startupComplete: boolean;
  readonly bufferTargetS: number;
  readonly startupBufferS: number;
  readonly tracks: readonly TrackSchedulingState[];
}

/** Issue requests for the next `segmentCount` segments of a track, in order. */
export interface FetchOrder {
  readonly contentType: ContentType;
  readonly segmentCount: number;
}

export interface SchedulerDecision {
  readonly orders: readonly FetchOrder[];
  /** Ask again after this long even if nothing happens; undefined = only on events. */
  readonly recheckInMs: number | undefined;
}

export interface DownloadScheduler {
  readonly name: string;
  decide(state: SchedulerState): SchedulerDecision;
}
