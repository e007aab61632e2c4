// Starts the origin: HTTP/2 over TLS (HTTP/1.1 fallback via ALPN on the same port)
// and optionally a plain HTTP/1.1 port, sharing one handler and one request log.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from '../../scripts/cert.js';
import { checkListenHost } from './host-policy.js';
import { DEFAULT_MOUNTS, createOriginHandler, type H2BodyOrder } from './origin.js';
import { RequestLog } from './request-log.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StartOriginOptions {
  /** Default 127.0.0.1; must be loopback or in 198.18.0.0/15. */
  readonly host?: string;
  /** TLS port (h2 + http/1.1). Default 8443; 0 picks a free port. */
  readonly port?: number;
  /** Plain HTTP/1.1 port; omitted means none; 0 picks a free port. */
  readonly httpPort?: number;
  /** Replaces the '/media/' mount's directory. */
  readonly mediaDir?: string;
  /** Replaces all mounts. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Base for relative directories. Default: the repository root. */
  readonly root?: string;
  /** Append every request record to this JSON-lines file. */
  readonly logFile?: string;
  readonly logCapacity?: number;
  /** Fault-injection spec for media requests, e.g. `5xx=0.05,reset=0.02,seed=7` (src/server/fault-spec.ts). */
  readonly faults?: string;
  /** See OriginOptions.h2BodyOrder (default 'in-order'). */
  readonly h2BodyOrder?: H2BodyOrder;
  /** Default: ensureCertificate() (self-signed, in .cert/). */
  readonly certificate?: { readonly key: string; readonly cert: string };
}

export interface RunningOrigin {
  /** https://host:port, no trailing slash. */
  readonly url: string;
  /** http://host:port when a plain port was requested. */
  readonly httpUrl: string | undefined;
  readonly log: RequestLog;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: HttpServer | Http2SecureServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Tracks raw connections so close() does not wait for idle keep-alive sockets or h2 sessions. */
function trackSockets(server: HttpServer | Http2SecureServer): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

function closeServer(server: HttpServer | Http2SecureServer, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}

export async function startOrigin(options: StartOriginOptions = {}): Promise<RunningOrigin> {
  const host = options.host ?? '127.0.0.1';
  const verdict = checkListenHost(host);
  if (!verdict.allowed) throw new Error(verdict.reason);

  const mounts = options.mounts ?? { ...DEFAULT_MOUNTS, ...(options.mediaDir ? { '/media/': options.mediaDir } : {}) };
  const log = new RequestLog({ capacity: options.logCapacity, file: options.logFile });
  const handler = createOriginHandler({ mounts, root: options.root ?? REPO_ROOT, log, ...(options.faults ? { faults: options.faults } : {}), h2BodyOrder: options.h2BodyOrder });
  const { key, cert } = options.certificate ?? (await ensureCertificate());

  const secure = createSecureServer({ key, cert, allowHTTP1: true }, handler);
  const secureSockets = trackSockets(secure);
  const port = await listen(secure, options.port ?? 8443, host);
  let plain: { server: HttpServer; sockets: Set<Socket>; port: number } | undefined;
  if (options.httpPort !== undefined) {
    const server = createHttpServer(handler);
    const sockets = trackSockets(server);
    try {
      plain = { server, sockets, port: await listen(server, options.httpPort, host) };
    } catch (error) {
      await closeServer(secure, secureSockets);
      throw error;
    }
  }

  return {
    url: `https://${urlHost(host)}:${port}`,
    httpUrl: plain ? `http://${urlHost(host)}:${plain.port}` : undefined,
    log,
    async close() {
      await Promise.all([
        closeServer(secure, secureSockets),
        plain ? closeServer(plain.server, plain.sockets) : Promise.resolve(),
      ]);
      await log.close();
    },
  };
}
