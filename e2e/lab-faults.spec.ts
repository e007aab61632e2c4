/**
 * Link faults in the shaped-network lab (root only; skipped elsewhere with the
 * reason): an 8 s outage with 20+ s buffered, and a 10× rate step down. The
 * player must ride out the first without a stall and adapt to the second
 * without stalling longer than its buffer allowed.
 */
import { expect, test, type Page } from '@playwright/test';
import { labHostProblem } from '../src/lab/network-lab.js';
import { createPlayer, openHarness, playerInfo, type HarnessRequest } from './harness.js';
import { openLabSession, type LabSession } from './lab-session.js';

const hostProblem = labHostProblem();
const LAB_MEDIA = '/media/lab/manifest.mpd'; // 360 s, 0.5-14 Mbit/s
const RATE_MBPS = 20;

interface Moment {
  /** The page's performance.now(). */
  readonly nowMs: number;
  readonly positionS: number;
  readonly bufferAheadS: number;
}

function moment(page: Page): Promise<Moment> {
  return page.evaluate(() => {
    const video = (window as any).harness.players[0].element.video as HTMLVideoElement;
    let end = video.currentTime;
    for (let i = 0; i < video.buffered.length; i++) {
      if (video.buffered.start(i) <= end + 0.1 && video.buffered.end(i) > end) end = video.buffered.end(i);
    }
    return { nowMs: performance.now(), positionS: video.currentTime, bufferAheadS: end - video.currentTime };
  });
}

async function waitForBuffer(page: Page, seconds: number, timeoutMs: number): Promise<Moment> {
  await expect.poll(async () => (await moment(page)).bufferAheadS, { timeout: timeoutMs, intervals: [500] }).toBeGreaterThan(seconds);
  return moment(page);
}

const videoRequests = (requests: HarnessRequest[]) => requests.filter((r) => r.contentType === 'video' && !r.isInit);

test.describe('link faults in the lab', () => {
  test.skip(hostProblem !== undefined, `the shaped-network lab cannot run here: ${hostProblem}`);
  test.describe.configure({ mode: 'serial' });
  let session: LabSession;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    session = await openLabSession({ rateMbps: RATE_MBPS, rttMs: 40, queueBdp: 1, competitors: 0 });
  });

  test.afterAll(async () => {
    await session?.close();
  });

  test('an 8 s outage with 20+ s buffered: no stall, downloading resumes after it', async () => {
    test.setTimeout(120_000);
    await session.lab.setRate(RATE_MBPS);
    const context = await session.newContext();
    const page = await context.newPage();
    await openHarness(page);
    const index = await createPlayer(page, { src: LAB_MEDIA });
    const before = await waitForBuffer(page, 22, 60_000);
    await session.lab.setOutage(true);
    await page.waitForTimeout(8_000);
    await session.lab.setOutage(false);
    const restored = await moment(page);
    expect(restored.bufferAheadS, 'the buffer carried playback through the outage').toBeGreaterThan(5);
    // Downloading resumes: a segment completes after the link is back, and the buffer grows again.
    await expect
      .poll(async () => videoRequests((await playerInfo(page, index)).requests).some((r) => r.outcome === 'ok' && r.endMs > restored.nowMs), {
        timeout: 30_000,
      })
      .toBe(true);
    await expect.poll(async () => (await moment(page)).bufferAheadS, { timeout: 30_000 }).toBeGreaterThan(restored.bufferAheadS + 4);
    const info = await playerInfo(page, index);
    const resumedAt = Math.min(...videoRequests(info.requests).filter((r) => r.outcome === 'ok' && r.endMs > restored.nowMs).map((r) => r.endMs));
    test.info().annotations.push({
      type: 'outage',
      description: `buffer ${before.bufferAheadS.toFixed(1)} s before, ${restored.bufferAheadS.toFixed(1)} s at restore; first segment after restore ${((resumedAt - restored.nowMs) / 1000).toFixed(1)} s later; recoverable errors: ${info.errors.map((e) => e.code).join(', ') || 'none'}`,
    });
    expect(info.errors.filter((e) => e.fatal)).toEqual([]);
    expect(info.stallRecords, 'no stall after startup').toEqual([]);
    await context.close();
  });

  test('a 10× rate step down: the bitrate adapts, no stall longer than the buffer allowed', async () => {
    test.setTimeout(120_000);
    await session.lab.setRate(RATE_MBPS);
    const context = await session.newContext();
    const page = await context.newPage();
    await openHarness(page);
    const index = await createPlayer(page, { src: LAB_MEDIA });
    const atDrop = await waitForBuffer(page, 15, 60_000);
    const beforeDrop = await playerInfo(page, index);
    const levels = new Map(beforeDrop.videoLevels.map((l) => [l.id, l.bandwidth]));
    const highBefore = Math.max(...videoRequests(beforeDrop.requests).map((r) => levels.get(r.representationId) ?? 0));
    await session.lab.setRate(RATE_MBPS / 10);
    await page.waitForTimeout(45_000);
    const info = await playerInfo(page, index);
    const ladder = new Map(info.videoLevels.map((l) => [l.id, l.bandwidth]));
    const startedAfter = (delayMs: number) => videoRequests(info.requests).filter((r) => r.startMs > atDrop.nowMs + delayMs);
    const late = startedAfter(10_000);
    const stallSeconds = info.stallRecords.reduce((sum, s) => sum + ((s.endMs ?? atDrop.nowMs + 45_000) - s.startMs) / 1000, 0);
    test.info().annotations.push({
      type: 'rate step',
      description: `buffer at the drop ${atDrop.bufferAheadS.toFixed(1)} s, top bitrate before ${highBefore}; bitrates requested 10 s+ after: ${[...new Set(late.map((r) => ladder.get(r.representationId)))].join(', ')}; stalls ${info.stallRecords.length} (${stallSeconds.toFixed(1)} s); aborted requests ${info.requests.filter((r) => r.outcome === 'aborted').length}`,
    });
    expect(highBefore, 'the player was above the new rate before the drop').toBeGreaterThan(2_100_000);
    expect(info.errors.filter((e) => e.fatal)).toEqual([]);
    expect(late.length).toBeGreaterThan(0);
    // 2 Mbit/s left: what is requested now fits under it.
    for (const r of late) expect(ladder.get(r.representationId)).toBeLessThanOrEqual(2_100_000);
    // The buffer at the drop was well above the time to switch down: no stall at all.
    expect(info.stallRecords).toEqual([]);
    await context.close();
  });
});
