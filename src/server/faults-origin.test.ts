// Fault injection through the real origin over HTTP/2 and HTTP/1.1: what a
// client sees for each kind, what the log records, and that the /__faults/
// prefix cannot be used to step outside a mount.
import http from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../scripts/cert.js';
import type { OriginRequestRecord } from './request-log.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';
import { connectH2, h2Request, http1Request } from './test-clients.js';

const SECRET = 'top-secret-outside-the-mount';
const SEGMENT = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 253));

let dir: string;
let origin: RunningOrigin;

interface Outcome {
  status: number;
  bytes: number;
  /** 'end': the body ended normally; otherwise what broke it. */
  ending: string;
  ms: number;
}

/** One HTTP/2 GET that reports how the body ended instead of rejecting. */
function h2Outcome(urlPath: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const session = connectH2(origin.url);
  const started = Date.now();
  return new Promise((resolve) => {
    const stream = session.request({ ':path': urlPath, ...headers });
    let status = 0;
    let bytes = 0;
    const done = (ending: string) => {
      session.close();
      resolve({ status, bytes, ending, ms: Date.now() - started });
    };
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => done('end'));
    stream.on('error', (error: Error) => done(error.message));
    stream.end();
  });
}

function h1Outcome(urlPath: string): Promise<Outcome> {
  const { hostname, port } = new URL(origin.httpUrl ?? '');
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ hostname, port, path: urlPath, agent: false }, (res) => {
      let bytes = 0;
      const done = (ending: string) => resolve({ status: res.statusCode ?? 0, bytes, ending, ms: Date.now() - started });
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => done(res.complete ? 'end' : 'incomplete'));
      res.on('aborted', () => done('aborted'));
    });
    req.on('error', (error) => resolve({ status: 0, bytes: 0, ending: error.message, ms: Date.now() - started }));
  });
}

async function logRecords(): Promise<OriginRequestRecord[]> {
  const { body } = await http1Request(origin.httpUrl ?? '', '/__origin/log');
  return (JSON.parse(body.toString()) as { records: OriginRequestRecord[] }).records;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sprint-faults-'));
  await mkdir(path.join(dir, 'media', 'v'), { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await writeFile(path.join(dir, 'media', 'v', 'chunk-0-00001.m4s'), SEGMENT);
  await writeFile(path.join(dir, 'media', 'v', 'manifest.mpd'), '<MPD/>');
  const certificate = await createSelfSignedCertificate(path.join(dir, 'cert'));
  origin = await startOrigin({ port: 0, httpPort: 0, root: dir, mounts: { '/media/': 'media' }, certificate });
});

afterAll(async () => {
  await origin?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await http1Request(origin.httpUrl ?? '', '/__origin/log/clear', { method: 'POST' });
});

const SEGMENT_PATH = '/media/v/chunk-0-00001.m4s';

describe('faults through the /__faults/ prefix', () => {
  it('5xx and 404 answer with the status and a short body', async () => {
    expect([500, 502, 503, 504]).toContain((await h2Outcome(`/__faults/5xx=1/${SEGMENT_PATH.slice(1)}`)).status);
    expect((await h1Outcome(`/__faults/404=1${SEGMENT_PATH}`)).status).toBe(404);
  });

  it('reset: HTTP/2 closes the stream with INTERNAL_ERROR, HTTP/1.1 drops the connection, mid-body', async () => {
    const h2 = await h2Outcome(`/__faults/reset=1${SEGMENT_PATH}`);
    expect(h2.status).toBe(200);
    expect(h2.ending).toMatch(/NGHTTP2_INTERNAL_ERROR/);
    expect(h2.bytes).toBeGreaterThan(0);
    expect(h2.bytes).toBeLessThan(SEGMENT.length);
    const h1 = await h1Outcome(`/__faults/reset=1${SEGMENT_PATH}`);
    expect(h1.ending).not.toBe('end');
    expect(h1.bytes).toBeLessThan(SEGMENT.length);
  });

  it('truncate: the body ends early under the full Content-Length', async () => {
    const h2 = await h2Outcome(`/__faults/truncate=1${SEGMENT_PATH}`);
    expect(h2.status).toBe(200);
    // nghttp2 itself flags END_STREAM before Content-Length bytes.
    expect(h2.ending).toMatch(/PROTOCOL_ERROR/);
    expect(h2.bytes).toBeLessThan(SEGMENT.length);
    const h1 = await h1Outcome(`/__faults/truncate=1${SEGMENT_PATH}`);
    expect(h1.ending).not.toBe('end');
    expect(h1.bytes).toBeLessThan(SEGMENT.length);
  });

  it('stall: holds the body for the given time, then completes it', async () => {
    const h2 = await h2Outcome(`/__faults/stall=1:600ms${SEGMENT_PATH}`);
    expect(h2).toMatchObject({ status: 200, bytes: SEGMENT.length, ending: 'end' });
    expect(h2.ms).toBeGreaterThanOrEqual(550);
    const h1 = await h1Outcome(`/__faults/stall=1:600ms${SEGMENT_PATH}`);
    expect(h1).toMatchObject({ status: 200, bytes: SEGMENT.length, ending: 'end' });
    expect(h1.ms).toBeGreaterThanOrEqual(550);
  });

  it('applies faults to byte ranges too (a resume), answering 206 with the range headers', async () => {
    const session = connectH2(origin.url);
    const res = await new Promise<{ status: number; range: unknown; length: unknown }>((resolve) => {
      const stream = session.request({ ':path': `/__faults/stall=1:100ms${SEGMENT_PATH}`, range: 'bytes=1000-' });
      stream.on('response', (h) => resolve({ status: Number(h[':status']), range: h['content-range'], length: h['content-length'] }));
      stream.end();
    });
    session.close();
    expect(res).toEqual({ status: 206, range: `bytes 1000-${SEGMENT.length - 1}/${SEGMENT.length}`, length: String(SEGMENT.length - 1000) });
  });

  it('names the fault in the log record under the path served, and counts it', async () => {
    const before = JSON.parse((await http1Request(origin.httpUrl ?? '', '/__origin/faults')).body.toString()) as { total: number };
    await h1Outcome(`/__faults/404=1${SEGMENT_PATH}`);
    await h1Outcome(`/__faults/404=1/media/v/manifest.mpd`);
    const records = await logRecords();
    expect(records.map((r) => [r.path, r.status, r.fault])).toEqual([
      [SEGMENT_PATH, 404, '404'],
      ['/media/v/manifest.mpd', 200, undefined],
    ]);
    const after = JSON.parse((await http1Request(origin.httpUrl ?? '', '/__origin/faults')).body.toString()) as { total: number; counts: Record<string, number> };
    expect(after.total).toBe(before.total + 1);
  });

  it('never faults the MPD, so relative segment URLs inherit the prefix', async () => {
    const res = await h2Outcome('/__faults/5xx=1,404=0/media/v/manifest.mpd');
    expect(res).toMatchObject({ status: 200, ending: 'end' });
  });

  it.each([
    '/__faults/404=0/media/../secret.txt',
    '/__faults/404=0/media/%2e%2e/secret.txt',
    '/__faults/404=0/media/..%2fsecret.txt',
    '/__faults/404=0/../secret.txt',
    '/__faults/..%2f..%2fsecret.txt/media/v/manifest.mpd',
    '/__faults/404=0/__origin/log',
    '/__faults/404=0//secret.txt',
    '/__faults/%2e%2e/secret.txt',
    '/__faults/404=0/secret.txt',
  ])('refuses traversal through the prefix: %s', async (target) => {
    const res = await http1Request(origin.httpUrl ?? '', target);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain(SECRET);
    expect(res.body.toString()).not.toContain('"records"');
  });
});

describe('origin-wide faults (--faults)', () => {
  it('applies the spec given at start to every media request', async () => {
    const certificate = await createSelfSignedCertificate(path.join(dir, 'cert2'));
    const faulty = await startOrigin({ port: 0, httpPort: 0, root: dir, mounts: { '/media/': 'media' }, certificate, faults: '404=1' });
    try {
      expect((await http1Request(faulty.httpUrl ?? '', SEGMENT_PATH)).status).toBe(404);
      expect((await http1Request(faulty.httpUrl ?? '', '/media/v/manifest.mpd')).status).toBe(200);
      // A prefix spec wins over the origin-wide one.
      expect((await http1Request(faulty.httpUrl ?? '', `/__faults/seed=1${SEGMENT_PATH}`)).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
