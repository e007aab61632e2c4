// `npm run screenshots`: regenerates the README's screenshots from the built demo, in
// Debian's Chromium, against the same servers `npm start` runs, on free loopback ports:
//   docs/images/comparison.png   the comparison page, all four players started together (unshaped)
//   docs/images/overlay.png      a <sprint-player> with its stats overlay, on a 10 Mbit/s DevTools-throttled link
// `npm run screenshots -- --lab` (Linux, root) also takes docs/images/comparison-lab.png: the page
// behind the shaped lab link (npm run demo:lab, 20 Mbit/s, 40 ms, 1 cubic competitor), 60 s after Start all.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { startDemoOrigins } from '../src/demo/server/demo-origins.js';
import { LAB_DEMO_READY } from '../src/demo/server/lab-demo.js';
import { REPO_ROOT } from '../src/server/start-origin.js';
import { ensureMedia } from './ensure-media.js';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'images');
const PLAYERS = ['sprint', 'sequential', 'dashjs', 'shaka'];

async function paneTime(page: Page, player: string): Promise<number> {
  return Number(await page.getByTestId(`pane-${player}-time`).getAttribute('data-value'));
}

async function comparison(browser: Browser, url: string, file: string, playS: number): Promise<void> {
  const page = await browser.newPage({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByTestId('start-all').click();
  const deadline = Date.now() + (playS + 60) * 1000;
  for (const player of PLAYERS) {
    while ((await paneTime(page, player)) < playS) {
      if (Date.now() > deadline) throw new Error(`${player} did not reach ${playS} s`);
      await page.waitForTimeout(500);
    }
  }
  await page.waitForTimeout(600);
  await page.screenshot({ path: file, fullPage: true });
  await page.close();
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

async function overlay(browser: Browser, origin: string, file: string): Promise<void> {
  const page = await browser.newPage({ ignoreHTTPSErrors: true, viewport: { width: 720, height: 460 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
  await page.goto(`${origin}/e2e/embed.html`);
  await page.evaluate(() => {
    const element = document.querySelector('sprint-player') as HTMLElement & { stats: boolean };
    element.style.width = '680px';
    element.stats = true;
  });
  await page.locator('[data-stat="fair-share"][data-source="estimate"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(4000);
  await page.locator('sprint-player').screenshot({ path: file });
  await page.close();
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

/** Runs `npm run demo:lab` as a child, screenshots the page under the shaped link, stops it with SIGINT. */
async function labComparison(browser: Browser, file: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-lab.ts', '--no-build', '--port', '28443'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        process.stdout.write(chunk);
        text += chunk;
        const match = text.match(new RegExp(`${LAB_DEMO_READY}(\\S+)`));
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`demo:lab exited (${code})`)));
    });
    await comparison(browser, `${url}?abr=dynamic`, file, 60);
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lab: { type: 'boolean', default: false } } });
  await ensureMedia();
  const demo = await startDemoOrigins({ port: 0, unshapedReason: 'screenshot on loopback, no bottleneck' });
  const browser = await chromium.launch({ executablePath: process.env.SPRINT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await comparison(browser, `${demo.url}/`, path.join(OUT_DIR, 'comparison.png'), 8);
    await overlay(browser, demo.url, path.join(OUT_DIR, 'overlay.png'));
    if (values.lab) await labComparison(browser, path.join(OUT_DIR, 'comparison-lab.png'));
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
