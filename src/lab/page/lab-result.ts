/** What the lab page hands to the runner through window.labResult() / labStatus(). */
import type { PageMeasurementResult } from '../../compare/measurement-types.js';
import type { PlayerStats } from '../../player/types.js';
import type { PlayerName } from '../../compare/player-adapter.js';

export interface LabPlayerResult {
  readonly mode: 'player';
  readonly player: PlayerName;
  readonly abr: string;
  /** What the player actually ran for `abr`. */
  readonly abrApplied: string;
  /** Our scheduler's name, or the library and version. */
  readonly scheduler: string;
  /** The largest buffer ahead set for this run, s; null where the page did not set one (default, or a player without the setting). */
  readonly maxBufferS?: number | null;
  readonly src: string;
  readonly durationS: number;
  readonly userAgent: string;
  /** performance.now() when load() was called. */
  readonly loadStartedAt: number;
  readonly measurement: PageMeasurementResult;
  /** Our player's last stats snapshot (runs, fair share); absent for dash.js and Shaka. */
  readonly sprint?: PlayerStats;
  readonly errors: readonly string[];
}

export interface ProbeDownload {
  readonly bytes: number;
  /** The schedule's period for this size, s (0 = back to back). */
  readonly periodS: number;
  readonly index: number;
  readonly url: string;
  readonly startTime: number;
  readonly requestStart: number;
  readonly responseStart: number;
  readonly responseEnd: number;
  readonly encodedBodySize: number;
  readonly protocol: string;
  /** Time since the previous probe's last byte (the connection's idle time), ms; undefined for the first. */
  readonly idleBeforeMs: number | undefined;
}

export interface LabProbeResult {
  readonly mode: 'probe';
  readonly timeOrigin: number;
  readonly userAgent: string;
  readonly downloads: readonly ProbeDownload[];
  readonly errors: readonly string[];
}

export type LabPageResult = LabPlayerResult | LabProbeResult;

export interface LabStatus {
  readonly done: boolean;
  readonly elapsedS: number;
  /** Player mode: playback position and buffer. */
  readonly currentTime?: number;
  readonly bufferAheadS?: number;
  /** Probe mode: what is being downloaded. */
  readonly phase?: string;
  readonly error?: string;
  /** Player mode, our player only: live counters (the soak samples them). */
  readonly sprint?: {
    readonly state: string;
    readonly sourceBufferBytes: number;
    readonly recoverableErrors: number;
    readonly fatalErrors: number;
  };
}

/** The globals the lab page defines for the runner. */
export interface LabPageWindow {
  labStatus(): LabStatus;
  labResult(): LabPageResult | undefined;
}
