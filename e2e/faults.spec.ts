/**
 * The player under injected origin faults (src/server/faults.ts), asked for
 * per URL with the /__faults/<spec>/ prefix: segment URLs in the MPD are
 * relative, so every segment request carries the spec. Under each fault the
 * player either plays to the end with no hole in video.buffered and no lost
 * segment, or stops with a typed error that names the cause.
 */
import { expect, test } from '@playwright/test';
import { createPlayer, openHarness, playerInfo } from './harness.js';
import { FAST_RETRY, deliveredSegments, lastOriginRecordId, originRecords, watchPlayback } from './fault-helpers.js';

const MEDIA = 'media/number/manifest.mpd';
const SEGMENTS = 20; // 40 s of 2 s segments

/** Plays `/__faults/<spec>/media/number` at 2× and checks it reached the end whole. */
async function playsThroughFaults(page: import('@playwright/test').Page, spec: string) {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: `/__faults/${spec}/${MEDIA}`, playbackRate: 2, config: { retry: FAST_RETRY } });
  const watched = await watchPlayback(page, index, 90_000);
  const info = await playerInfo(page, index);
  expect(info.errors.filter((e) => e.fatal), 'no fatal error').toEqual([]);
  expect(watched.ended, 'played to the end').toBe(true);
  expect(watched.holes, 'no hole in video.buffered').toEqual([]);
  const all = Array.from({ length: SEGMENTS }, (_, i) => i);
  expect(deliveredSegments(info.requests, 'video'), 'every video segment delivered').toEqual(all);
  expect(deliveredSegments(info.requests, 'audio'), 'every audio segment delivered').toEqual(all);
  // Failed fetches log console errors by design; uncaught exceptions would be bugs.
  expect(pageErrors.filter((e) => !e.startsWith('console:'))).toEqual([]);
  return info;
}

test('5xx and 404 on a fraction of segments: retried or fetched from another rung, plays to the end', async ({ page, request }) => {
  const after = await lastOriginRecordId(request);
  const info = await playsThroughFaults(page, '5xx=0.15,404=0.1,seed=3');
  const faults = (await originRecords(request, after)).filter((r) => r.fault);
  expect(faults.filter((r) => r.fault === '5xx').length).toBeGreaterThan(0);
  expect(faults.filter((r) => r.fault === '404').length).toBeGreaterThan(0);
  const recoverable = info.errors.filter((e) => !e.fatal);
  expect(recoverable.length).toBeGreaterThanOrEqual(faults.length);
  // Init segments are media files too, so they get faults as well.
  expect(recoverable.every((e) => e.code === 'SEGMENT_LOAD_FAILED' || e.code === 'INIT_SEGMENT_LOAD_FAILED')).toBe(true);
  expect(recoverable.some((e) => e.status === 404) && recoverable.some((e) => (e.status ?? 0) >= 500)).toBe(true);
});

test('404 on every rendition of one segment: a typed fatal SEGMENT_LOAD_FAILED naming the URL', async ({ page }) => {
  await openHarness(page);
  const index = await createPlayer(page, { src: `/__faults/404=1,match=-00006.m4s/${MEDIA}`, playbackRate: 2, config: { retry: FAST_RETRY } });
  await expect.poll(async () => (await playerInfo(page, index)).errors.filter((e) => e.fatal).length, { timeout: 30_000 }).toBe(1);
  const info = await playerInfo(page, index);
  const fatal = info.errors.find((e) => e.fatal)!;
  expect(fatal.code).toBe('SEGMENT_LOAD_FAILED');
  expect(fatal.category).toBe('network');
  expect(fatal.status).toBe(404);
  expect(fatal.url).toMatch(/\/chunk-\d-00006\.m4s$/);
  expect(fatal.message).toContain(fatal.url);
  expect(fatal.message).toContain('404');
  expect(info.states.at(-1)).toBe('error');
  // Before giving up it tried the neighbouring rung (video) or retried (audio): reported as recoverable.
  expect(info.errors.filter((e) => !e.fatal && /-00006\.m4s/.test(e.url ?? '')).length).toBeGreaterThan(0);
  const shown = await page.evaluate(() => (window as any).harness.players[0].element.shadowRoot.querySelector('[data-testid="error"]')?.textContent ?? '');
  expect(shown).toContain('SEGMENT_LOAD_FAILED');
});

test('resets and truncated bodies: resumed with a Range from where the body broke off, plays to the end', async ({ page, request }) => {
  const after = await lastOriginRecordId(request);
  const info = await playsThroughFaults(page, 'reset=0.15,truncate=0.15,seed=5');
  const records = await originRecords(request, after);
  expect(records.filter((r) => r.fault === 'reset').length).toBeGreaterThan(0);
  expect(records.filter((r) => r.fault === 'truncate').length).toBeGreaterThan(0);
  // SegmentTemplate segments are whole files: a Range starting past byte 0 is a resume.
  const resumes = records.filter((r) => /chunk-\d-\d+\.m4s$/.test(r.path) && /^bytes=[1-9]\d*-$/.test(r.range ?? '') && r.status === 206);
  expect(resumes.length).toBeGreaterThan(0);
  expect(info.errors.filter((e) => !e.fatal).length).toBeGreaterThan(0);
});

test('stalled bodies: REQUEST_TIMEOUT reported as recoverable, resumed, plays to the end', async ({ page, request }) => {
  const after = await lastOriginRecordId(request);
  const info = await playsThroughFaults(page, 'stall=0.2:3s,seed=2');
  const records = await originRecords(request, after);
  expect(records.filter((r) => r.fault === 'stall').length).toBeGreaterThan(0);
  const timeouts = info.errors.filter((e) => e.code === 'REQUEST_TIMEOUT');
  expect(timeouts.length).toBeGreaterThan(0);
  expect(timeouts.every((e) => !e.fatal)).toBe(true);
  expect(timeouts[0]!.message).toContain('no body bytes for 1000 ms');
  expect(records.some((r) => /^bytes=[1-9]\d*-$/.test(r.range ?? '') && r.status === 206)).toBe(true);
});
