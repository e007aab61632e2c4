import { expect, test } from '@playwright/test';
import { createPlayer, mediaRequests, openHarness, originSegmentLog, playerInfo, waitForTime } from './harness.js';

test('Sprint pipelines: requests overlap within a run, all over one HTTP/2 connection', async ({ page, request }) => {
  await request.post('/__origin/log/clear');
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd', attributes: { scheduler: 'sprint' } });
  await waitForTime(page, index, 2);
  await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(10);
  const info = await playerInfo(page, index);
  const media = [...mediaRequests(info, 'video'), ...mediaRequests(info, 'audio')].sort((a, b) => a.startMs - b.startMs);
  // At least two requests were in flight at the same moment.
  const overlapping = media.some((r, i) => media.slice(i + 1).some((q) => q.startMs < r.endMs));
  expect(overlapping).toBe(true);
  expect([...new Set(media.map((r) => r.protocol))]).toEqual(['h2']);

  const mediaLog = await originSegmentLog(request, '/media/number/');
  expect(mediaLog.length).toBeGreaterThanOrEqual(media.length);
  expect(new Set(mediaLog.map((r) => r.protocol))).toEqual(new Set(['h2']));
  expect(new Set(mediaLog.map((r) => r.socketId)).size).toBe(1);
  // The server also saw them overlap: a request started before the previous one finished.
  const byStart = [...mediaLog].sort((a, b) => a.startMs - b.startMs);
  expect(byStart.some((r, i) => i > 0 && r.startMs < byStart[i - 1]!.endMs)).toBe(true);

  const stats = await page.evaluate(() => {
    let s: any;
    (window as any).harness.players[0].element.player.stats$.subscribe((v: any) => (s = v)).unsubscribe();
    return { scheduler: s.scheduler, runs: s.runs, protocol: s.protocol, pipelining: s.pipelining };
  });
  expect(stats.scheduler).toBe('sprint');
  expect(stats.protocol).toBe('h2');
  expect(stats.pipelining).toBe('pipelined');
  expect(stats.runs.length).toBeGreaterThan(0);
  expect(stats.runs[0].reason).toBe('startup');
  // The player's own per-run record shows the overlap too.
  expect(Math.max(...stats.runs.map((r: { maxRequestsInFlight: number }) => r.maxRequestsInFlight))).toBeGreaterThanOrEqual(2);
  expect(pageErrors).toEqual([]);
});

test('the sequential scheduler never has two requests of one type in flight', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd', attributes: { scheduler: 'sequential' } });
  await waitForTime(page, index, 2);
  await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(10);
  const video = mediaRequests(await playerInfo(page, index), 'video').sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < video.length; i++) expect(video[i]!.startMs).toBeGreaterThanOrEqual(video[i - 1]!.endMs - 1);
  expect(pageErrors).toEqual([]);
});

test('Sprint coalesces back-to-back byte ranges of a SegmentBase file into one range request', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/single/manifest.mpd', attributes: { scheduler: 'sprint' } });
  await waitForTime(page, index, 2);
  await expect.poll(async () => mediaRequests(await playerInfo(page, index)).length, { timeout: 30_000 }).toBeGreaterThan(3);
  const video = mediaRequests(await playerInfo(page, index), 'video');
  const coalesced = video.filter((r) => (r.segmentCount ?? 1) > 1);
  expect(coalesced.length).toBeGreaterThan(0);
  for (const r of coalesced) expect(r.url).toMatch(/\/single\/stream-\d+\.mp4$/);
  // Every segment index is covered exactly once across the requests.
  const covered = video.flatMap((r) => Array.from({ length: r.segmentCount ?? 1 }, (_, i) => r.segmentIndex + i));
  expect(new Set(covered).size).toBe(covered.length);
  expect(pageErrors).toEqual([]);
});
