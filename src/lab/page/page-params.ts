/**
 * The lab page's query string: which player (or the probe downloader) to run
 * and for how long. Pure, so the runner and the page agree on one format.
 *   lab.html?player=sprint&abr=bola&src=/media/lab/manifest.mpd&duration=90&maxBuffer=30
 *   lab.html?mode=probe&sizes=250000,2000000&period=2,16&count=8&base=/media/lab-probe/
 */
import { isPlayerName, type PlayerName } from '../../compare/player-adapter.js';

export interface PlayerPageParams {
  readonly mode: 'player';
  readonly player: PlayerName;
  readonly abr: string;
  readonly src: string;
  readonly durationS: number;
  /** Largest buffer ahead for players that take one (ours); absent = the player's default. */
  readonly maxBufferS?: number;
}

export interface ProbePageParams {
  readonly mode: 'probe';
  /** Object sizes in bytes, downloaded in this order. */
  readonly sizes: readonly number[];
  /** Per size: a download starts this many seconds after the previous one started (0 = back to back). */
  readonly periodsS: readonly number[];
  /** Downloads per size. */
  readonly count: number;
  /** URL path of the folder holding `<bytes>.bin`. */
  readonly base: string;
}

export type LabPageParams = PlayerPageParams | ProbePageParams;

export const DEFAULT_LAB_SRC = '/media/lab/manifest.mpd';
export const DEFAULT_PROBE_BASE = '/media/lab-probe/';

function positiveNumber(raw: string | null, name: string, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function numberList(raw: string, name: string, allowZero: boolean): number[] {
  return raw.split(',').map((part) => {
    const value = Number(part);
    if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new Error(`${name}: bad value "${part}"`);
    return value;
  });
}

export function parsePageParams(search: string): LabPageParams {
  const query = new URLSearchParams(search);
  if (query.get('mode') === 'probe') {
    const sizes = numberList(query.get('sizes') ?? '', 'sizes', false).map(Math.round);
    const periods = numberList(query.get('period') ?? '0', 'period', true);
    if (periods.length !== 1 && periods.length !== sizes.length) throw new Error('period: give one value or one per size');
    return {
      mode: 'probe',
      sizes,
      periodsS: sizes.map((_, i) => periods[periods.length === 1 ? 0 : i] ?? 0),
      count: Math.round(positiveNumber(query.get('count'), 'count', 8)),
      base: query.get('base') ?? DEFAULT_PROBE_BASE,
    };
  }
  const player = query.get('player') ?? 'sprint';
  if (!isPlayerName(player)) throw new Error(`unknown player "${player}"`);
  return {
    mode: 'player',
    player,
    abr: query.get('abr') ?? 'dynamic',
    src: query.get('src') ?? DEFAULT_LAB_SRC,
    durationS: positiveNumber(query.get('duration'), 'duration', 90),
    ...(query.get('maxBuffer') === null ? {} : { maxBufferS: positiveNumber(query.get('maxBuffer'), 'maxBuffer', 60) }),
  };
}

export function playerPageQuery(params: Omit<PlayerPageParams, 'mode'>): string {
  const query = new URLSearchParams({ player: params.player, abr: params.abr, src: params.src, duration: String(params.durationS) });
  if (params.maxBufferS !== undefined) query.set('maxBuffer', String(params.maxBufferS));
  return query.toString();
}

export function probePageQuery(params: Omit<ProbePageParams, 'mode'>): string {
  return new URLSearchParams({
    mode: 'probe',
    sizes: params.sizes.join(','),
    period: params.periodsS.join(','),
    count: String(params.count),
    base: params.base,
  }).toString();
}
