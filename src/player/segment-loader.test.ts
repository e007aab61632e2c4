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

describe('SegmentLoader RTT samples', () => {
  /** Answers each request after the delay its URL maps to (an origin sending bodies in order). */
  function delayedFetch(delayMsByUrl: Record<string, number>): typeof fetch {
    return (async (url: string) => {
      await new Promise<void>((resolve) => setTimeout(resolve, delayMsByUrl[url] ?? 0));
      return new Response(INIT, { status: 200 });
    }) as typeof fetch;
  }

  function mediaSegment(index: number): TrackSegment {
    return { ...segment, segment: { ...segment.segment, url: `https://o/v0/${index}.m4s`, index, startS: 2 * index } };
  }

  const load = (l: SegmentLoader, index: number) =>
    l.loadMedia('video', mediaSegment(index), new AbortController().signal, { bytesLoaded: 0, bytesExpected: undefined });

  it('takes time to first byte as an RTT only from requests sent with nothing else in flight', async () => {
    const rtt = new RttEstimator();
    const fetchImpl = delayedFetch({ 'https://o/v0/1.m4s': 40, 'https://o/v0/2.m4s': 600, 'https://o/v0/3.m4s': 300 });
    const l = new SegmentLoader(new HttpClient({ fetchImpl, protocolOf: () => 'h2' }), { throughput: new ThroughputEstimator(), rtt }, () => undefined);
    // Segment 2 is sent while 1 is in flight: its 600 ms first byte is a wait, not a round trip
    // (counted, the smoothed RTT would be ~340 ms).
    await Promise.all([load(l, 1), load(l, 2)]);
    expect(rtt.loadedRttMs()).toBeGreaterThanOrEqual(35);
    expect(rtt.loadedRttMs()).toBeLessThan(300);
    // Sent alone, segment 3 is a sample: the estimate moves towards its 300 ms.
    await load(l, 3);
    expect(rtt.loadedRttMs()).toBeGreaterThan(100);
    expect(rtt.baseRttMs()).toBeGreaterThanOrEqual(35);
    expect(rtt.baseRttMs()).toBeLessThan(300);
  });
});
