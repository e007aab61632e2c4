/** Command line of `npm run lab` (src/lab/runner/main.ts). Pure parsing, tested. */
import { parseArgs } from 'node:util';
import { LINK_CLI_OPTIONS, linkFromCli } from '../link-cli.js';
import { LAB_SECONDS } from '../../../scripts/dash-media/lab-recipe.js';
import { EXPERIMENTAL_PLAYER_NAMES, PLAYER_NAMES, isPlayerName, type PlayerName } from '../../compare/player-adapter.js';
import type { CellConfig } from './results.js';

export const GRIDS = ['single', 'smoke', 'reference'] as const;
export type GridName = (typeof GRIDS)[number];

export interface ProbeOptions {
  readonly sizes: readonly number[];
  /** One period per size (s): a download starts this long after the previous one started; 0 = back to back. */
  readonly periodsS: readonly number[];
  readonly count: number;
  /**
   * Also probe, in each cell, the size the throughput model picks for this fraction of fair
   * share on the cell's calibrated network (so the lab measures what that size gets).
   */
  readonly modelTarget: number | undefined;
  /** Period of the model-sized downloads, s. */
  readonly modelPeriodS: number;
}

export const DEFAULT_CEILING_S = 30;

export interface LabCliArgs {
  readonly help: boolean;
  readonly players: readonly PlayerName[];
  readonly abr: string;
  /** Sprint's maxBufferS for our players (sprint, sprint-serial, sequential); undefined keeps the player's default. */
  readonly maxBufferS: number | undefined;
  readonly grid: GridName;
  readonly cells: readonly CellConfig[];
  readonly durationS: number;
  readonly outDir: string;
  readonly probe: ProbeOptions | undefined;
  /** Seconds the competitors run alone before the first player (and between players). */
  readonly settleS: number;
  /** Seconds per transport-ceiling measurement after each cell's calibration; 0 skips the probe. */
  readonly ceilingS: number;
  readonly build: boolean;
  /** Record each player's origin traffic (headers only) and report where the sender idled. */
  readonly capture: boolean;
  /** Soak mode (src/lab/soak): one player this long with origin faults (a spec or preset) and link faults. */
  readonly soak: { readonly durationS: number; readonly faults: string } | undefined;
}

export const LAB_USAGE = `usage: npm run lab -- [options]
  --players LIST      ${PLAYER_NAMES.join(',')} (default sprint); experimental: ${EXPERIMENTAL_PLAYER_NAMES.join(',')}
  --abr NAME          throughput | bola | dynamic | bba | robustmpc (default dynamic; dash.js maps
                      throughput/bola/dynamic to its rules, Shaka keeps its own)
  --rate MBPS         bottleneck rate (default 20)
  --rtt MS            base RTT (default 40)
  --queue BDP         drop-tail queue in BDPs (default 1)
  --competitors N     bulk TCP flows, 0-4 (default 1)
  --cc NAME           cubic | bbr | reno (default cubic)
  --jitter MS         ACK-path jitter 0..J ms (default 1)
  --client-pingpong N client's net.ipv4.tcp_pingpong_thresh, 1-255 (default: the kernel's, 1); 255
                      keeps the client out of delayed-ACK pingpong mode (docs/lab.md, transport ceiling)
  --client-http1      the players' browser with HTTP/2 off: media over HTTP/1.1 (Sprint then
                      requests one segment at a time; docs/architecture.md)
  --duration S        seconds per player (default 90; smoke grid 40)
  --max-buffer S      our players' largest buffer ahead, s (default the player's, 60); dash.js and Shaka keep theirs
  --grid NAME         single (the flags above) | smoke (20/40/1/1, 40 s) |
                      reference (rate {5,20} x RTT {20,80} x competitors {1,3}, queue 1)
  --out DIR           output folder (default lab-results/<date>-<grid>)
  --probe-sizes LIST  probe mode instead of players: object sizes, e.g. 250k,1m,4m,16m
  --probe-gap-s LIST  one period or one per size: a download starts every N s (default 2; 0 = back to back)
  --probe-count N     downloads per size (default 8)
  --probe-model-target F  also probe, per cell, the size the model picks for F of fair share (e.g. 0.9)
  --settle S          competitors alone before each player (default 5)
  --ceiling S         seconds per transport-ceiling measurement after calibration (bulk, h2 pipelined,
                      HTTP/1.1; default 30; 0 skips it)
  --capture           record each player's origin traffic (tcpdump, headers only) to cell-N/<player>.pcap
                      and report where the server's sender idled with everything acknowledged
  --no-build          do not rebuild dist/demo when sources are newer
  --soak S            soak mode: the first player for S seconds with origin and link faults (docs/reliability.md)
  --faults SPEC       soak: origin faults, e.g. mixed (default) or 5xx=0.05,reset=0.02,stall=0.01:8s,seed=7; none
  --help`;

function positive(raw: string | undefined, flag: string, fallback: number, allowZero = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new Error(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  return value;
}

/** "250k" → 250 000, "4m" → 4 000 000 (decimal units, like the model's docs); plain numbers are bytes. */
export function parseSize(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(raw.trim());
  if (!match) throw new Error(`bad size "${raw}" (use e.g. 250k, 2m, 16m)`);
  const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[(match[2] ?? '').toLowerCase()] ?? 1;
  const bytes = Math.round(Number(match[1]) * scale);
  if (bytes < 1) throw new Error(`size "${raw}" is below one byte`);
  return bytes;
}

export function gridCells(grid: GridName, single: CellConfig): CellConfig[] {
  const base = {
    cc: single.cc, jitterMs: single.jitterMs,
    ...(single.clientPingpongThresh === undefined ? {} : { clientPingpongThresh: single.clientPingpongThresh }),
    ...(single.clientHttp1 ? { clientHttp1: true } : {}),
  };
  switch (grid) {
    case 'single':
      return [single];
    case 'smoke':
      return [{ ...base, rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1 }];
    case 'reference':
      return [5, 20].flatMap((rateMbps) =>
        [20, 80].flatMap((rttMs) => [1, 3].map((competitors) => ({ ...base, rateMbps, rttMs, queueBdp: 1, competitors }))),
      );
  }
}

export function parseLabCliArgs(argv: readonly string[], now = new Date()): LabCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      players: { type: 'string' },
      abr: { type: 'string' },
      'max-buffer': { type: 'string' },
      ...LINK_CLI_OPTIONS,
      duration: { type: 'string' },
      grid: { type: 'string' },
      out: { type: 'string' },
      'probe-sizes': { type: 'string' },
      'probe-gap-s': { type: 'string' },
      'probe-count': { type: 'string' },
      'probe-model-target': { type: 'string' },
      settle: { type: 'string' },
      ceiling: { type: 'string' },
      soak: { type: 'string' },
      faults: { type: 'string' },
      'no-build': { type: 'boolean' },
      'client-http1': { type: 'boolean' },
      capture: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const players = (values.players ?? 'sprint').split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = players.filter((p) => !isPlayerName(p));
  if (unknown.length > 0 || players.length === 0) throw new Error(`--players: unknown ${unknown.join(', ') || '(none)'}; known: ${[...PLAYER_NAMES, ...EXPERIMENTAL_PLAYER_NAMES].join(', ')}`);
  const grid = values.grid ?? 'single';
  if (!(GRIDS as readonly string[]).includes(grid)) throw new Error(`--grid must be one of ${GRIDS.join(', ')}`);
  const cc = values.cc ?? 'cubic';
  if (cc !== 'cubic' && cc !== 'bbr' && cc !== 'reno') throw new Error('--cc must be cubic, bbr or reno');
  const competitors = positive(values.competitors, '--competitors', 1, true);
  if (!Number.isInteger(competitors) || competitors > 4) throw new Error('--competitors must be an integer 0-4');
  const { clientPingpongThresh } = linkFromCli({ 'client-pingpong': values['client-pingpong'] });
  const single: CellConfig = {
    rateMbps: positive(values.rate, '--rate', 20),
    rttMs: positive(values.rtt, '--rtt', 40),
    queueBdp: positive(values.queue, '--queue', 1),
    competitors,
    cc,
    jitterMs: positive(values.jitter, '--jitter', 1, true),
    ...(clientPingpongThresh === undefined ? {} : { clientPingpongThresh }),
    ...(values['client-http1'] ? { clientHttp1: true } : {}),
  };
  let probe: ProbeOptions | undefined;
  const modelTargetText = values['probe-model-target'];
  if (values['probe-sizes'] !== undefined || modelTargetText !== undefined) {
    const sizes = values['probe-sizes'] === undefined ? [] : values['probe-sizes'].split(',').map(parseSize);
    const periods = (values['probe-gap-s'] ?? '2').split(',').map((p) => positive(p, '--probe-gap-s', 2, true));
    if (periods.length !== 1 && periods.length !== sizes.length) throw new Error('--probe-gap-s: give one value or one per size');
    const modelTarget = modelTargetText === undefined ? undefined : Number(modelTargetText);
    if (modelTarget !== undefined && !(modelTarget > 0 && modelTarget < 1)) {
      throw new Error(`--probe-model-target: a fraction of fair share in (0, 1), got "${modelTargetText}"`);
    }
    probe = {
      sizes,
      periodsS: sizes.map((_, i) => periods[periods.length === 1 ? 0 : i] ?? 0),
      count: Math.round(positive(values['probe-count'], '--probe-count', 8)),
      modelTarget,
      modelPeriodS: Math.max(...periods),
    };
  }
  if (values.faults !== undefined && values.soak === undefined) throw new Error('--faults needs --soak');
  const gridName = grid as GridName;
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    help: values.help ?? false,
    players: players as PlayerName[],
    abr: values.abr ?? 'dynamic',
    maxBufferS: values['max-buffer'] === undefined ? undefined : positive(values['max-buffer'], '--max-buffer', 60),
    grid: gridName,
    cells: gridCells(gridName, single),
    durationS: playerDuration(positive(values.duration, '--duration', gridName === 'smoke' ? 40 : 90)),
    outDir: values.out ?? `lab-results/${stamp}-${probe ? 'probe' : gridName}`,
    probe,
    settleS: positive(values.settle, '--settle', 5, true),
    ceilingS: positive(values.ceiling, '--ceiling', DEFAULT_CEILING_S, true),
    build: !values['no-build'],
    capture: values.capture ?? false,
    soak: values.soak === undefined ? undefined : { durationS: positive(values.soak, '--soak', 600), faults: values.faults ?? 'mixed' },
  };
}

/** A run longer than the lab video would measure an ended player (it stops at LAB_SECONDS). */
function playerDuration(seconds: number): number {
  if (seconds > LAB_SECONDS) throw new Error(`--duration ${seconds}: the lab video is ${LAB_SECONDS} s long, so a longer run would measure a player that has finished`);
  return seconds;
}
