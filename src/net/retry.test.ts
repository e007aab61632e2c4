import { describe, expect, it } from 'vitest';
import { HttpClient } from './http-client.js';
import { DEFAULT_RETRY_POLICY, fetchWithRetry, retryClass, retryDelayMs, shouldRetry, type RetryPolicy } from './retry.js';
import { SprintError } from '../errors.js';

const BODY = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

type Reply = (range: string | null) => Response;

/**
 * A fetch that answers each call with the next scripted reply, records the Range it
 * was asked for, and (like a real fetch) errors the body when the signal aborts.
 */
function scriptedFetch(replies: Reply[]) {
  const ranges: (string | null)[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('Range');
    ranges.push(range);
    const reply = replies.shift();
    if (!reply) throw new Error('no more replies');
    const response = reply(range);
    const source = response.body?.getReader();
    if (!source) return response;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
      },
      async pull(controller) {
        try {
          const { done, value } = await source.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
  return { fetchImpl, ranges };
}

/** The bytes in 100-byte chunks; with `breakAfter`, a network error there (or, with `hang`, silence). */
function streamOf(bytes: Uint8Array, breakAfter?: number, hang = false): ReadableStream<Uint8Array> {
  const cut = breakAfter ?? bytes.length;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset < cut) {
        controller.enqueue(bytes.slice(offset, Math.min(offset + 100, cut)));
        offset += 100;
        return;
      }
      if (hang) return new Promise(() => undefined);
      if (breakAfter !== undefined) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

const ok: Reply = () => new Response(streamOf(BODY), { status: 200, headers: { 'Content-Length': '1000' } });
const partial: Reply = (range) => {
  const start = Number(/bytes=(\d+)-/.exec(range ?? '')?.[1] ?? 0);
  return new Response(streamOf(BODY.slice(start)), { status: 206 });
};
const status = (code: number): Reply => () => new Response('nope', { status: code });

const fast: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, timeouts: {} };
const client = (fetchImpl: typeof fetch) => new HttpClient({ fetchImpl, protocolOf: () => 'h2' });

describe('retryDelayMs', () => {
  it('backs off exponentially within the fuzz band', () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(2000);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(500);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, () => 1)).toBe(1500);
  });

  it('stops growing at maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 4000 };
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(4000);
    expect(retryDelayMs(10, policy, () => 0.5)).toBe(4000);
  });
});

describe('fetchWithRetry', () => {
  it('retries a server error after the backoff delay', async () => {
    const { fetchImpl } = scriptedFetch([status(503), ok]);
    const delays: number[] = [];
    const failures: number[] = [];
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, {
      random: () => 0.5,
      sleep: async (ms) => void delays.push(ms),
      onAttemptFailed: (f) => failures.push(f.attempt),
    });
    expect([...result.data]).toEqual([...BODY]);
    expect(delays).toEqual([1000]);
    expect(failures).toEqual([1]);
  });

  it('does not retry a 403, and the error says so', async () => {
    const { fetchImpl, ranges } = scriptedFetch([status(403), ok]);
    const error = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, { sleep: async () => undefined }).catch((e) => e);
    expect(error).toBeInstanceOf(SprintError);
    expect((error as SprintError).status).toBe(403);
    expect(ranges).toHaveLength(1);
  });

  it('retries a 404 up to maxAttempts with a low buffer, up to maxMissingAttempts with a healthy one', async () => {
    const recovered = scriptedFetch([status(404), ok]);
    await expect(fetchWithRetry(client(recovered.fetchImpl), { url: 'https://o/a' }, fast, { sleep: async () => undefined })).resolves.toBeDefined();
    const policy: RetryPolicy = { ...fast, maxAttempts: 2, maxMissingAttempts: 4 };
    const dry = scriptedFetch(Array.from({ length: 6 }, () => status(404)));
    const dryError = (await fetchWithRetry(client(dry.fetchImpl), { url: 'https://o/a' }, policy, { sleep: async () => undefined, bufferAheadS: () => 1 }).catch((e) => e)) as SprintError;
    expect(dryError.status).toBe(404);
    expect(dry.ranges).toHaveLength(2);
    const gone = scriptedFetch(Array.from({ length: 6 }, () => status(404)));
    const error = (await fetchWithRetry(client(gone.fetchImpl), { url: 'https://o/a' }, policy, {
      sleep: async () => undefined,
      bufferAheadS: () => 60,
    }).catch((e) => e)) as SprintError;
    expect(error.status).toBe(404);
    expect(gone.ranges).toHaveLength(4);
  });

  it('keeps retrying transient failures past maxAttempts while the buffer ahead lasts', async () => {
    const { fetchImpl, ranges } = scriptedFetch([status(503), status(503), status(503), status(503), status(503), ok]);
    let buffer = 30;
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, {
      sleep: async () => void (buffer -= 5),
      bufferAheadS: () => buffer,
    });
    expect([...result.data]).toEqual([...BODY]);
    expect(ranges).toHaveLength(6);
  });

  it('gives up once the buffer ahead has been nearly exhausted for keepRetryingStarvedS', async () => {
    const { fetchImpl, ranges } = scriptedFetch(Array.from({ length: 20 }, () => status(503)));
    let buffer = 9;
    let now = 0;
    const policy: RetryPolicy = { ...fast, maxAttempts: 2, keepRetryingAboveBufferS: 2, keepRetryingStarvedS: 4 };
    const error = (await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, policy, {
      sleep: async () => {
        buffer = Math.max(0, buffer - 3);
        now += 3000;
      },
      clock: () => now,
      bufferAheadS: () => buffer,
    }).catch((e) => e)) as SprintError;
    expect(error.status).toBe(503);
    // Failures at buffer 9, 6, 3, then 0 (starved from t = 9 s), 0 (3 s starved), 0 (6 s ≥ 4 s: stop).
    expect(ranges).toHaveLength(6);
  });

  it('resumes a body that ends cleanly short of its Content-Length', async () => {
    const short: Reply = () => new Response(streamOf(BODY.slice(0, 400)), { status: 200, headers: { 'Content-Length': '1000' } });
    const { fetchImpl, ranges } = scriptedFetch([short, partial]);
    const failures: string[] = [];
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, {
      sleep: async () => undefined,
      onAttemptFailed: (f) => failures.push((f.error as Error).message),
    });
    expect(failures).toEqual(['SEGMENT_LOAD_FAILED: body ended after 400 of 1000 bytes']);
    expect(ranges).toEqual([null, 'bytes=400-']);
    expect([...result.data]).toEqual([...BODY]);
  });

  it('gives up after maxAttempts', async () => {
    const { fetchImpl, ranges } = scriptedFetch([status(500), status(502), status(503), ok]);
    await expect(fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, { sleep: async () => undefined })).rejects.toBeInstanceOf(SprintError);
    expect(ranges).toHaveLength(3);
  });

  it('resumes a body that broke off with a Range for the missing bytes', async () => {
    const broken: Reply = () => new Response(streamOf(BODY, 300), { status: 200 });
    const { fetchImpl, ranges } = scriptedFetch([broken, partial]);
    const seen: number[] = [];
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a', onChunk: (c) => seen.push(c.byteLength) }, fast, {
      sleep: async () => undefined,
    });
    expect(ranges).toEqual([null, 'bytes=300-']);
    expect([...result.data]).toEqual([...BODY]);
    expect(result.timing.bytes).toBe(1000);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(1000); // nothing handed on twice
  });

  it('resumes within a byte range request', async () => {
    const rangeBroken: Reply = () => new Response(streamOf(BODY.slice(100, 600), 200), { status: 206 });
    const rangeRest: Reply = (range) => {
      const [, s, e] = /bytes=(\d+)-(\d+)/.exec(range ?? '')!;
      return new Response(streamOf(BODY.slice(Number(s), Number(e) + 1)), { status: 206 });
    };
    const { fetchImpl, ranges } = scriptedFetch([rangeBroken, rangeRest]);
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a', range: { start: 100, end: 599 } }, fast, {
      sleep: async () => undefined,
    });
    expect(ranges).toEqual(['bytes=100-599', 'bytes=300-599']);
    expect([...result.data]).toEqual([...BODY.slice(100, 600)]);
  });

  it('starts over when the server answers a resume with the whole body', async () => {
    const broken: Reply = () => new Response(streamOf(BODY, 300), { status: 200 });
    const { fetchImpl } = scriptedFetch([broken, ok]);
    let restarts = 0;
    const result = await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, fast, {
      sleep: async () => undefined,
      onRestart: () => restarts++,
    });
    expect(restarts).toBe(1);
    expect([...result.data]).toEqual([...BODY]);
  });

  it('times out a stalled body with a typed, retryable error', async () => {
    const hanging: Reply = () => new Response(streamOf(BODY, 300, true), { status: 200 });
    const { fetchImpl } = scriptedFetch([hanging]);
    const policy: RetryPolicy = { ...fast, maxAttempts: 1, timeouts: { stallMs: 50 } };
    const error = (await fetchWithRetry(client(fetchImpl), { url: 'https://o/a' }, policy).catch((e) => e)) as SprintError;
    expect(error).toBeInstanceOf(SprintError);
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.message).toContain('no body bytes for 50 ms');
  });
});

describe('shouldRetry', () => {
  const error = (status: number) => new SprintError({ category: 'network', code: 'SEGMENT_LOAD_FAILED', message: 'x', status });
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, keepRetryingAboveBufferS: 2, maxMissingAttempts: 4 };
  it('lets a 404 among 5xx answers retry on while buffered, but not after maxMissingAttempts 404s', () => {
    expect(shouldRetry(error(404), { attempts: 3, missing: 2, starvedS: 0 }, policy, 20)).toBe(true);
    expect(shouldRetry(error(404), { attempts: 3, missing: 2, starvedS: 0 }, policy, 1)).toBe(false);
    // A 404 gets no starved grace: only transient failures are worth a stall.
    expect(shouldRetry(error(503), { attempts: 3, missing: 0, starvedS: 5 }, policy, 1)).toBe(true);
    expect(shouldRetry(error(503), { attempts: 3, missing: 0, starvedS: 10 }, policy, 1)).toBe(false);
    expect(shouldRetry(error(404), { attempts: 5, missing: 3, starvedS: 0 }, policy, 20)).toBe(true);
    expect(shouldRetry(error(404), { attempts: 5, missing: 4, starvedS: 0 }, policy, 20)).toBe(false);
    expect(shouldRetry(error(503), { attempts: 9, missing: 3, starvedS: 0 }, policy, 20)).toBe(true);
    expect(shouldRetry(error(403), { attempts: 1, missing: 0, starvedS: 0 }, policy, 20)).toBe(false);
  });
});

describe('retryClass', () => {
  const network = (status?: number) => new SprintError({ category: 'network', code: 'SEGMENT_LOAD_FAILED', message: 'x', ...(status ? { status } : {}) });
  it('sorts failures into transient, missing and final', () => {
    expect(retryClass(network())).toBe('transient');
    expect(retryClass(network(503))).toBe('transient');
    expect(retryClass(network(429))).toBe('transient');
    expect(retryClass(network(404))).toBe('missing');
    expect(retryClass(network(410))).toBe('missing');
    expect(retryClass(network(403))).toBe('final');
    expect(retryClass(new Error('x'))).toBe('final');
    expect(retryClass(new SprintError({ category: 'media', code: 'APPEND_FAILED', message: 'x' }))).toBe('final');
  });
});
