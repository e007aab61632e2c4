/**
 * The comparison page (index.html, served the way `npm start` serves it: one
 * media origin per player) and the <sprint-player> keyboard controls and stats
 * overlay. The shaped-link version is e2e/demo-lab.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { PLAYER_NAMES } from '../src/compare/player-adapter.js';
import { startDemoOrigins, type RunningDemo } from '../src/demo/server/demo-origins.js';
import { createPlayer, openHarness, playerInfo, waitForTime } from './harness.js';

let demo: RunningDemo;

test.beforeAll(async () => {
  demo = await startDemoOrigins({ port: 0, unshapedReason: 'e2e: loopback, no bottleneck' });
});

test.afterAll(async () => {
  await demo?.close();
});

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

const numberAttr = async (page: Page, testid: string, attr: string): Promise<number> =>
  Number(await page.getByTestId(testid).getAttribute(attr));

test('comparison page: all four players play side by side, every chart gets data, Sprint pipelines and sequential does not', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${demo.url}/?fairShareMbps=10`);
  await expect(page.getByTestId('page-mode')).toHaveAttribute('data-mode', 'unshaped');
  await expect(page.getByTestId('page-mode')).toHaveAttribute('data-fair-share', 'fixed');
  // The page's icon is public/favicon.svg, which vite build copies into dist/demo.
  const iconHref = await page.locator('link[rel=icon]').getAttribute('href');
  const icon = await page.request.get(new URL(iconHref ?? '', page.url()).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  for (const player of PLAYER_NAMES) await expect(page.getByTestId(`pane-${player}`)).toBeVisible();
  await page.getByTestId('start-all').click();

  for (const player of PLAYER_NAMES) {
    await expect.poll(() => numberAttr(page, `pane-${player}-time`, 'data-value'), { message: `${player} plays`, timeout: 45_000 }).toBeGreaterThan(3);
    await expect.poll(() => numberAttr(page, `pane-${player}-throughput`, 'data-points'), { message: `${player} throughput chart` }).toBeGreaterThan(0);
    expect(await numberAttr(page, `pane-${player}-throughput-sizes`, 'data-bars')).toBeGreaterThan(0);
    expect(await numberAttr(page, `pane-${player}-waterfall`, 'data-bars')).toBeGreaterThan(2);
    await expect(page.getByTestId(`pane-${player}-throughput`)).toHaveAttribute('data-fair-share', 'true');
    await expect(page.getByTestId(`pane-${player}-throughput-fair`)).toHaveCount(1);
    expect(await numberAttr(page, `pane-${player}-fraction`, 'data-value')).toBeGreaterThan(0);
    expect(await numberAttr(page, `pane-${player}-bitrate`, 'data-value')).toBeGreaterThan(0);
    await expect(page.getByTestId(`pane-${player}-resolution`)).toHaveText(/^\d+×\d+$/);
    expect(await numberAttr(page, `pane-${player}-startup`, 'data-value')).toBeGreaterThan(0);
    // Sprint keeps several video requests in flight while it fills its buffer after startup.
    // The waterfall counts only the last 30 s, so this is checked while that fill is recent,
    // before the slower players have had their turn.
    if (player === 'sprint') await expect.poll(() => numberAttr(page, 'pane-sprint-waterfall', 'data-max-video-in-flight')).toBeGreaterThan(1);
  }
  // The sequential scheduler has one request of a type in flight at a time.
  expect(await numberAttr(page, 'pane-sequential-waterfall', 'data-max-video-in-flight')).toBe(1);
  // Our players add their own view; the others are measured from the page only.
  await expect(page.getByTestId('pane-sprint-runs')).not.toHaveAttribute('data-runs', '');
  await expect(page.getByTestId('pane-dashjs-runs')).toContainText('measured from the page only');

  await page.getByTestId('stop-all').click();
  for (const player of PLAYER_NAMES) await expect(page.getByTestId(`pane-${player}-status`)).toHaveText('stopped');
  expect(errors).toEqual([]);
});

test('comparison page: a pane starts and stops on its own, with the ABR chosen for it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${demo.url}/?players=sequential,shaka`);
  await expect(page.getByTestId('pane-sprint')).toHaveCount(0);
  await expect(page.getByTestId('pane-shaka-abr')).toBeDisabled();
  await page.getByTestId('pane-sequential-abr').selectOption('bola');
  await page.getByTestId('pane-sequential-start').click();
  await expect.poll(() => numberAttr(page, 'pane-sequential-time', 'data-value'), { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(page.getByTestId('pane-shaka-status')).toHaveText('idle');
  await expect(page.locator('sprint-compare-pane').first().locator('.scheduler')).toContainText('ABR bola');
  await page.getByTestId('pane-sequential-stop').click();
  await expect(page.getByTestId('pane-sequential-status')).toHaveText('stopped');
  // Without a fair share the page says so instead of inventing one.
  await expect(page.getByTestId('pane-sequential-fraction')).toHaveText('—');
  expect(errors).toEqual([]);
});

test('<sprint-player> keyboard: space, arrows, m and f work; controls are labelled and touch-sized', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd' });
  await waitForTime(page, index, 1);
  const element = page.locator('sprint-player');
  const state = () =>
    page.evaluate(() => {
      const v = (window as any).harness.players[0].element.video as HTMLVideoElement;
      return { paused: v.paused, time: v.currentTime, volume: v.volume, muted: v.muted };
    });
  await element.focus();

  await page.keyboard.press(' ');
  await expect.poll(async () => (await state()).paused).toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const afterForward = (await state()).time;
  await page.keyboard.press('ArrowLeft');
  expect((await state()).time).toBeCloseTo(afterForward - 5, 0);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await state()).paused).toBe(false);

  await page.evaluate(() => {
    const v = (window as any).harness.players[0].element.video as HTMLVideoElement;
    v.muted = false;
    v.volume = 0.5;
  });
  await page.keyboard.press('ArrowUp');
  expect((await state()).volume).toBeCloseTo(0.55, 5);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect((await state()).volume).toBeCloseTo(0.45, 5);
  await page.keyboard.press('m');
  expect((await state()).muted).toBe(true);
  await expect(page.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.localName ?? null)).toBe('sprint-player');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBe(null);

  // Every control has a name for screen readers and a touch-sized target.
  for (const id of ['play', 'mute', 'stats-toggle', 'fullscreen', 'quality']) {
    const control = page.getByTestId(id);
    await expect(control).toHaveAccessibleName(/\S/);
    const box = await control.boundingBox();
    expect(box && Math.min(box.width, box.height), `${id} is at least 40 px`).toBeGreaterThanOrEqual(40);
  }
  await expect(page.getByTestId('seek')).toHaveAccessibleName(/\S/);
  // The volume slider is hidden in players under 480 px wide (mute stays); it is labelled either way.
  await expect(page.getByTestId('volume')).toHaveAttribute('aria-label', 'Volume');
  expect(pageErrors).toEqual([]);
});

test('<sprint-player> stats overlay: opens with s, draws the player fair-share estimate dashed, then the fair share it is given', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  // A 10 Mbit/s link in the browser gives Sprint busy periods long enough for its fair-share estimate.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
  const index = await createPlayer(page, { src: '/media/number/manifest.mpd', attributes: { scheduler: 'sprint' } });
  await waitForTime(page, index, 0.5, 30_000);
  await page.locator('sprint-player').focus();
  await page.keyboard.press('s');
  await expect(page.getByTestId('stats-overlay')).toBeVisible();
  await expect(page.getByTestId('stats-toggle')).toHaveAttribute('aria-pressed', 'true');

  const fairCell = page.locator('[data-stat="fair-share"]');
  await expect(fairCell).toHaveAttribute('data-source', 'estimate', { timeout: 30_000 });
  await expect(fairCell).toContainText('est.');
  await expect(page.getByTestId('stats-fair-share-line')).toHaveCount(1);
  await expect(page.locator('[data-stat="runs"]')).not.toHaveText('—');

  await page.evaluate(() => ((window as any).harness.players[0].element.fairShareBps = 9.6e6));
  await expect(fairCell).toHaveAttribute('data-source', 'given');
  await expect(fairCell).toHaveText('9.60 Mbit/s');
  await expect(page.getByTestId('stats-fair-share-line')).toHaveCount(1);
  expect((await playerInfo(page, index)).errors).toEqual([]);
  expect(pageErrors).toEqual([]);
});
