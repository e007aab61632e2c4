/**
 * The public face of a player instance: its configuration, its events and the
 * stats it streams. UI components and the lab read only what is declared here.
 */
import type { SprintError } from '../errors.js';
import type { ContentType } from '../manifest/types.js';
import type { Pipelining, RunModelInputs, RunReason } from '../scheduler/types.js';

export interface RepresentationInfo {
  readonly id: string;
  readonly contentType: ContentType;
  readonly bandwidth: number;
  readonly width?: number;
  readonly height?: number;
  readonly codecs: string;
  /** Position in the ladder, 0 = lowest bandwidth. */
  readonly level: number;
}

/** One finished (or failed, or aborted) media request, with its timing. */
export interface RequestRecord {
  readonly id: number;
  readonly contentType: ContentType;
  readonly representationId: string;
  /** First segment the request carries (-1 for init segments). */
  readonly segmentIndex: number;
  /** Segments in this request: more than 1 where byte ranges were coalesced. */
  readonly segmentCount?: number;
  readonly isInit: boolean;
  readonly url: string;
  readonly range?: { start: number; end: number };
  /** performance.now() milliseconds. */
  readonly startMs: number;
  readonly firstByteMs: number | undefined;
  readonly endMs: number;
  readonly bytes: number;
  readonly protocol: string | undefined;
  readonly outcome: 'ok' | 'aborted' | 'failed';
}

export interface ThroughputSample {
  readonly atMs: number;
  readonly bitsPerSecond: number;
  readonly bytes: number;
  readonly durationMs: number;
}

/** One Sprint run: what the model planned and what the network gave. */
export interface RunRecord {
  readonly startMs: number;
  /** Arrival of the run's last byte; undefined while under way. */
  readonly endMs: number | undefined;
  readonly reason: RunReason;
  readonly plannedBytes: number | undefined;
  readonly predictedFraction: number | undefined;
  /** What the prediction was computed from (runs with a prediction). */
  readonly model?: RunModelInputs;
  readonly bytes: number;
  /** Bytes over the run's duration, bits/s. */
  readonly throughputBps: number | undefined;
  /** throughputBps ÷ the fair-share estimate when the run completed. */
  readonly measuredFraction: number | undefined;
  /** Most requests in flight while the run's bytes arrived: its pipelining depth (1: none). */
  readonly maxRequestsInFlight: number;
}

export interface StallRecord {
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly positionS: number;
  /**
   * Media buffered ahead of the playhead when the element began waiting, s. Near 0 the
   * player ran out of media (a rebuffer); seconds of it mean the decoder or renderer fell
   * behind (a busy machine, 2× playback), which no download schedule can prevent.
   */
  readonly bufferedAheadS: number;
}

/** A snapshot of everything the stats overlay and lab show, pushed on stats$. */
export interface PlayerStats {
  readonly atMs: number;
  readonly state: PlayerState;
  readonly positionS: number;
  readonly durationS: number;
  readonly bufferAheadS: number;
  readonly video: RepresentationInfo | undefined;
  readonly audio: RepresentationInfo | undefined;
  /** Latest throughput estimate, bits/s; undefined before the first sample. */
  readonly throughputBps: number | undefined;
  readonly rttMs: number | undefined;
  /** Throughput over the steady part of long busy periods: the player's fair-share estimate, bits/s. */
  readonly fairShareBps: number | undefined;
  /** Sprint runs (empty for schedulers without runs), oldest first. */
  readonly runs: readonly RunRecord[];
  readonly lastThroughput: ThroughputSample | undefined;
  readonly startupMs: number | undefined;
  readonly stalls: readonly StallRecord[];
  readonly requestsInFlight: number;
  /** Estimated bytes held in the SourceBuffers now. */
  readonly sourceBufferBytes: number;
  /** Errors reported with fatal: false since load() (retried attempts, rung fallbacks, a full buffer). */
  readonly recoverableErrors: number;
  /** Errors that stopped playback since load() (0 or 1). */
  readonly fatalErrors: number;
  readonly mediaBytes: number;
  readonly switches: number;
  readonly scheduler: string;
  /** nextHopProtocol of the latest media response ('h2', 'http/1.1'); undefined before one or where hidden. */
  readonly protocol: string | undefined;
  /** How the scheduler's requests overlap now; undefined for schedulers that never pipeline. */
  readonly pipelining: Pipelining | undefined;
  readonly abr: string;
  /** Why the ABR controller chose the current video level (its `reason`). */
  readonly abrReason: string | undefined;
}

export type PlayerState = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error';

/** Typed events; `on(name, handler)` on the player. */
export interface PlayerEventMap {
  manifestloaded: { durationS: number; video: readonly RepresentationInfo[]; audio: readonly RepresentationInfo[] };
  /**
   * The scheduler's request overlap, when first known and whenever it changes: 'unavailable'
   * means the origin answers over HTTP/1.x and requests go one at a time.
   */
  pipelining: { mode: Pipelining; protocol: string | undefined };
  statechange: { state: PlayerState };
  representationchange: { contentType: ContentType; from: RepresentationInfo | undefined; to: RepresentationInfo };
  request: RequestRecord;
  stall: StallRecord;
  error: SprintError;
}

export type PlayerEventName = keyof PlayerEventMap;

/** Which representation to play: 'auto' lets the ABR controller choose. */
export type QualitySelection = 'auto' | { readonly level: number };

export interface PlayerConfig {
  /** 'sprint' (the default: model-sized, pipelined runs), 'sprint-serial' or 'sequential' (one request at a time per type). */
  readonly scheduler: string;
  /** ABR controller: a built-in name (see src/abr/registry.ts), a controller object or a factory. */
  readonly abr: import('../abr/registry.js').AbrSpec;
  /** Seconds of media to keep ahead of the playhead (the sequential scheduler's target). */
  readonly bufferTargetS: number;
  /** Most media a Sprint run may buffer ahead, seconds. */
  readonly maxBufferS: number;
  /** Seconds buffered before playback starts. */
  readonly startupBufferS: number;
  /** Seconds of media kept behind the playhead before eviction. */
  readonly backBufferS: number;
  /** Retries, backoff and per-request time limits for media requests (src/net/retry.ts). */
  readonly retry: import('../net/retry.js').RetryPolicy;
  /** Upper bound on SourceBuffer bytes per type before eviction. */
  readonly maxBufferBytes: number;
  /** Stall-free gaps smaller than this are jumped over. */
  readonly maxGapJumpS: number;
}

/** What `<sprint-player>` and other embedders call. Implemented by SprintPlayer. */
export interface SprintPlayerApi {
  readonly video: HTMLVideoElement;
  readonly stats$: import('rxjs').Observable<PlayerStats>;
  readonly requests$: import('rxjs').Observable<RequestRecord>;
  load(url: string): Promise<void>;
  configure(partial: Partial<PlayerConfig>): void;
  getConfig(): PlayerConfig;
  /** Ladder of the current video (or audio-only) adaptation set, lowest first. */
  getRepresentations(contentType: ContentType): readonly RepresentationInfo[];
  getQuality(): QualitySelection;
  setQuality(selection: QualitySelection): void;
  on<K extends PlayerEventName>(name: K, handler: (payload: PlayerEventMap[K]) => void): () => void;
  destroy(): Promise<void>;
}
