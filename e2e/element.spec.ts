import { expect, test } from '@playwright/test';
import { createPlayer, mediaRequests, openHarness, playerInfo, waitForTime } from './harness.js';

test('the quality menu switches representation (seen in requested URLs), and Auto hands back to ABR', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd', config: { bufferTargetS: 8 } });
  await waitForTime(page, index, 1);
  const levels = (await playerInfo(page, index)).videoLevels;
  expect(levels.length).toBe(5);
  const top = levels[4]!;
  const bottom = levels[0]!;

  for (const target of [top, bottom]) {
    await page.getByTestId('quality').click();
    await page.getByTestId(`quality-option-${target.level}`).click();
    const clickedAt = await page.evaluate(() => performance.now());
    await expect
      .poll(async () => mediaRequests(await playerInfo(page, index)).filter((r) => r.startMs > clickedAt).length, { timeout: 30_000 })
      .toBeGreaterThan(1);
    const after = mediaRequests(await playerInfo(page, index)).filter((r) => r.startMs > clickedAt);
    // ffmpeg names segments chunk-stream<RepresentationID>-<Number>.m4s: the URL names the rung.
    for (const r of after) {
      expect(r.representationId).toBe(target.id);
      expect(r.url).toMatch(new RegExp(`chunk-${target.id}-\\d+\\.m4s$`));
    }
    await page.getByTestId('quality').click();
    await expect(page.getByTestId(`quality-option-${target.level}`)).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('quality').click();
  }

  await page.getByTestId('quality').click();
  await page.getByTestId('quality-option-auto').click();
  expect(await page.evaluate(() => (window as any).harness.players[0].element.player.getQuality())).toBe('auto');
  expect(pageErrors).toEqual([]);
});

test('keyboard: space pauses and plays, m mutes, arrows seek, s opens the stats overlay with a throughput chart', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd' });
  await waitForTime(page, index, 1);
  const element = page.locator('sprint-player');
  await element.focus();
  await page.keyboard.press(' ');
  await expect.poll(async () => (await playerInfo(page, index)).paused).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await playerInfo(page, index)).paused).toBe(false);
  const muted = () => page.evaluate(() => (window as any).harness.players[0].element.video.muted);
  const wasMuted = await muted();
  await page.keyboard.press('m');
  expect(await muted()).toBe(!wasMuted);
  const t0 = (await playerInfo(page, index)).currentTime;
  await page.keyboard.press('ArrowRight');
  expect((await playerInfo(page, index)).currentTime).toBeGreaterThan(t0 + 4);
  await page.keyboard.press('s');
  await expect(page.getByTestId('stats-overlay')).toBeVisible();
  await expect(page.getByTestId('stats-chart')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('<sprint-player> plays in a plain HTML page that loads only the built library', async ({ page }) => {
  const scripts: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/e2e/embed.html');
  await expect
    .poll(() => page.evaluate(() => (document.querySelector('sprint-player') as any)?.video?.currentTime ?? 0), { timeout: 30_000 })
    .toBeGreaterThan(1);
  expect(scripts).toEqual(['/lib/sprint.js']);
  expect(pageErrors).toEqual([]);
});
