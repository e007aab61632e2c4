import { describe, expect, it } from 'vitest';
import { SprintError } from '../errors.js';
import { HttpClient } from '../net/http-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../net/retry.js';
import { fetchMpd, manifestUrl } from './manifest-fetch.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1, timeouts: {} };
const client = (fetchImpl: typeof fetch) => new HttpClient({ fetchImpl, protocolOf: () => 'h2' });

/** An endless body of 64 KiB chunks that counts how many were pulled and, like fetch, errors when the request is aborted. */
function endlessBody(pulled: { count: number }, signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
    pull(controller) {
      pulled.count += 1;
      controller.enqueue(new Uint8Array(65_536).fill(32));
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<SprintError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SprintError);
  return error as SprintError;
}

describe('fetchMpd', () => {
  it('returns the text of a normal MPD and the protocol it came over', async () => {
    const fetchImpl = (async () => new Response('<MPD/>', { status: 200 })) as typeof fetch;
    expect(await fetchMpd(client(fetchImpl), 'https://o/m.mpd', policy)).toEqual({ text: '<MPD/>', protocol: 'h2' });
  });

  it('refuses a Content-Length over the bound without reading the body', async () => {
    const pulled = { count: 0 };
    const fetchImpl = (async (_url: string, init?: RequestInit) =>
      new Response(endlessBody(pulled, init?.signal), { status: 200, headers: { 'Content-Length': String(50 * 1024 * 1024) } })) as typeof fetch;
    const error = await failure(fetchMpd(client(fetchImpl), 'https://o/m.mpd', policy, 1024 * 1024));
    expect(error.code).toBe('MANIFEST_TOO_LARGE');
    expect(error.message).toContain('Content-Length 52428800');
    expect(pulled.count).toBeLessThan(4);
  });

  it('stops reading an endless body once it passes the bound', async () => {
    const pulled = { count: 0 };
    const fetchImpl = (async (_url: string, init?: RequestInit) => new Response(endlessBody(pulled, init?.signal), { status: 200 })) as typeof fetch;
    const error = await failure(fetchMpd(client(fetchImpl), 'https://o/m.mpd', policy, 1024 * 1024));
    expect(error.code).toBe('MANIFEST_TOO_LARGE');
    expect(error.category).toBe('manifest');
    expect(pulled.count).toBeLessThan(40);
  });

  it('reports a failed fetch as MANIFEST_LOAD_FAILED with the status', async () => {
    const fetchImpl = (async () => new Response('gone', { status: 410 })) as typeof fetch;
    const error = await failure(fetchMpd(client(fetchImpl), 'https://o/m.mpd', policy));
    expect(error.code).toBe('MANIFEST_LOAD_FAILED');
    expect(error.status).toBe(410);
  });
});

describe('manifestUrl', () => {
  it('resolves relative URLs against the page', () => {
    expect(manifestUrl('/media/a.mpd', 'https://site.test/page/')).toBe('https://site.test/media/a.mpd');
  });

  it.each(['javascript:alert(1)', 'data:application/dash+xml,<MPD/>', 'file:///etc/passwd', 'blob:https://site.test/x', 'ftp://site.test/a.mpd'])(
    'refuses %s with UNSAFE_URL',
    (url) => {
      expect(() => manifestUrl(url, 'https://site.test/')).toThrow(/UNSAFE_URL/);
    },
  );
});
