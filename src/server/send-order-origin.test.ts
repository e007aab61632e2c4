// The origin's HTTP/2 body order on real sockets: with 'in-order' concurrent
// responses arrive one after the other, in request order; 'interleaved'
// (nghttp2's round-robin) mixes them. The first request names a directory, so
// its file lookup takes two more steps than the others' and finishes last: the
// bodies must still go in request order. A Node client with large flow-control windows
// stands in for Chromium's (6 MB per stream, 15 MB per connection).
import { randomBytes } from 'node:crypto';
import http2, { type ClientHttp2Session } from 'node:http2';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../scripts/cert.js';
import type { H2BodyOrder } from './origin.js';
import { startOrigin } from './start-origin.js';

const BODY_BYTES = 1_000_000;
/** Request paths under /media/, and the files they resolve to. */
const PATHS = ['first/', 'b.bin', 'c.bin', 'd.bin'];
const FILES = ['first/index.html', 'b.bin', 'c.bin', 'd.bin'];
let dir: string;
let certificate: { key: string; cert: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sprint-send-order-'));
  await mkdir(path.join(dir, 'media', 'first'), { recursive: true });
  for (const name of FILES) await writeFile(path.join(dir, 'media', name), randomBytes(BODY_BYTES));
  certificate = await createSelfSignedCertificate(path.join(dir, 'cert'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function connect(url: string): Promise<ClientHttp2Session> {
  const session = http2.connect(url, { rejectUnauthorized: false, settings: { initialWindowSize: 6 * 1024 * 1024 } });
  return new Promise((resolve, reject) => {
    session.once('error', reject);
    session.once('connect', () => {
      session.setLocalWindowSize(15 * 1024 * 1024);
      resolve(session);
    });
  });
}

/** Requests every path at once, in order; for each body, how many bytes of the next one had arrived when its last byte did. */
async function bytesOfNextBeforeEachEnds(order: H2BodyOrder): Promise<{ overlaps: number[]; totals: number[] }> {
  const origin = await startOrigin({ port: 0, root: dir, mounts: { '/media/': 'media' }, certificate, h2BodyOrder: order });
  const session = await connect(origin.url);
  try {
    const received = PATHS.map(() => 0);
    const overlaps = PATHS.slice(1).map(() => -1);
    await Promise.all(PATHS.map((name, i) => new Promise<void>((resolve, reject) => {
      const stream = session.request({ ':path': `/media/${name}` });
      stream.on('data', (chunk: Buffer) => (received[i] = (received[i] ?? 0) + chunk.length));
      stream.on('end', () => {
        if (i < overlaps.length) overlaps[i] = received[i + 1] ?? 0;
        resolve();
      });
      stream.on('error', reject);
      stream.end();
    })));
    return { overlaps, totals: received };
  } finally {
    session.close();
    await origin.close();
  }
}

describe('HTTP/2 body order', () => {
  it('in order: each body waits for the one requested before it (up to one frame of slack)', async () => {
    const { overlaps, totals } = await bytesOfNextBeforeEachEnds('in-order');
    expect(totals).toEqual(PATHS.map(() => BODY_BYTES));
    for (const overlap of overlaps) expect(overlap).toBeLessThanOrEqual(64 * 1024);
  });

  it('interleaved: the bodies progress together (what in-order replaces)', async () => {
    const { overlaps, totals } = await bytesOfNextBeforeEachEnds('interleaved');
    expect(totals).toEqual(PATHS.map(() => BODY_BYTES));
    expect(overlaps[0]).toBeGreaterThan(BODY_BYTES / 4);
  });
});
