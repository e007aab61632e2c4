// The origin's HTTP/2 body order on real sockets: with 'in-order' two
// concurrent responses arrive one after the other; 'interleaved' (nghttp2's
// round-robin) mixes them. A Node client with large flow-control windows
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

const BODY_BYTES = 2_000_000;
let dir: string;
let certificate: { key: string; cert: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sprint-send-order-'));
  await mkdir(path.join(dir, 'media'), { recursive: true });
  for (const name of ['a.bin', 'b.bin']) await writeFile(path.join(dir, 'media', name), randomBytes(BODY_BYTES));
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

/** Requests a and b at once; returns how many bytes of b had arrived when a's last byte did. */
async function bytesOfSecondBeforeFirstEnds(order: H2BodyOrder): Promise<{ overlap: number; totals: number[] }> {
  const origin = await startOrigin({ port: 0, root: dir, mounts: { '/media/': 'media' }, certificate, h2BodyOrder: order });
  const session = await connect(origin.url);
  try {
    const received = [0, 0];
    let overlap = -1;
    await Promise.all(['/media/a.bin', '/media/b.bin'].map((p, i) => new Promise<void>((resolve, reject) => {
      const stream = session.request({ ':path': p });
      stream.on('data', (chunk: Buffer) => (received[i] = (received[i] ?? 0) + chunk.length));
      stream.on('end', () => {
        if (i === 0) overlap = received[1] ?? 0;
        resolve();
      });
      stream.on('error', reject);
      stream.end();
    })));
    return { overlap, totals: received };
  } finally {
    session.close();
    await origin.close();
  }
}

describe('HTTP/2 body order', () => {
  it('in order: the second body waits for the first (up to one frame of slack)', async () => {
    const { overlap, totals } = await bytesOfSecondBeforeFirstEnds('in-order');
    expect(totals).toEqual([BODY_BYTES, BODY_BYTES]);
    expect(overlap).toBeLessThanOrEqual(64 * 1024);
  });

  it('interleaved: both bodies progress together (what in-order replaces)', async () => {
    const { overlap, totals } = await bytesOfSecondBeforeFirstEnds('interleaved');
    expect(totals).toEqual([BODY_BYTES, BODY_BYTES]);
    expect(overlap).toBeGreaterThan(BODY_BYTES / 4);
  });
});
