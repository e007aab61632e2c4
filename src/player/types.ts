/**
 * The public face of a player instance: its configuration, its events and the
 * stats it streams. UI components and the lab read only what is declared here.
 */
import type { SprintError } from '../errors.js';
import type { ContentType } from '../manifest/types.js';

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
  readonly segmentIndex: number;
  /** -1 for init segments. */
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

export interface StallRecord {
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly positionS: number;
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
  readonly lastThroughput: ThroughputSample | undefined;
  readonly startupMs: number | undefined;
  readonly stalls: readonly StallRecord[];
  readonly requestsInFlight: number;
  readonly mediaBytes: number;
  readonly switches: number;
  readonly scheduler: string;
  readonly abr: string;
}

export type PlayerState = 'idle' | 'loading' | 'ready' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error';

/** Typed events; `on(name, handler)` on the player. */
export interface PlayerEventMap {
  manifestloaded: { durationS: number; video: readonly RepresentationInfo[]; audio: readonly RepresentationInfo[] };
  statechange: { state: PlayerState };
  representationchange: { contentType: ContentType; from: RepresentationInfo | undefined; to: RepresentationInfo };
  request: RequestRecord;
  stall: StallRecord;
  error: SprintError;
}

export type PlayerEventName = keyof PlayerEventMap;
