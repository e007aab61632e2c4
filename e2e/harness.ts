/** Drives e2e/pages/harness.html: creates players and reads what they did. */
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export interface HarnessRequest {
  contentType: 'video' | 'audio';
  representationId: string;
  segmentIndex: number;
  segmentCount?: number;
  isInit: boolean;
  url: string;
  startMs: number;
  endMs: number;
  bytes: number;
  protocol: string | undefined;
  outcome: string;
}

export interface HarnessInfo {
  currentTime: number;
  duration: number;
  ended: boolean;
  paused: boolean;
  readyState: number;
  requests: HarnessRequest[];
  errors: { code: string; category: string; message: string; fatal: boolean; url?: string; status?: number }[];
  states: string[];
  representations: { type: string; id: string; level: number }[];
  stalls: number;
  stallRecords: { startMs: number; endMs?: number; positionS: number; bufferedAheadS: number }[];
  startupMs: number | undefined;
  videoLevels: { id: string; level: number; bandwidth: number; height?: number }[];
}

export interface CreateOptions {
  src: string;
  config?: Record<string, unknown>;
  playbackRate?: number;
  attributes?: Record<string, string>;
}

/** Opens the harness and fails the test on any uncaught page error or console error. */
export async function openHarness(page: Page): Promise<{ pageErrors: string[] }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true);
  return { pageErrors };
}

export function createPlayer(page: Page, options: CreateOptions): Promise<number> {
  return page.evaluate((o) => (window as any).harness.create(o), options);
}

export function playerInfo(page: Page, index: number): Promise<HarnessInfo> {
  return page.evaluate((i) => (window as any).harness.info(i), index);
}

export async function waitForTime(page: Page, index: number, seconds: number, timeout = 60_000): Promise<void> {
  await expect
    .poll(async () => (await playerInfo(page, index)).currentTime, { timeout, message: `player ${index} reaches ${seconds} s` })
    .toBeGreaterThan(seconds);
}

/** Media (non-init) requests that completed. */
export function mediaRequests(info: HarnessInfo, type: 'video' | 'audio' = 'video'): HarnessRequest[] {
  return info.requests.filter((r) => r.contentType === type && !r.isInit && r.outcome === 'ok');
}

/** One request as the origin logged it (GET /__origin/log): which connection, which protocol, when. */
export interface OriginRecord {
  path: string;
  socketId: number;
  protocol: string;
  startMs: number;
  endMs: number;
}

/** The origin's log of media segment requests under `dir` (e.g. '/media/number/'). */
export async function originSegmentLog(request: APIRequestContext, dir: string): Promise<OriginRecord[]> {
  const log = (await (await request.get('/__origin/log')).json()) as { records: OriginRecord[] };
  return log.records.filter((r) => r.path.startsWith(dir) && r.path.endsWith('.m4s'));
}
