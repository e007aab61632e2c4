/**
 * Chromium inside the client namespace (through the lab's wrapper script), and
 * one lab page per player in a fresh browser context, so each player opens its
 * own connection to the origin.
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config.js';
import type { Lab } from '../network-lab.js';
import type { LabPageResult, LabPageWindow, LabStatus } from '../page/lab-result.js';

/** `http1`: HTTP/2 off, so the origin answers over HTTP/1.1 (ALPN), as an HTTP/1.1-only CDN would. */
export async function launchLabBrowser(lab: Lab, spkiHash: string, options: { readonly http1?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: await lab.chromiumExecutable(),
    args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spkiHash}`, ...(options.http1 ? ['--disable-http2'] : [])],
    // The runner stops the browser itself, in order, on Ctrl-C.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface PageRunOptions {
  /** Give up this long after the page was opened. */
  readonly timeoutMs: number;
  readonly onStatus: (status: LabStatus) => void;
  readonly signal: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Opens `url`, waits until the page says it is done, returns its result and the page's own errors. */
export async function runLabPage(browser: Browser, url: string, options: PageRunOptions): Promise<{ result: LabPageResult; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text().slice(0, 300)}`);
    });
    await page.goto(url, { timeout: 30_000 });
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      if (options.signal.aborted) throw new Error('aborted');
      const status = await page.evaluate(() => (window as unknown as LabPageWindow).labStatus());
      options.onStatus(status);
      if (status.error) throw new Error(`lab page failed: ${status.error}`);
      if (status.done) break;
      if (Date.now() > deadline) throw new Error(`lab page not done after ${Math.round(options.timeoutMs / 1000)} s`);
      await sleep(1000);
    }
    // The result is set right after done flips; give it a moment.
    for (let attempt = 0; attempt < 20; attempt++) {
      const result = await page.evaluate(() => (window as unknown as LabPageWindow).labResult());
      if (result) return { result, pageErrors };
      await sleep(250);
    }
    throw new Error('lab page reported done but has no result');
  } finally {
    await context.close().catch(() => undefined);
  }
}
