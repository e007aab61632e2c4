/**
 * Sprint against an origin that answers over HTTP/1.1 (a browser with HTTP/2 turned off; the
 * origin offers HTTP/1.1 through ALPN on the same port). Overlapping requests would open
 * parallel connections there, so Sprint goes one request at a time, back to back, and says so.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { createPlayer, mediaRequests, openHarness, originSegmentLog, playerInfo, waitForTime, type HarnessRequest } from './harness.js';

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

/**
 * Plays `src` with Sprint in the HTTP/1.1-only browser until `minRequests` video segments are
 * in, checks that every media request went over HTTP/1.1 and none overlapped another, and
 * hands the page and its media requests (by start time) to `check`.
 */
async function playOverHttp1(
  baseURL: string | undefined,
  src: string,
  minRequests: number,
  check: (page: Page, media: HarnessRequest[]) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  try {
    const { pageErrors } = await openHarness(page);
    await page.evaluate(() => {
      const w = window as any;
      w.pipeliningEvents = [];
      document.addEventListener('sprint-pipelining', (e: Event) => w.pipeliningEvents.push((e as CustomEvent).detail));
    });
    const index = await createPlayer(page, { src, attributes: { scheduler: 'sprint' } });
    await waitForTime(page, index, 2);
    await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(minRequests);
    const info = await playerInfo(page, index);
    const media = [...mediaRequests(info, 'video'), ...mediaRequests(info, 'audio')].sort((a, b) => a.startMs - b.startMs);
    expect([...new Set(media.map((r) => r.protocol))]).toEqual(['http/1.1']);
    // The manifest's protocol is known before the first media request, so not even the first two overlap.
    for (let i = 1; i < media.length; i++) expect(media[i]!.startMs).toBeGreaterThanOrEqual(media[i - 1]!.endMs - 1);
    await check(page, media);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
}

test('over HTTP/1.1 Sprint requests one segment at a time on one connection and reports pipelining unavailable', async ({ baseURL, request }) => {
  await request.post('/__origin/log/clear');
  await playOverHttp1(baseURL, '/media/number/manifest.mpd', 10, async (page, media) => {
    const mediaLog = await originSegmentLog(request, '/media/number/');
    expect(mediaLog.length).toBeGreaterThanOrEqual(media.length);
    expect(new Set(mediaLog.map((r) => r.protocol))).toEqual(new Set(['http/1.1']));
    // Back to back on a kept-alive connection: Chromium reuses the socket it last used.
    expect(new Set(mediaLog.map((r) => r.socketId)).size).toBe(1);

    const seen = await page.evaluate(() => {
      const w = window as any;
      let s: any;
      w.harness.players[0].element.player.stats$.subscribe((v: any) => (s = v)).unsubscribe();
      return { events: w.pipeliningEvents, pipelining: s.pipelining, protocol: s.protocol, scheduler: s.scheduler, runs: s.runs };
    });
    expect(seen.scheduler).toBe('sprint');
    expect(seen.protocol).toBe('http/1.1');
    expect(seen.pipelining).toBe('unavailable');
    expect(seen.events).toEqual([{ mode: 'unavailable', protocol: 'http/1.1' }]);
    expect(seen.runs.length).toBeGreaterThan(0);
    for (const run of seen.runs) expect(run.maxRequestsInFlight).toBe(1);
  });
});

test('over HTTP/1.1 Sprint still coalesces the byte ranges of a SegmentBase file, one request at a time', async ({ baseURL }) => {
  await playOverHttp1(baseURL, '/media/single/manifest.mpd', 3, async (_page, media) => {
    expect(media.some((r) => (r.segmentCount ?? 1) > 1)).toBe(true);
  });
});
