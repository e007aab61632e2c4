/**
 * What the comparison page is told: by the server that serves it
 * (`/__demo/config.json`, written by scripts/demo/) and by its own query string.
 * Pure, shared by the page and the Node scripts, so both agree on one format.
 *
 * Every player gets its own media origin (a port of its own), so each plays
 * over its own TCP connection, as it would alone, and its Resource Timing
 * entries can be told apart by origin.
 */
import { PLAYER_NAMES, isPlayerName, type PlayerName } from '../compare/player-adapter.js';

export const DEMO_CONFIG_PATH = '/__demo/config.json';

/** The shaped link behind which the demo is served (lab mode). */
export interface DemoLabInfo {
  readonly runId: string;
  readonly rateMbps: number;
  readonly rttMs: number;
  readonly queueBdp: number;
  readonly queueBytes: number;
  readonly jitterMs: number;
  readonly competitors: number;
  readonly congestionControl: string;
  /** Calibrated goodput of one bulk flow alone, Mbit/s. */
  readonly goodputMbps: number;
  readonly idleRttMs: number;
  /** How the browser's traffic reaches the bottleneck. */
  readonly path: string;
}

export interface DemoStream {
  readonly label: string;
  /** URL path of the MPD on every media origin. */
  readonly src: string;
}

export interface MediaPorts {
  readonly https: number;
  readonly http?: number;
}

export interface DemoServerConfig {
  readonly version: 1;
  readonly mediaPorts: Partial<Record<PlayerName, MediaPorts>>;
  readonly streams: readonly DemoStream[];
  readonly defaultSrc: string;
  /** Present in lab mode. */
  readonly lab?: DemoLabInfo;
  /** Why the page is not behind a shaped link (shown on the page). */
  readonly unshapedReason?: string;
}

/** How the true fair share of one player is known. */
export type FairShareSource =
  | { readonly kind: 'none' }
  /** Given on the query string: this value, whatever runs. */
  | { readonly kind: 'fixed'; readonly bps: number }
  /** From the lab's calibration: goodput ÷ (competitors + players running). */
  | { readonly kind: 'lab'; readonly goodputBps: number; readonly competitors: number };

export interface DemoPageParams {
  readonly players: readonly PlayerName[];
  /** Our ABR name for every pane; undefined keeps each player's default. */
  readonly abr: string | undefined;
  /** MPD path; undefined uses the server's default stream. */
  readonly src: string | undefined;
  readonly fairShareMbps: number | undefined;
  /** Seconds each pane plays in "One at a time". */
  readonly turnS: number;
  /** Seconds the competitors run alone before each turn (undefined: 5 in lab mode, else 0), as the lab runner does. */
  readonly settleS: number | undefined;
  /** Start on load: every pane, or one at a time. */
  readonly autostart: 'all' | 'turns' | undefined;
}

export const DEFAULT_TURN_S = 60;
/** Competitors alone before each turn in lab mode: the lab runner's default settle time. */
export const LAB_SETTLE_S = 5;
export const DEFAULT_SRC = '/media/number/manifest.mpd';
export const DEMO_ABR_NAMES = ['throughput', 'bba', 'bola', 'robustmpc', 'dynamic'] as const;

function positive(raw: string | null, name: string): number | undefined {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function nonNegative(raw: string | null, name: string): number | undefined {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`${name} must be a number ≥ 0, got "${raw}"`);
  return value;
}

export function parseDemoParams(search: string): DemoPageParams {
  const query = new URLSearchParams(search);
  const playersRaw = query.get('players');
  const players = playersRaw ? playersRaw.split(',').map((p) => p.trim()).filter(Boolean) : [...PLAYER_NAMES];
  for (const player of players) if (!isPlayerName(player)) throw new Error(`unknown player "${player}"; known: ${PLAYER_NAMES.join(', ')}`);
  const abr = query.get('abr') || undefined;
  if (abr !== undefined && !(DEMO_ABR_NAMES as readonly string[]).includes(abr)) {
    throw new Error(`unknown ABR "${abr}"; known: ${DEMO_ABR_NAMES.join(', ')}`);
  }
  const autostart = query.get('autostart');
  if (autostart !== null && autostart !== 'all' && autostart !== 'turns') throw new Error(`autostart must be "all" or "turns", got "${autostart}"`);
  return {
    players: [...new Set(players)] as PlayerName[],
    abr,
    src: query.get('src') || undefined,
    fairShareMbps: positive(query.get('fairShareMbps'), 'fairShareMbps'),
    turnS: positive(query.get('turnS'), 'turnS') ?? DEFAULT_TURN_S,
    settleS: nonNegative(query.get('settleS'), 'settleS'),
    autostart: autostart ?? undefined,
  };
}

/** The query string wins (a person can override the lab); the lab's calibration next. */
export function fairShareSource(params: DemoPageParams, config: DemoServerConfig | undefined): FairShareSource {
  if (params.fairShareMbps !== undefined) return { kind: 'fixed', bps: params.fairShareMbps * 1e6 };
  const lab = config?.lab;
  if (lab && lab.goodputMbps > 0) return { kind: 'lab', goodputBps: lab.goodputMbps * 1e6, competitors: lab.competitors };
  return { kind: 'none' };
}

/** One player's fair share while `running` players (this one included) play. */
export function fairShareBpsFor(source: FairShareSource, running: number): number | undefined {
  switch (source.kind) {
    case 'none':
      return undefined;
    case 'fixed':
      return source.bps;
    case 'lab':
      return source.goodputBps / (source.competitors + Math.max(1, running));
  }
}

/**
 * The origin a player's media comes from: its own port on the page's host, in
 * the page's scheme; the page's own origin when the server gave no ports
 * (then all panes share one connection, which the page says).
 */
export function mediaOriginFor(
  player: PlayerName,
  config: DemoServerConfig | undefined,
  page: { readonly protocol: string; readonly hostname: string; readonly origin: string },
): { readonly origin: string; readonly own: boolean } {
  const ports = config?.mediaPorts[player];
  const port = page.protocol === 'http:' ? ports?.http : ports?.https;
  if (port === undefined) return { origin: page.origin, own: false };
  const host = page.hostname.includes(':') ? `[${page.hostname}]` : page.hostname;
  return { origin: `${page.protocol}//${host}:${port}`, own: true };
}

export function isDemoServerConfig(value: unknown): value is DemoServerConfig {
  const v = value as Partial<DemoServerConfig> | null;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.mediaPorts === 'object' && Array.isArray(v.streams);
}
