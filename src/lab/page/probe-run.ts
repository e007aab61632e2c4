/**
 * Probe mode of the lab page: downloads objects of given sizes one at a time,
 * either back to back or one every N seconds (like a player in steady state),
 * and records each one's Resource Timing. The runner turns them into fractions
 * of fair share and compares them with the throughput model.
 */
import { RESOURCE_TIMING_BUFFER_SIZE } from '../../compare/page-measurement.js';
import type { LabProbeResult, LabStatus, ProbeDownload } from './lab-result.js';
import type { ProbePageParams } from './page-params.js';

export interface ProbeRun {
  status(): LabStatus;
  readonly finished: Promise<LabProbeResult>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resource Timing entry of `url`, waiting briefly: entries are queued after the body is read. */
async function timingOf(url: string): Promise<PerformanceResourceTiming | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const entries = performance.getEntriesByName(url, 'resource');
    const last = entries[entries.length - 1];
    if (last) return last as PerformanceResourceTiming;
    await sleep(10);
  }
  return undefined;
}

export function startProbeRun(params: ProbePageParams): ProbeRun {
  const started = performance.now();
  const downloads: ProbeDownload[] = [];
  const errors: string[] = [];
  let phase = 'starting';
  let done = false;

  const finished = (async (): Promise<LabProbeResult> => {
    performance.setResourceTimingBufferSize(RESOURCE_TIMING_BUFFER_SIZE);
    let previousStart = performance.now();
    let previousEnd: number | undefined;
    for (const [sizeIndex, bytes] of params.sizes.entries()) {
      const periodS = params.periodsS[sizeIndex] ?? 0;
      for (let index = 0; index < params.count; index++) {
        phase = `${bytes} B #${index + 1}/${params.count}`;
        await sleep(Math.max(0, previousStart + periodS * 1000 - performance.now()));
        // A unique query per download: nothing is served from any cache.
        const url = new URL(`${params.base}${bytes}.bin?probe=${sizeIndex}-${index}-${Date.now()}`, location.href).href;
        previousStart = performance.now();
        try {
          const response = await fetch(url, { cache: 'no-store' });
          const body = await response.arrayBuffer();
          if (!response.ok || body.byteLength !== bytes) throw new Error(`HTTP ${response.status}, ${body.byteLength} B`);
          const timing = await timingOf(url);
          if (!timing) throw new Error('no Resource Timing entry');
          downloads.push({
            bytes,
            periodS,
            index,
            url,
            startTime: timing.startTime,
            requestStart: timing.requestStart,
            responseStart: timing.responseStart,
            responseEnd: timing.responseEnd,
            encodedBodySize: timing.encodedBodySize,
            protocol: timing.nextHopProtocol,
            idleBeforeMs: previousEnd === undefined ? undefined : (timing.requestStart || timing.startTime) - previousEnd,
          });
          previousEnd = timing.responseEnd;
        } catch (error) {
          errors.push(`${url}: ${(error as Error).message}`);
        }
      }
    }
    done = true;
    return { mode: 'probe', timeOrigin: performance.timeOrigin, userAgent: navigator.userAgent, downloads, errors };
  })();

  return {
    finished,
    status: () => ({ done, elapsedS: (performance.now() - started) / 1000, phase }),
  };
}
