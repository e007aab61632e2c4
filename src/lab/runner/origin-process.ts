/**
 * The project's origin (src/server/main.ts) run inside the lab's server
 * namespace on 198.18.2.2 over h2, with its request log appended to a file the
 * runner reads after each player (the namespace is not reachable from here).
 */
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { OriginRequestRecord } from '../../server/request-log.js';
import { LAB_ADDRESSES, type Lab } from '../network-lab.js';

export const LAB_ORIGIN_PORT = 8443;
const READY_TIMEOUT_MS = 30_000;

export interface LabOrigin {
  /** https://198.18.2.2:8443 */
  readonly url: string;
  readonly logFile: string;
  /** Every record the origin has logged so far. */
  records(): Promise<OriginRequestRecord[]>;
  stop(): Promise<void>;
}

/** Parses the JSON-lines request log; a torn last line (still being written) is skipped. */
export function parseRequestLog(text: string): OriginRequestRecord[] {
  const records: OriginRequestRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as OriginRequestRecord);
    } catch {
      // partial line at the end of the file
    }
  }
  return records;
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines = child.stdout ? createInterface({ input: child.stdout }) : undefined;
    const timer = setTimeout(() => finish(new Error(`origin did not start within ${READY_TIMEOUT_MS / 1000} s: ${stderr.trim()}`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null): void => finish(new Error(`origin exited (${code}) before it was ready: ${stderr.trim()}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines?.removeAllListeners('line');
      if (error) reject(error);
      else resolve();
    }
    lines?.on('line', (line) => {
      if (line.startsWith('origin: https://')) finish();
    });
    child.once('exit', onExit);
  });
}

/** Starts the origin in the server namespace (killed by lab.close() at the latest). */
export async function startLabOrigin(lab: Lab, repoRoot: string, logFile: string): Promise<LabOrigin> {
  const args = ['--import', 'tsx', 'src/server/main.ts', '--host', LAB_ADDRESSES.server, '--port', String(LAB_ORIGIN_PORT), '--log', logFile];
  const child = lab.spawnInServer(process.execPath, args, { cwd: repoRoot });
  await waitForReady(child);
  child.stdout?.resume();
  return {
    url: `https://${LAB_ADDRESSES.server}:${LAB_ORIGIN_PORT}`,
    logFile,
    records: async () => parseRequestLog(await readFile(logFile, 'utf8').catch(() => '')),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
