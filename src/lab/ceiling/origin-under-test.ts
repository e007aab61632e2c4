/**
 * Starts the origin a ceiling measurement downloads from, inside the lab's
 * server namespace: the project's own origin (src/server/main.ts, as shipped)
 * or Debian's nginx from a generated config. Both serve the probe site at
 * /media/ over TLS with h2 and HTTP/1.1 (ALPN) on one port.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Lab } from '../network-lab.js';
import { nginxConfig } from './nginx-config.js';

/** 'node-interleaved': our origin with `--h2-body-order interleaved`, the behaviour before the fix (kept to show the difference). */
export type OriginKind = 'node' | 'node-interleaved' | 'nginx';

export const ORIGIN_KINDS: readonly OriginKind[] = ['node', 'node-interleaved', 'nginx'];

/** Not the runner's LAB_ORIGIN_PORT (8443): the probe runs while the players' origin is up. */
export const ORIGIN_PORTS: Readonly<Record<OriginKind, number>> = { node: 8453, 'node-interleaved': 8455, nginx: 8454 };

export interface OriginUnderTest {
  readonly kind: OriginKind;
  readonly port: number;
  /** https://<server>:<port>/media/ */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

export interface OriginCertificate {
  readonly key: string;
  readonly cert: string;
}

const READY_TIMEOUT_MS = 20_000;
const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function waitForStdoutLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${READY_TIMEOUT_MS} ms: ${stderr.trim()}`)), READY_TIMEOUT_MS);
    lines.on('line', (line) => {
      if (!pattern.test(line)) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/** The project's origin CLI with the probe site as its /media/ mount. */
async function startNodeOrigin(lab: Lab, siteDir: string, port: number, kind: 'node' | 'node-interleaved'): Promise<OriginUnderTest> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const host = lab.addresses.server;
  const args = ['--import', tsx, SERVER_MAIN, '--host', host, '--port', String(port), '--media', siteDir,
    '--h2-body-order', kind === 'node' ? 'in-order' : 'interleaved'];
  const child = lab.spawnInServer(process.execPath, args);
  await waitForStdoutLine(child, /^origin: https:\/\//, 'node origin');
  child.stdout?.resume();
  return { kind, port, baseUrl: `https://${host}:${port}/media/`, stop: () => stopChild(child) };
}

async function waitForListener(lab: Lab, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { stdout } = await lab.runInServer('ss', ['-ltnH', `( sport = :${port} )`], { allowFailure: true });
    if (stdout.trim() !== '') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on port ${port} after ${READY_TIMEOUT_MS} ms`);
}

async function startNginx(lab: Lab, siteDir: string, port: number, certificate: OriginCertificate): Promise<OriginUnderTest> {
  const prefixDir = await mkdtemp(path.join(tmpdir(), 'sprint-ceiling-nginx-'));
  const certFile = path.join(prefixDir, 'cert.pem');
  const keyFile = path.join(prefixDir, 'key.pem');
  await writeFile(certFile, certificate.cert);
  await writeFile(keyFile, certificate.key, { mode: 0o600 });
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(path.join(prefixDir, sub));
  const configFile = path.join(prefixDir, 'nginx.conf');
  const host = lab.addresses.server;
  await writeFile(configFile, nginxConfig({ prefixDir, host, port, siteDir, certFile, keyFile }));
  const child = lab.spawnInServer('nginx', ['-p', prefixDir, '-c', configFile, '-g', 'daemon off;']);
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    await waitForListener(lab, port);
  } catch (error) {
    await stopChild(child);
    throw new Error(`nginx did not start: ${stderr.trim() || (error as Error).message}`);
  }
  return {
    kind: 'nginx',
    port,
    baseUrl: `https://${host}:${port}/media/`,
    async stop() {
      await stopChild(child);
      await rm(prefixDir, { recursive: true, force: true });
    },
  };
}

export function startOriginUnderTest(
  lab: Lab,
  kind: OriginKind,
  siteDir: string,
  certificate: OriginCertificate,
): Promise<OriginUnderTest> {
  const port = ORIGIN_PORTS[kind];
  return kind === 'nginx' ? startNginx(lab, siteDir, port, certificate) : startNodeOrigin(lab, siteDir, port, kind);
}
