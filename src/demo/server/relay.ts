/**
 * A byte relay that lets a browser on the host reach the lab through the
 * bottleneck: the host side listens on 127.0.0.1:<port> and hands each
 * connection to a Unix socket (file sockets are not network-namespaced); the
 * connector, running inside the lab's client namespace, accepts on that Unix
 * socket and opens a TCP connection to the origin (198.18.2.2:<port>) from
 * there. So every browser connection becomes exactly one lab connection, TLS
 * and HTTP/2 stay end to end, and the server's congestion control meets the
 * bottleneck as it would with the browser in the namespace. Pipes keep
 * backpressure: when the browser stops reading, the lab socket stops reading.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';

export const socketPath = (dir: string, port: number): string => path.join(dir, `${port}.sock`);

function splice(a: Socket, b: Socket): void {
  a.setNoDelay?.(true);
  b.setNoDelay?.(true);
  a.pipe(b);
  b.pipe(a);
  const close = (): void => {
    a.destroy();
    b.destroy();
  };
  a.once('error', close).once('close', close);
  b.once('error', close).once('close', close);
}

export interface Relay {
  close(): Promise<void>;
}

function listen(server: Server, target: { port: number; host: string } | { path: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(target, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServers(servers: readonly Server[], sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
}

/** Host side: 127.0.0.1:port → the Unix socket for that port. */
export async function startHostRelay(ports: readonly number[], dir: string, host = '127.0.0.1'): Promise<Relay> {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  try {
    for (const port of ports) {
      const server = createServer((browser) => {
        const lab = createConnection({ path: socketPath(dir, port) });
        for (const s of [browser, lab]) {
          sockets.add(s);
          s.once('close', () => sockets.delete(s));
        }
        splice(browser, lab);
      });
      servers.push(server);
      await listen(server, { port, host });
    }
  } catch (error) {
    await closeServers(servers, sockets);
    throw error;
  }
  return { close: () => closeServers(servers, sockets) };
}

/** Namespace side: the Unix socket for each port → targetHost:port over TCP. */
export async function startConnector(ports: readonly number[], dir: string, targetHost: string): Promise<Relay> {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  for (const port of ports) {
    const file = socketPath(dir, port);
    await rm(file, { force: true });
    const server = createServer((relay) => {
      const origin = createConnection({ port, host: targetHost });
      for (const s of [relay, origin]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      }
      splice(relay, origin);
    });
    servers.push(server);
    await listen(server, { path: file });
  }
  return {
    close: async () => {
      await closeServers(servers, sockets);
      await Promise.all(ports.map((port) => rm(socketPath(dir, port), { force: true })));
    },
  };
}
