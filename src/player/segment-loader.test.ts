import { describe, expect, it } from 'vitest';
import { HttpClient } from '../net/http-client.js';
import { ThroughputEstimator } from '../estimate/throughput.js';
import { RttEstimator } from '../estimate/rtt.js';
import { SegmentLoader } from './segment-loader.js';
import type { TrackSegment } from './media-track.js';

const INIT = Uint8Array.from([1, 2, 3, 4]);

const segment: TrackSegment = {
  level: 0,
  representationId: 'v0',
  periodIndex: 0,
  segment: { url: 'https://o/v0/1.m4s', index: 0, startS: 0, durationS: 2, timestampOffsetS: 0 },
  init: { url: 'https://o/v0/init.m4s' },
  initKey: 'v0#0',
  mimeType: 'video/mp4',
};

/** Answers after `delayMs`, honouring the request's abort like fetch does. */
function slowFetch(delayMs: number, calls: { count: number }): typeof fetch {
  return (async (_url: string, init?: RequestInit) => {
    calls.count += 1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delayMs);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(init.signal!.reason);
      });
    });
    return new Response(INIT, { status: 200 });
  }) as typeof fetch;
}

function loader(fetchImpl: typeof fetch): SegmentLoader {
  return new SegmentLoader(new HttpClient({ fetchImpl, protocolOf: () => 'h2' }), { throughput: new ThroughputEstimator(), rtt: new RttEstimator() }, () => undefined);
}

describe('SegmentLoader init segments', () => {
  it('fetches an init segment once for all requests of a representation', async () => {
    const calls = { count: 0 };
    const l = loader(slowFetch(10, calls));
    const [a, b] = await Promise.all([l.loadInit('video', segment, new AbortController().signal), l.loadInit('video', segment, new AbortController().signal)]);
    expect([...a!]).toEqual([...INIT]);
    expect(b).toBe(a);
    expect(calls.count).toBe(1);
  });

  it('keeps the shared fetch alive when the request that started it is aborted', async () => {
    const calls = { count: 0 };
    const l = loader(slowFetch(30, calls));
    const first = new AbortController();
    const firstLoad = l.loadInit('video', segment, first.signal);
    const secondLoad = l.loadInit('video', segment, new AbortController().signal);
    first.abort();
    await expect(firstLoad).rejects.toMatchObject({ name: 'AbortError' });
    expect([...(await secondLoad)!]).toEqual([...INIT]);
    expect(calls.count).toBe(1);
  });

  it('stops shared fetches when disposed', async () => {
    const l = loader(slowFetch(1000, { count: 0 }));
    const load = l.loadInit('video', segment, new AbortController().signal);
    l.dispose();
    await expect(load).rejects.toBeDefined();
  });
});
