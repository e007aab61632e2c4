/**
 * One measured download in Chromium inside the lab's client namespace:
 * opens the probe page on the origin under test and runs the page's
 * back-to-back download loop. `http1` launches Chromium with --disable-http2,
 * so the same TLS origin is used over HTTP/1.1 (ALPN), on one connection
 * when one request is in flight.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config.js';
import type { DownloadRunOptions, DownloadRunResult } from './download-script.js';

export interface BrowserDownloadSpec extends DownloadRunOptions {
  /** The lab's wrapper script (lab.chromiumExecutable()). */
  readonly executablePath: string;
  /** ensureCertificate().spkiHash: Chromium trusts our self-signed certificate by its key. */
  readonly spkiHash: string;
  readonly pageUrl: string;
  readonly http1: boolean;
  /** Epoch ms: wait until then (after the page is ready) before starting the download loop. */
  readonly startAtMs?: number;
}

export interface BrowserDownload {
  /** Epoch ms just before the download loop starts / after it ends (for server-side samples). */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly result: DownloadRunResult;
}

const PAGE_READY_TIMEOUT_MS = 30_000;

export async function runBrowserDownload(spec: BrowserDownloadSpec): Promise<BrowserDownload> {
  const browser = await chromium.launch({
    executablePath: spec.executablePath,
    args: [
      ...CHROMIUM_ARGS,
      `--ignore-certificate-errors-spki-list=${spec.spkiHash}`,
      ...(spec.http1 ? ['--disable-http2'] : []),
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(spec.pageUrl, { timeout: PAGE_READY_TIMEOUT_MS });
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, {
      timeout: PAGE_READY_TIMEOUT_MS,
    });
    const options: DownloadRunOptions = {
      inFlight: spec.inFlight,
      durationMs: spec.durationMs,
      objectUrls: spec.objectUrls,
      cutAtDuration: spec.cutAtDuration ?? false,
    };
    const wait = (spec.startAtMs ?? 0) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const startedAtMs = Date.now();
    const result = await page.evaluate(
      (runOptions) => (window as unknown as { sprintCeilingRun(o: DownloadRunOptions): Promise<DownloadRunResult> }).sprintCeilingRun(runOptions),
      options,
    );
    return { startedAtMs, endedAtMs: Date.now(), result };
  } finally {
    await browser.close();
  }
}
