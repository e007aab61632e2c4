/**
 * What the player-agnostic in-page measurement records. Plain JSON, so a page can
 * hand it to the lab runner (or the comparison demo) as is. Times are
 * performance.now() milliseconds of the page; `timeOrigin` maps them to epoch time.
 */

/** One Resource Timing entry, reduced to what the metrics need. */
export interface ResourceRecord {
  readonly url: string;
  readonly startTime: number;
  /** 0 when the browser did not expose it; use startTime then. */
  readonly requestStart: number;
  readonly responseStart: number;
  readonly responseEnd: number;
  readonly transferSize: number;
  readonly encodedBodySize: number;
  readonly nextHopProtocol: string;
}

/** Where a media request sits in the MPD: derived from its URL, for any player. */
export interface SegmentIdentity {
  readonly contentType: 'video' | 'audio' | 'text';
  readonly representationId: string;
  readonly bandwidth: number;
  /** Position in the ladder of its adaptation set, 0 = lowest bandwidth. */
  readonly level: number;
  /** -1 for init segments. */
  readonly segmentIndex: number;
  readonly isInit: boolean;
  readonly startS: number;
  readonly durationS: number;
}

export interface MediaRequestRecord extends ResourceRecord {
  readonly segment: SegmentIdentity;
}

export type VideoEventType =
  | 'loadedmetadata' | 'play' | 'playing' | 'waiting' | 'stalled' | 'pause' | 'seeking'
  | 'resize' | 'timeupdate' | 'ended' | 'error';

export interface VideoEventRecord {
  readonly type: VideoEventType;
  readonly t: number;
  readonly currentTime: number;
  /** Set for 'resize'. */
  readonly width?: number;
  readonly height?: number;
}

/** The <video> element sampled on a fixed period. */
export interface PlaybackSample {
  readonly t: number;
  readonly currentTime: number;
  /** Seconds buffered ahead of currentTime in the range that holds it. */
  readonly bufferAheadS: number;
  readonly readyState: number;
  readonly paused: boolean;
  readonly droppedFrames: number;
  readonly totalFrames: number;
}

export interface LadderEntry {
  readonly contentType: 'video' | 'audio' | 'text';
  readonly representationId: string;
  readonly bandwidth: number;
  readonly level: number;
}

export interface PageMeasurementResult {
  /** performance.timeOrigin of the page: epoch ms of t = 0. */
  readonly timeOrigin: number;
  /** When measurement started (normally just before load()). */
  readonly startedAt: number;
  readonly stoppedAt: number;
  /** Requests for segments of the MPD (init and media), in completion order. */
  readonly mediaRequests: readonly MediaRequestRecord[];
  /** Everything else the page fetched while measuring (MPD, scripts, probes). */
  readonly otherRequests: readonly ResourceRecord[];
  readonly events: readonly VideoEventRecord[];
  readonly samples: readonly PlaybackSample[];
  readonly ladder: readonly LadderEntry[];
  /** Resource Timing entries the browser reported dropped (buffer full). */
  readonly droppedEntries: number;
}
