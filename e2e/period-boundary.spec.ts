/**
 * Multi-Period playback across a boundary where the next Period's media starts
 * a sliver after the previous one's ends (as the lab media's 179.8 s in a
 * 180 s Period): the gap jumper must step over it instead of stalling there.
 * The MPD is the number media's Period twice (src/lab/soak/looped-manifest.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { loopedManifest } from '../src/lab/soak/looped-manifest.js';
import { createPlayer, openHarness, playerInfo, waitForTime } from './harness.js';

const LOOPED = 'media/number/looped-2x.mpd';

test.beforeAll(async () => {
  await writeFile(LOOPED, loopedManifest(await readFile('media/number/manifest.mpd', 'utf8'), 2).text);
});

test('plays on across a Period boundary with a hole just before it', async ({ page }) => {
  const { pageErrors } = await openHarness(page);
  const index = await createPlayer(page, { src: `/${LOOPED}`, playbackRate: 2 });
  await waitForTime(page, index, 1);
  await page.evaluate(() => {
    (window as any).harness.players[0].element.video.currentTime = 34;
  });
  await waitForTime(page, index, 46, 30_000);
  const info = await playerInfo(page, index);
  expect(info.errors).toEqual([]);
  expect(pageErrors).toEqual([]);
});
