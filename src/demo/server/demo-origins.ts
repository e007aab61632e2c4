/**
 * The servers behind the comparison page: the page's origin (demo, library,
 * media, and /__demo/config.json) plus one media origin per player, each on
 * its own port, so every player gets its own connection, as it would alone,
 * and the page can tell its requests apart by origin. Used in-process by
 * `npm start` and the e2e tests, and as a CLI inside the lab's server
 * namespace (demo-origin-cli.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PLAYER_NAMES, type PlayerName } from '../../compare/player-adapter.js';
import { DEFAULT_SRC, type DemoLabInfo, type DemoServerConfig, type DemoStream, type MediaPorts } from '../demo-config.js';
import { DEFAULT_MOUNTS } from '../../server/origin.js';
import { REPO_ROOT, startOrigin, type RunningOrigin } from '../../server/start-origin.js';
import { LAB_SECONDS } from '../../../scripts/dash-media/lab-recipe.js';

export const LAB_SRC = '/media/lab/manifest.mpd';
/** demo-origin-cli.ts prints this, then JSON { url, config }, once listening. */
export const READY_PREFIX = 'demo-origins: ';

/** Streams the page offers: listed-segment MPDs only (SegmentBase byte ranges cannot be named from Resource Timing). */
const KNOWN_STREAMS: readonly DemoStream[] = [
  { label: `Lab ladder: ${LAB_SECONDS} s, 0.5–14 Mbit/s, 360p`, src: LAB_SRC },
  { label: 'Test ladder: 40 s, 0.3–4 Mbit/s, 144p–720p ($Number$)', src: DEFAULT_SRC },
  { label: 'Test ladder, SegmentTimeline ($Time$)', src: '/media/timeline/manifest.mpd' },
];

export interface DemoOriginsOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The page's TLS port; 0 picks a free one. Media ports follow it (port+1, …) unless it is 0. */
  readonly port: number;
  /** Plain HTTP/1.1 for the page (and per player, httpPort+1, …); omitted means none. */
  readonly httpPort?: number;
  readonly players?: readonly PlayerName[];
  readonly lab?: DemoLabInfo;
  readonly unshapedReason?: string;
  readonly certificate?: { readonly key: string; readonly cert: string };
  readonly mediaDir?: string;
}

export interface RunningDemo {
  /** https://host:port of the page. */
  readonly url: string;
  readonly httpUrl: string | undefined;
  readonly config: DemoServerConfig;
  close(): Promise<void>;
}

function availableStreams(mediaDir: string): DemoStream[] {
  return KNOWN_STREAMS.filter((s) => existsSync(path.join(mediaDir, s.src.replace(/^\/media\//, ''))));
}

const nextPort = (base: number | undefined, offset: number): number | undefined =>
  base === undefined ? undefined : base === 0 ? 0 : base + offset;

const portOf = (url: string): number => Number(new URL(url).port);

export async function startDemoOrigins(options: DemoOriginsOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const players = options.players ?? PLAYER_NAMES;
  const mediaDir = options.mediaDir ?? path.join(REPO_ROOT, 'media');
  const started: RunningOrigin[] = [];
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'sprint-demo-'));
  const closeAll = async (): Promise<void> => {
    await Promise.all(started.map((origin) => origin.close()));
    await rm(configDir, { recursive: true, force: true });
  };
  try {
    const mediaPorts: Partial<Record<PlayerName, MediaPorts>> = {};
    for (const [i, player] of players.entries()) {
      const origin = await startOrigin({
        host,
        port: nextPort(options.port, i + 1) ?? 0,
        httpPort: nextPort(options.httpPort, i + 1),
        mounts: { '/media/': mediaDir },
        certificate: options.certificate,
      });
      started.push(origin);
      mediaPorts[player] = { https: portOf(origin.url), ...(origin.httpUrl ? { http: portOf(origin.httpUrl) } : {}) };
    }
    const streams = availableStreams(mediaDir);
    const labSrcPresent = streams.some((s) => s.src === LAB_SRC);
    const config: DemoServerConfig = {
      version: 1,
      mediaPorts,
      streams,
      defaultSrc: options.lab && labSrcPresent ? LAB_SRC : DEFAULT_SRC,
      ...(options.lab ? { lab: options.lab } : {}),
      ...(options.unshapedReason ? { unshapedReason: options.unshapedReason } : {}),
    };
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config, null, 2));
    const page = await startOrigin({
      host,
      port: options.port,
      httpPort: options.httpPort,
      mounts: { ...DEFAULT_MOUNTS, '/media/': mediaDir, '/__demo/': configDir },
      certificate: options.certificate,
    });
    started.push(page);
    return { url: page.url, httpUrl: page.httpUrl, config, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
