/** Helpers for the fault-injection e2e tests: watching video.buffered for holes and reading the origin's log. */
import type { APIRequestContext, Page } from '@playwright/test';
import type { OriginRequestRecord } from '../src/server/request-log.js';

/** Short limits so injected faults resolve within a test's time. */
export const FAST_RETRY = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 400,
  timeouts: { firstByteMs: 3000, stallMs: 1000, totalMs: 20_000 },
};

export interface BufferHole {
  /** Playback position when the hole was seen. */
  readonly atS: number;
  readonly fromS: number;
  readonly toS: number;
}

export interface WatchResult {
  readonly ended: boolean;
  readonly fatal: boolean;
  /** Distinct holes between buffered ranges seen while playing (behind or ahead of the playhead). */
  readonly holes: BufferHole[];
}

/** Polls the player's <video> until it ends, fails fatally or `timeoutMs` passes, recording holes in video.buffered. */
export async function watchPlayback(page: Page, index: number, timeoutMs: number): Promise<WatchResult> {
  const holes = new Map<string, BufferHole>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate((i) => {
      const entry = (window as any).harness.players[i];
      const video = entry.element.video as HTMLVideoElement;
      const ranges: [number, number][] = [];
      for (let r = 0; r < video.buffered.length; r++) ranges.push([video.buffered.start(r), video.buffered.end(r)]);
      return { t: video.currentTime, ranges, ended: video.ended, fatal: entry.errors.some((e: { fatal: boolean }) => e.fatal) };
    }, index);
    for (let r = 1; r < state.ranges.length; r++) {
      const fromS = state.ranges[r - 1]![1];
      const toS = state.ranges[r]![0];
      holes.set(`${fromS.toFixed(2)}-${toS.toFixed(2)}`, { atS: state.t, fromS, toS });
    }
    if (state.ended || state.fatal || Date.now() > deadline) return { ended: state.ended, fatal: state.fatal, holes: [...holes.values()] };
    await page.waitForTimeout(250);
  }
}

export async function originRecords(request: APIRequestContext, afterId = 0): Promise<OriginRequestRecord[]> {
  const response = await request.get(`/__origin/log?after=${afterId}`);
  return ((await response.json()) as { records: OriginRequestRecord[] }).records;
}

/** The id of the newest record, so a test reads only its own requests. */
export async function lastOriginRecordId(request: APIRequestContext): Promise<number> {
  return Math.max(0, ...(await originRecords(request)).map((r) => r.id));
}

/** Segment indices (0-based) delivered for a type: each completed request counts for every segment it carried. */
export function deliveredSegments(requests: { contentType: string; isInit: boolean; outcome: string; segmentIndex: number; segmentCount?: number }[], type: 'video' | 'audio'): number[] {
  const indices = requests
    .filter((r) => r.contentType === type && !r.isInit && r.outcome === 'ok')
    .flatMap((r) => Array.from({ length: r.segmentCount ?? 1 }, (_, i) => r.segmentIndex + i));
  return [...new Set(indices)].sort((a, b) => a - b);
}
