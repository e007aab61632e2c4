// The origin over real sockets: HTTP/2 (TLS), HTTP/1.1 over TLS and plain HTTP/1.1,
// serving fixture files from a temp directory (never the generated media).
import http from 'node:http';
import http2 from 'node:http2';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../scripts/cert.js';
import { createOriginHandler } from './origin.js';
import type { OriginRequestRecord } from './request-log.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';
import { connectH2, h2Request, http1Request, https1Request } from './test-clients.js';

const SECRET = 'top-secret-outside-the-mount';
const BLOB = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const BIG = Buffer.alloc(8 * 1024 * 1024, 7);

let dir: string;
let origin: RunningOrigin;
let logFile: string;

async function logRecords(): Promise<OriginRequestRecord[]> {
  const { body } = await http1Request(origin.httpUrl ?? '', '/__origin/log');
  return (JSON.parse(body.toString()) as { records: OriginRequestRecord[] }).records;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sprint-origin-'));
  const media = path.join(dir, 'media');
  await mkdir(path.join(media, 'sub'), { recursive: true });
  await mkdir(path.join(dir, 'site'), { recursive: true });
  await writeFile(path.join(dir, 'package.json'), SECRET);
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await writeFile(path.join(media, 'blob.m4s'), BLOB);
  await writeFile(path.join(media, 'big.mp4'), BIG);
  await writeFile(path.join(media, 'empty.m4s'), '');
  await writeFile(path.join(media, 'manifest.mpd'), '<MPD/>');
  await writeFile(path.join(media, '.hidden'), SECRET);
  await writeFile(path.join(media, 'sub', 'index.html'), '<p>sub</p>');
  await symlink(path.join(dir, 'secret.txt'), path.join(media, 'escape.m4s'));
  await symlink(path.join(media, 'blob.m4s'), path.join(media, 'alias.m4s'));
  await writeFile(path.join(dir, 'site', 'index.html'), '<h1>demo</h1>');
  await writeFile(path.join(dir, 'site', 'app.js'), 'export {};');
  logFile = path.join(dir, 'requests.jsonl');
  const certificate = await createSelfSignedCertificate(path.join(dir, 'cert'));
  origin = await startOrigin({
    port: 0,
    httpPort: 0,
    root: dir,
    mounts: { '/media/': 'media', '/': 'site' },
    certificate,
    logFile,
  });
});

afterAll(async () => {
  await origin?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await http1Request(origin.httpUrl ?? '', '/__origin/log/clear', { method: 'POST' });
});

describe('HTTP/2', () => {
  it('serves a whole file with CORS, timing and no-store headers', async () => {
    const session = connectH2(origin.url);
    const res = await h2Request(session, '/media/blob.m4s');
    session.close();
    expect(res.status).toBe(200);
    expect(res.body.equals(BLOB)).toBe(true);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Range');
    expect(res.headers['timing-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers byte ranges: closed, open-ended, suffix, clamped, unsatisfiable', async () => {
    const session = connectH2(origin.url);
    const get = (range: string) => h2Request(session, '/media/blob.m4s', { headers: { range } });
    const closed = await get('bytes=10-19');
    expect(closed.status).toBe(206);
    expect(closed.headers['content-range']).toBe('bytes 10-19/1000');
    expect(closed.body.equals(BLOB.subarray(10, 20))).toBe(true);
    const open = await get('bytes=990-');
    expect(open.headers['content-range']).toBe('bytes 990-999/1000');
    expect(open.body.equals(BLOB.subarray(990))).toBe(true);
    const suffix = await get('bytes=-100');
    expect(suffix.headers['content-range']).toBe('bytes 900-999/1000');
    expect(suffix.body.equals(BLOB.subarray(900))).toBe(true);
    const clamped = await get('bytes=995-5000');
    expect(clamped.headers['content-range']).toBe('bytes 995-999/1000');
    const beyond = await get('bytes=1000-');
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */1000');
    expect((await h2Request(session, '/media/empty.m4s', { headers: { range: 'bytes=0-' } })).status).toBe(416);
    const several = await get('bytes=0-1,5-6');
    expect(several.status).toBe(200);
    expect(several.body.length).toBe(1000);
    session.close();
  });

  it('answers HEAD with headers only', async () => {
    const session = connectH2(origin.url);
    const res = await h2Request(session, '/media/blob.m4s', { method: 'HEAD' });
    const ranged = await h2Request(session, '/media/blob.m4s', { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    session.close();
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.body.length).toBe(0);
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-length']).toBe('10');
  });

  it('logs every request of one session with one socketId and distinct stream ids', async () => {
    const session = connectH2(origin.url);
    await h2Request(session, '/media/manifest.mpd');
    await Promise.all([
      h2Request(session, '/media/blob.m4s', { headers: { range: 'bytes=0-99' } }),
      h2Request(session, '/media/blob.m4s', { headers: { range: 'bytes=100-199' } }),
    ]);
    session.close();
    const records = await logRecords();
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.protocol === 'h2')).toBe(true);
    expect(new Set(records.map((r) => r.socketId)).size).toBe(1);
    expect(new Set(records.map((r) => r.streamId)).size).toBe(3);
    const ranged = records.filter((r) => r.range !== null);
    expect(ranged.map((r) => [r.status, r.bytes]).sort()).toEqual([[206, 100], [206, 100]]);
    const mpd = records.find((r) => r.path === '/media/manifest.mpd');
    expect(mpd).toMatchObject({ method: 'GET', status: 200, bytes: 6, aborted: false, range: null });
    expect(mpd!.endMs).toBeGreaterThanOrEqual(mpd!.startMs);
  });

  it('respects flow control and records a cancelled response with the bytes sent so far', async () => {
    const session = connectH2(origin.url);
    await new Promise<void>((resolve) => {
      const stream = session.request({ ':path': '/media/big.mp4' });
      stream.once('data', () => {
        // Stop reading: without back-pressure the server would push the whole 8 MB file.
        stream.pause();
        setTimeout(() => {
          stream.close(http2.constants.NGHTTP2_CANCEL);
          resolve();
        }, 300);
      });
      stream.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    session.close();
    const [record] = (await logRecords()).filter((r) => r.path === '/media/big.mp4');
    expect(record?.aborted).toBe(true);
    expect(record?.bytes).toBeLessThan(1024 * 1024);
  });
});

describe('HTTP/1.1', () => {
  it('serves the same files over plain HTTP and TLS (ALPN fallback), logged as http/1.1', async () => {
    const plain = await http1Request(origin.httpUrl ?? '', '/media/blob.m4s', { headers: { range: 'bytes=0-3' } });
    const tls = await https1Request(origin.url, '/media/blob.m4s');
    expect(plain.status).toBe(206);
    expect(plain.body.equals(BLOB.subarray(0, 4))).toBe(true);
    expect(tls.status).toBe(200);
    const records = await logRecords();
    expect(records.map((r) => r.protocol)).toEqual(['http/1.1', 'http/1.1']);
    expect(records.every((r) => r.streamId === null)).toBe(true);
  });

  it('records a response the client walked away from as aborted', async () => {
    const { hostname, port } = new URL(origin.httpUrl ?? '');
    await new Promise<void>((resolve) => {
      const req = http.get({ hostname, port, path: '/media/big.mp4' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
    });
    await new Promise((r) => setTimeout(r, 100));
    const [record] = (await logRecords()).filter((r) => r.path === '/media/big.mp4');
    expect(record).toMatchObject({ protocol: 'http/1.1', aborted: true, status: 200 });
  });

  it('gives requests on one keep-alive connection one socketId', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await http1Request(origin.httpUrl ?? '', '/media/blob.m4s', { agent });
    await http1Request(origin.httpUrl ?? '', '/media/manifest.mpd', { agent });
    agent.destroy();
    const records = await logRecords();
    expect(records).toHaveLength(2);
    expect(records[0]?.socketId).toBe(records[1]?.socketId);
  });

  it('answers a CORS preflight for Range', async () => {
    const res = await http1Request(origin.httpUrl ?? '', '/media/blob.m4s', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('range');
    expect(res.headers['access-control-allow-methods']).toContain('GET');
  });

  it('labels content types', async () => {
    const type = async (p: string) => (await http1Request(origin.httpUrl ?? '', p)).headers['content-type'];
    expect(await type('/media/manifest.mpd')).toBe('application/dash+xml');
    expect(await type('/media/blob.m4s')).toBe('video/mp4');
    expect(await type('/app.js')).toContain('text/javascript');
    expect(await type('/')).toContain('text/html');
  });

  it('serves index.html for directories and redirects to add the slash', async () => {
    const redirect = await http1Request(origin.httpUrl ?? '', '/media/sub?x=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers['location']).toBe('/media/sub/?x=1');
    const index = await http1Request(origin.httpUrl ?? '', '/media/sub/');
    expect(index.body.toString()).toBe('<p>sub</p>');
  });

  it('follows symlinks that stay inside the mount', async () => {
    const res = await http1Request(origin.httpUrl ?? '', '/media/alias.m4s');
    expect(res.status).toBe(200);
    expect(res.body.equals(BLOB)).toBe(true);
  });

  it.each([
    '/media/../package.json',
    '/media/%2e%2e/package.json',
    '/media/%2E%2E/secret.txt',
    '/media/..%2fpackage.json',
    '/media/%2e%2e%2fpackage.json',
    '/media/..%5cpackage.json',
    '/media/..\\package.json',
    '/media/./../secret.txt',
    '/media/blob.m4s%00.txt',
    '/media/escape.m4s',
    '/media/.hidden',
    '/media/%2fetc%2fpasswd',
    '//etc/passwd',
    '/media/%E0%A4%A',
  ])('refuses %s', async (target) => {
    const res = await http1Request(origin.httpUrl ?? '', target);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  it('refuses traversal over HTTP/2 as well', async () => {
    const session = connectH2(origin.url);
    const results = await Promise.all(
      ['/media/../package.json', '/media/%2e%2e/package.json', '/media/escape.m4s'].map((p) => h2Request(session, p)),
    );
    session.close();
    for (const res of results) {
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body.toString()).not.toContain(SECRET);
    }
  });

  it('rejects methods other than GET, HEAD and OPTIONS', async () => {
    const res = await http1Request(origin.httpUrl ?? '', '/media/blob.m4s', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toContain('GET');
  });
});

describe('request log', () => {
  it('returns records after a given id and appends JSON lines to the log file', async () => {
    await http1Request(origin.httpUrl ?? '', '/media/manifest.mpd');
    const [first] = await logRecords();
    await http1Request(origin.httpUrl ?? '', '/media/blob.m4s');
    const { body } = await http1Request(origin.httpUrl ?? '', `/__origin/log?after=${first?.id}`);
    const later = (JSON.parse(body.toString()) as { records: OriginRequestRecord[] }).records;
    expect(later.map((r) => r.path)).toEqual(['/media/blob.m4s']);
    await new Promise((r) => setTimeout(r, 50));
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ path: '/media/blob.m4s', status: 200 });
  });
});

describe('as middleware', () => {
  it('falls through to next() for paths it does not serve', async () => {
    const handler = createOriginHandler({ root: dir, mounts: { '/media/': 'media' } });
    const server = http.createServer((req, res) =>
      handler(req, res, () => {
        res.statusCode = 299;
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const served = await http1Request(base, '/media/manifest.mpd');
    const missing = await http1Request(base, '/media/nope.mpd');
    const elsewhere = await http1Request(base, '/src/main.ts');
    await new Promise((resolve) => server.close(resolve));
    expect(served.status).toBe(200);
    expect([missing.status, elsewhere.status]).toEqual([299, 299]);
    expect(handler.log.records().map((r) => r.path)).toEqual(['/media/manifest.mpd']);
  });
});
