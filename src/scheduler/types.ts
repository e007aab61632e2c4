/**
 * The scheduler decides *when* to request *which* segments; it never fetches.
 * It is a pure function of the state the download driver hands it, so its
 * decisions can be tested under a fake clock. Sprint's run scheduler and the
 * baseline sequential scheduler implement the same interface.
 */
import type { ContentType } from '../manifest/types.js';
import type { ModelParameters, NetworkState } from '../model/throughput-model.js';

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
  /** Consecutive segments are back-to-back byte ranges of one file: an order of several can be one request. */
  readonly coalescable?: boolean;
}

/** What the page can estimate about the network, for schedulers that model it. */
export interface NetworkEstimate {
  /** Smoothed throughput of recent downloads, bits/s. */
  readonly throughputBps: number | undefined;
  /** Throughput over the steady part of long busy periods, bits/s (see estimate/fair-share.ts). */
  readonly fairShareBps: number | undefined;
  readonly baseRttMs: number | undefined;
  readonly loadedRttMs: number | undefined;
  /** When the last body byte of any request arrived (clock ms); undefined before any. */
  readonly lastActivityMs: number | undefined;
  /** Body bytes since requests were last all finished (the busy period under way); 0 or absent when idle. */
  readonly busyBytes?: number;
  /**
   * nextHopProtocol of the latest media response ('h2', 'http/1.1'); undefined before the
   * first, or where the browser hides it (cross-origin without Timing-Allow-Origin).
   */
  readonly protocol?: string;
}

/**
 * How a scheduler's requests overlap on the connection:
 *  - 'pipelined': the next request goes out while earlier responses still arrive, all on
 *    one multiplexed (HTTP/2 or HTTP/3) connection;
 *  - 'serial': one request at a time, by configuration;
 *  - 'unavailable': the origin answers over HTTP/1.x, where a second request in flight
 *    opens a second connection (Chromium keeps up to six per host) instead of queueing on
 *    the first, and two connections halve each other's window: requests go one at a time,
 *    back to back on one keep-alive connection.
 */
export type Pipelining = 'pipelined' | 'serial' | 'unavailable';

export interface SchedulerState {
  readonly nowMs: number;
  readonly playing: boolean;
  readonly playbackRate: number;
  /** False until the startup buffer has been reached once. */
  readonly startupComplete: boolean;
  readonly bufferTargetS: number;
  readonly startupBufferS: number;
  /** Largest buffer ahead a run may build, seconds (Sprint's cap). */
  readonly maxBufferS: number;
  readonly tracks: readonly TrackSchedulingState[];
  readonly network: NetworkEstimate;
}

/** Issue requests for the next `segmentCount` segments of a track, in order. */
export interface FetchOrder {
  readonly contentType: ContentType;
  readonly segmentCount: number;
}

/**
 * Why a run started: 'startup' (fill to the startup buffer as fast as possible), 'continued'
 * (startup is over and the connection, still busy, goes on filling the buffer: a new run
 * without a restart), 'model' (the free buffer fits the model's size) or 'low-buffer'.
 */
export type RunReason = 'startup' | 'continued' | 'model' | 'low-buffer';

/**
 * What a run's prediction was computed from, so the model can be asked again about the
 * bytes the run actually received: continuedFraction(deliveredBytes, bytes, network, params).
 */
export interface RunModelInputs {
  readonly network: NetworkState;
  /** Bytes the connection had delivered since its restart when the run began (0: restarted). */
  readonly deliveredBytes: number;
  readonly params: ModelParameters;
}

/** A run of back-to-back downloads that a run-based scheduler started or ended. */
export interface RunEvent {
  readonly kind: 'start' | 'end';
  readonly atMs: number;
  /** Planned size, bytes (start only): the model's size, or for 'continued' the bytes that fill the buffer. */
  readonly plannedBytes?: number;
  /** The model's predicted fraction of fair share for that size (start only). */
  readonly predictedFraction?: number;
  /** The model's inputs for that prediction (start only). */
  readonly model?: RunModelInputs;
  /** Why the run started. A 'continued' start also ends the run before it, with its requests still in flight. */
  readonly reason?: RunReason;
}

export interface SchedulerDecision {
  readonly orders: readonly FetchOrder[];
  /** Ask again after this long even if nothing happens; undefined = only on events. */
  readonly recheckInMs: number | undefined;
  readonly run?: RunEvent;
}

export interface DownloadScheduler {
  readonly name: string;
  decide(state: SchedulerState): SchedulerDecision;
  /** The buffer level this scheduler fills towards, seconds (what buffer-based ABRs aim at). */
  bufferGoalS?(limits: { readonly bufferTargetS: number; readonly maxBufferS: number }): number;
  /** How its requests overlap over a connection speaking `protocol` (schedulers that pipeline). */
  pipelining?(protocol: string | undefined): Pipelining;
}
