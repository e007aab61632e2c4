// `npm run screenshots`: regenerates the README's screenshots from the built demo,
// in Debian's Chromium, against the project's own origin on a free loopback port.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { startOrigin, REPO_ROOT } from '../src/server/start-origin.js';
import { ensureMedia } from './ensure-media.js';
import { CHROMIUM_ARGS } from '../playwright.config.js';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'images');

async function main(): Promise<void> {
  await ensureMedia();
  const origin = await startOrigin({ port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.SPRINT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
    await page.goto(origin.url);
    // Let each player start and collect a few seconds of stats before the picture.
    await page.waitForFunction(() => [...document.querySelectorAll('sprint-player')].every((p) => (p as any).video?.currentTime > 6), null, {
      timeout: 60_000,
    });
    const file = path.join(OUT_DIR, 'demo.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await browser.close();
    await origin.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
