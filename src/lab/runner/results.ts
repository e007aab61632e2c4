/** The shape of results.json (documented in docs/lab.md, "Results schema"). */
import type { QoeSummary } from '../../abr/qoe.js';
import type { CeilingSummary } from '../ceiling/summary.js';
import type { Calibration } from '../network-lab.js';
import type { ProbeSizeResult } from './probe-analysis.js';
import type { SprintRunEntry } from './sprint-run-list.js';
import type { SenderIdleSummary } from '../capture/sender-gaps.js';

export interface CellConfig {
  readonly rateMbps: number;
  readonly rttMs: number;
  readonly queueBdp: number;
  readonly competitors: number;
  readonly cc: 'cubic' | 'bbr' | 'reno';
  readonly jitterMs: number;
  /** Client namespace's net.ipv4.tcp_pingpong_thresh, when set (--client-pingpong); absent = kernel default. */
  readonly clientPingpongThresh?: number;
  /** The players' browser ran with HTTP/2 off (--client-http1): media over HTTP/1.1. Absent = HTTP/2. */
  readonly clientHttp1?: boolean;
}

export interface RunSeries {
  /** Bin width of the binned series, s. */
  readonly binS: number;
  /** The player's media throughput per bin (client Resource Timing), Mbit/s. */
  readonly throughputMbps: readonly number[];
  /** Each competitor's per-second throughput: [s since run start, Mbit/s]. */
  readonly competitorMbps: readonly (readonly [number, number][])[];
  /** Buffer ahead of the playhead: [s, seconds]. */
  readonly bufferS: readonly [number, number][];
  /** Bitrate of the video that was playing: [s, kbit/s]. */
  readonly playedKbps: readonly [number, number][];
  /** Bitrate of each video segment requested: [s at request, kbit/s]. */
  readonly requestedKbps: readonly [number, number][];
  /** Media requests in flight, a step function: [s, count]. */
  readonly inFlight: readonly [number, number][];
  /** Server-side bytes per connection (origin log): one entry per socket. */
  readonly connections: readonly { socketId: number; protocol: string; requests: number; bytes: number; mbps: readonly number[] }[];
}

export interface RunResult extends CellConfig {
  readonly cell: number;
  readonly player: string;
  /** Our scheduler's name ('sprint', 'sequential') or the library and version. */
  readonly scheduler: string;
  readonly abr: string;
  readonly abrApplied: string;
  /** The largest buffer ahead the run set (--max-buffer), s; null = the player's default. */
  readonly maxBufferS?: number | null;
  readonly durationS: number;
  /** From this cell's calibration: goodput ÷ (competitors + 1). */
  readonly fairShareMbps: number;
  readonly downloadFraction: number | null;
  readonly meanBitrateKbps: number | null;
  readonly rebufferRatio: number | null;
  readonly stalls: number;
  readonly startupMs: number | null;
  readonly switches: number;
  /** Linear QoE of the played video segments (src/lab/runner/playback-qoe.ts); null if nothing played. */
  readonly qoe: QoeSummary | null;
  /** Init + media segment body bytes the page received. */
  readonly mediaBytes: number;
  /** Body bytes the origin handed to the connection for the same paths (aborted requests included). */
  readonly serverMediaBytes: number;
  /** Time with at least one media request in flight, s. */
  readonly activeSeconds: number;
  /** Media bytes ÷ the whole run at fair share (how much of the link the player used overall). */
  readonly linkShareOverall: number | null;
  readonly mediaRequests: number;
  /** Highest number of media requests in flight at once. */
  readonly maxInFlight: number;
  /** Connections (origin socket ids) that carried media, and their protocols. */
  readonly connections: number;
  readonly protocols: readonly string[];
  /** Mean throughput of each competitor during the run, Mbit/s. */
  readonly competitorMbps: readonly (number | null)[];
  /** Mean competitor throughput ÷ fair share. */
  readonly competitorFraction: number | null;
  /** Seconds of media played; playback position at the end. */
  readonly playedS: number;
  readonly finalPositionS: number;
  readonly droppedFrames: number;
  readonly totalFrames: number;
  /** Mean of the Sprint runs' predicted fraction of fair share; null for other schedulers. */
  readonly predictedFraction: number | null;
  /** Mean of the Sprint runs' measured fraction (the player's own view); null for other schedulers. */
  readonly sprintMeasuredFraction: number | null;
  readonly sprintRuns: number | null;
  /** Every Sprint run, oldest first: predicted next to measured (vs the calibrated fair share); empty for other schedulers. */
  readonly sprintRunList: readonly SprintRunEntry[];
  /** The player's final fair-share estimate, Mbit/s (ours only). */
  readonly fairShareEstimateMbps: number | null;
  readonly errors: readonly string[];
  /** Raw page result, relative to the output folder. */
  readonly rawFile: string;
  readonly series: RunSeries;
  /** With `--capture`: when the origin's sender sat idle, overall and inside Sprint's runs. */
  readonly senderIdle?: SenderIdleSummary;
}

/** The link's calibration plus the transport-ceiling probe run right after it (null when skipped). */
export type LabCalibration = Calibration & { readonly ceiling: CeilingSummary | null };

export interface CellResult {
  readonly cell: number;
  readonly config: CellConfig;
  readonly calibration: LabCalibration;
  /** Delay-line lateness over the whole cell (tun backend). */
  readonly delayLineFlagged: boolean | null;
  readonly wallSeconds: number;
}

export interface LabResults {
  readonly version: 1;
  readonly createdAt: string;
  readonly command: string;
  readonly players: readonly string[];
  readonly grid: string;
  /** The first cell's calibration (the only one for single-cell runs); every cell's is in `cells`. */
  readonly calibration: LabCalibration | null;
  readonly cells: readonly CellResult[];
  readonly runs: readonly RunResult[];
  /** Probe mode: measured fraction of fair share per object size next to the model's prediction. */
  readonly probe: readonly ProbeSizeResult[];
  /** Cells or players that failed, with the reason. */
  readonly failures: readonly string[];
}
