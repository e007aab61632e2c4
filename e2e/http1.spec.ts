/**
 * Sprint against an origin that answers over HTTP/1.1 (a browser with HTTP/2 turned off; the
 * origin offers HTTP/1.1 through ALPN on the same port). Overlapping requests would open
 * parallel connections there, so Sprint goes one request at a time, back to back, and says so.
 */
import { chromium, expect, test, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { createPlayer, mediaRequests, openHarness, playerInfo, waitForTime } from './harness.js';

interface OriginRecord {
  path: string;
  socketId: number;
  protocol: string;
  startMs: number;
  endMs: number;
}

let browser: Browser;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.SPRINT_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--disable-http2'],
  });
});

test.afterAll(async () => {
  await browser?.close();
});

test('over HTTP/1.1 Sprint requests one segment at a time on one connection and reports pipelining unavailable', async ({ baseURL, request }) => {
  const context = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  try {
    await request.post('/__origin/log/clear');
    const { pageErrors } = await openHarness(page);
    await page.evaluate(() => {
      const w = window as any;
      w.pipeliningEvents = [];
      document.addEventListener('sprint-pipelining', (e: Event) => w.pipeliningEvents.push((e as CustomEvent).detail));
    });
    const index = await createPlayer(page, { src: '/media/number/manifest.mpd', attributes: { scheduler: 'sprint' } });
    await waitForTime(page, index, 2);
    await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(10);

    const info = await playerInfo(page, index);
    const media = [...mediaRequests(info, 'video'), ...mediaRequests(info, 'audio')].sort((a, b) => a.startMs - b.startMs);
    expect([...new Set(media.map((r) => r.protocol))]).toEqual(['http/1.1']);
    // The protocol is known from the init segments, so not even the first two media requests overlap.
    for (let i = 1; i < media.length; i++) expect(media[i]!.startMs).toBeGreaterThanOrEqual(media[i - 1]!.endMs - 1);

    const log = (await (await request.get('/__origin/log')).json()) as { records: OriginRecord[] };
    const mediaLog = log.records.filter((r) => r.path.startsWith('/media/number/') && r.path.endsWith('.m4s'));
    expect(mediaLog.length).toBeGreaterThanOrEqual(media.length);
    expect(new Set(mediaLog.map((r) => r.protocol))).toEqual(new Set(['http/1.1']));
    // Back to back on a kept-alive connection: Chromium reuses the socket it last used.
    const sockets = new Set(mediaLog.map((r) => r.socketId));
    expect(sockets.size).toBe(1);

    const seen = await page.evaluate(() => {
      const w = window as any;
      let s: any;
      w.harness.players[0].element.player.stats$.subscribe((v: any) => (s = v)).unsubscribe();
      return { events: w.pipeliningEvents, pipelining: s.pipelining, protocol: s.protocol, scheduler: s.scheduler, runs: s.runs };
    });
    expect(seen.runs.length).toBeGreaterThan(0);
    for (const run of seen.runs) expect(run.maxRequestsInFlight).toBe(1);
    expect(seen.scheduler).toBe('sprint');
    expect(seen.protocol).toBe('http/1.1');
    expect(seen.pipelining).toBe('unavailable');
    expect(seen.events).toEqual([{ mode: 'unavailable', protocol: 'http/1.1' }]);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('over HTTP/1.1 Sprint still coalesces the byte ranges of a SegmentBase file, one request at a time', async ({ baseURL }) => {
  const context = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  try {
    const { pageErrors } = await openHarness(page);
    const index = await createPlayer(page, { src: '/media/single/manifest.mpd', attributes: { scheduler: 'sprint' } });
    await waitForTime(page, index, 2);
    await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(3);
    const info = await playerInfo(page, index);
    const media = [...mediaRequests(info, 'video'), ...mediaRequests(info, 'audio')].sort((a, b) => a.startMs - b.startMs);
    expect([...new Set(media.map((r) => r.protocol))]).toEqual(['http/1.1']);
    expect(media.some((r) => (r.segmentCount ?? 1) > 1)).toBe(true);
    for (let i = 1; i < media.length; i++) expect(media[i]!.startMs).toBeGreaterThanOrEqual(media[i - 1]!.endMs - 1);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
