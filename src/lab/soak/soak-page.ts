/**
 * Runs the lab page for a soak and samples it once a second from outside:
 * video.buffered (for holes), position, the player's SourceBuffer bytes (lab
 * page status) and the page's JS heap (CDP Runtime.getHeapUsage). `onTick`
 * lets the caller act on the run's clock (the link schedule).
 */
import type { Browser } from '@playwright/test';
import type { LabPageWindow, LabPlayerResult, LabStatus } from '../page/lab-result.js';
import type { SoakSample } from './soak-recorder.js';

export interface SoakPageOptions {
  readonly url: string;
  /** Give up this long after the page was opened. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly onSample: (sample: SoakSample, status: LabStatus) => void;
  /** Called once a second with seconds since the player was loaded; awaited. */
  readonly onTick: (elapsedS: number) => Promise<void>;
}

export interface SoakPageOutcome {
  readonly result: LabPlayerResult;
  /** Uncaught exceptions in the page (console noise from failed fetches is left out: faults cause it by design). */
  readonly pageErrors: readonly string[];
  readonly lastPositionS: number;
}

interface VideoState {
  readonly positionS: number;
  readonly ranges: [number, number][];
  readonly bufferAheadS: number;
  readonly heapFallback: number | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readVideo(): VideoState {
  const video = document.querySelector('video') as HTMLVideoElement;
  const ranges: [number, number][] = [];
  let end = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    const range: [number, number] = [video.buffered.start(i), video.buffered.end(i)];
    ranges.push(range);
    if (range[0] <= end + 0.1 && range[1] > end) end = range[1];
  }
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { positionS: video.currentTime, ranges, bufferAheadS: end - video.currentTime, heapFallback: memory?.usedJSHeapSize };
}

export async function runSoakPage(browser: Browser, options: SoakPageOptions): Promise<SoakPageOutcome> {
  const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    const cdp = await context.newCDPSession(page);
    await page.goto(options.url, { timeout: 30_000 });
    const deadline = Date.now() + options.timeoutMs;
    let lastPositionS = 0;
    for (;;) {
      if (options.signal.aborted) throw new Error('aborted');
      const tickStarted = Date.now();
      const status = await page.evaluate(() => (window as unknown as LabPageWindow).labStatus());
      if (status.error) throw new Error(`lab page failed: ${status.error}`);
      if (status.done) break;
      const video = await page.evaluate(readVideo);
      const heap = await cdp.send('Runtime.getHeapUsage').then((h) => h.usedSize, () => video.heapFallback);
      lastPositionS = video.positionS;
      options.onSample(
        {
          elapsedS: status.elapsedS,
          positionS: video.positionS,
          ranges: video.ranges,
          bufferAheadS: video.bufferAheadS,
          heapUsedBytes: heap,
          sourceBufferBytes: status.sprint?.sourceBufferBytes,
        },
        status,
      );
      if (status.elapsedS > 0) await options.onTick(status.elapsedS);
      if (Date.now() > deadline) throw new Error(`lab page not done after ${Math.round(options.timeoutMs / 1000)} s`);
      await sleep(Math.max(0, 1000 - (Date.now() - tickStarted)));
    }
    for (let attempt = 0; attempt < 40; attempt++) {
      const result = await page.evaluate(() => (window as unknown as LabPageWindow).labResult());
      if (result?.mode === 'player') return { result, pageErrors, lastPositionS };
      await sleep(250);
    }
    throw new Error('lab page reported done but has no player result');
  } finally {
    await context.close().catch(() => undefined);
  }
}
