/** Lab configuration: defaults and validation. */
import { fileURLToPath } from 'node:url';

export type CongestionControl = 'cubic' | 'bbr' | 'reno';
export type DelayBackendKind = 'tun' | 'netem';
export type DelayBackendChoice = DelayBackendKind | 'auto';

export interface LabOptions {
  /** Bottleneck rate (HTB on the router's interface toward the client). */
  rateMbps: number;
  /** Base round-trip propagation delay, split evenly unless up/down are set. */
  rttMs: number;
  /** Optional explicit one-way delays; override the even split of rttMs. */
  upDelayMs?: number;
  downDelayMs?: number;
  /** Drop-tail queue size as a multiple k of the BDP. */
  queueBdp: number;
  /** Upper bound J of uniform 0..J ms jitter on the ACK path (client → server). */
  jitterMs: number;
  /** Competing bulk flows planned for the run (0–4): sets the fair share and startCompetitors()' default. */
  competitors: number;
  /** Congestion control for the server (and client) namespaces, set per route. */
  congestionControl: CongestionControl;
  /** net.ipv4.tcp_slow_start_after_idle in the server namespace; undefined leaves the kernel default (1). */
  slowStartAfterIdle?: boolean;
  /**
   * net.ipv4.tcp_pingpong_thresh in the client namespace; undefined leaves the
   * kernel default (1). Linux switches a receiver to delayed ACKs ("pingpong"
   * mode) once it sends this many times within ato of a receive; h2
   * WINDOW_UPDATEs and pipelined requests trigger it mid-download, and it
   * costs a download in competition ~0.2 of its fair share (docs/lab.md).
   * 255 (the maximum) in effect keeps the client out of that mode.
   */
  clientPingpongThresh?: number;
  delayBackend: DelayBackendChoice;
  /** Short id used in namespace names; random when omitted. */
  runId?: string;
  /** Where the delay line binary is compiled to. */
  cacheDir: string;
  /** Install SIGINT/SIGTERM/exit handlers that tear the lab down. */
  handleSignals: boolean;
  log: (line: string) => void;
}

export const DEFAULT_LAB_OPTIONS: Readonly<LabOptions> = {
  rateMbps: 20,
  rttMs: 40,
  queueBdp: 1,
  jitterMs: 1,
  competitors: 0,
  congestionControl: 'cubic',
  delayBackend: 'auto',
  // Relative to the repository, not the cwd, so any caller shares one build.
  cacheDir: fileURLToPath(new URL('../../node_modules/.cache/sprint-lab', import.meta.url)),
  handleSignals: true,
  log: (line) => console.error(`[lab] ${line}`),
};

const CONGESTION_CONTROLS: readonly CongestionControl[] = ['cubic', 'bbr', 'reno'];
const DELAY_BACKENDS: readonly DelayBackendChoice[] = ['auto', 'tun', 'netem'];

export function isCongestionControl(value: string): value is CongestionControl {
  return (CONGESTION_CONTROLS as readonly string[]).includes(value);
}

export function isDelayBackendChoice(value: string): value is DelayBackendChoice {
  return (DELAY_BACKENDS as readonly string[]).includes(value);
}

/** A valid net.ipv4.tcp_pingpong_thresh: an integer 1–255. */
export function isClientPingpongThresh(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 255;
}

/** ", client tcp_pingpong_thresh N" for the lines that describe a link; '' when not known or not set. */
/** ', players over HTTP/1.1' when the players' browser ran without HTTP/2 (--client-http1), else ''. */
export function describeClientHttp1(http1: boolean | undefined): string {
  return http1 ? ', players over HTTP/1.1' : '';
}

export function describeClientPingpong(thresh: number | undefined): string {
  return thresh === undefined ? '' : `, client tcp_pingpong_thresh ${thresh}`;
}

/** Fills defaults and rejects values the lab cannot build. */
export function resolveLabOptions(partial: Partial<LabOptions> = {}): LabOptions {
  const options: LabOptions = { ...DEFAULT_LAB_OPTIONS, ...stripUndefined(partial) };
  const problems: string[] = [];
  if (!(options.rateMbps > 0 && options.rateMbps <= 10_000)) problems.push('rateMbps must be in (0, 10000]');
  if (!(options.rttMs >= 0 && options.rttMs <= 2_000)) problems.push('rttMs must be in [0, 2000]');
  if (!(options.queueBdp > 0 && options.queueBdp <= 100)) problems.push('queueBdp must be in (0, 100]');
  if (!(options.jitterMs >= 0 && options.jitterMs <= 1_000)) problems.push('jitterMs must be in [0, 1000]');
  if (!(Number.isInteger(options.competitors) && options.competitors >= 0 && options.competitors <= 4)) problems.push('competitors must be an integer in [0, 4]');
  const thresh = options.clientPingpongThresh;
  if (thresh !== undefined && !isClientPingpongThresh(thresh)) problems.push('clientPingpongThresh must be an integer in [1, 255]');
  for (const [name, value] of [['upDelayMs', options.upDelayMs], ['downDelayMs', options.downDelayMs]] as const) {
    if (value !== undefined && !(value >= 0 && value <= 1_000)) problems.push(`${name} must be in [0, 1000]`);
  }
  if (!isCongestionControl(options.congestionControl)) problems.push(`congestionControl must be one of ${CONGESTION_CONTROLS.join(', ')}`);
  if (!isDelayBackendChoice(options.delayBackend)) problems.push(`delayBackend must be one of ${DELAY_BACKENDS.join(', ')}`);
  if (options.runId !== undefined && !/^[a-z0-9]{1,8}$/.test(options.runId)) problems.push('runId must be 1-8 lowercase letters or digits');
  if (problems.length > 0) throw new Error(`invalid lab options: ${problems.join('; ')}`);
  return options;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
