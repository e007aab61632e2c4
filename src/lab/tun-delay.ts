/** The "tun" delay backend: our user-space delay line (delayline.c) between two TUN devices. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { DelayBackend, DelayLink, DelayLinkSpec } from './delay-backend.js';
import { buildDelayLine, delayLineUnavailableReason } from './delayline-build.js';
import { parseDelayLineStats, type DelayLineStats } from './delay-stats.js';
import { terminate } from './exec.js';

const READY_TIMEOUT_MS = 5_000;
const STATS_TIMEOUT_MS = 2_000;

function microseconds(ms: number): string {
  return String(Math.round(ms * 1000));
}

export function delayLineArgs(spec: DelayLinkSpec): string[] {
  return [
    '--client-netns', `/run/netns/${spec.clientNs}`,
    '--client-dev', spec.clientDevice,
    '--router-netns', `/run/netns/${spec.routerNs}`,
    '--router-dev', spec.routerDevice,
    '--up-delay-us', microseconds(spec.upDelayMs),
    '--down-delay-us', microseconds(spec.downDelayMs),
    '--up-jitter-us', microseconds(spec.upJitterMs),
    '--down-jitter-us', '0',
    '--stats-file', spec.statsFile,
  ];
}

/** Hands out the delay line's stdout lines in order to whoever waits for them. */
class LineQueue {
  private readonly lines: string[] = [];
  private readonly waiters: Array<(line: string | undefined) => void> = [];
  private closed = false;

  push(line: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** Drops lines that nobody asked for (e.g. stats printed before a request). */
  clear(): void {
    this.lines.length = 0;
  }

  next(timeoutMs: number): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(settle);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(undefined);
      }, timeoutMs);
      const settle = (value: string | undefined): void => {
        clearTimeout(timer);
        resolve(value);
      };
      this.waiters.push(settle);
    });
  }
}

class TunDelayLink implements DelayLink {
  readonly backend = 'tun' as const;
  readonly namespaces: readonly string[] = [];
  private finalStats: Promise<DelayLineStats | undefined> | undefined;
  private lastStats: DelayLineStats | undefined;
  private statsInFlight: Promise<DelayLineStats | undefined> | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly lines: LineQueue,
  ) {}

  get pids(): readonly number[] {
    return this.child.pid === undefined ? [] : [this.child.pid];
  }

  stats(): Promise<DelayLineStats | undefined> {
    if (this.finalStats) return this.finalStats;
    // One SIGUSR1 at a time, so each answer matches its request.
    this.statsInFlight ??= this.requestStats().finally(() => (this.statsInFlight = undefined));
    return this.statsInFlight;
  }

  private async requestStats(): Promise<DelayLineStats | undefined> {
    if (this.child.exitCode !== null) return this.lastStats;
    this.lines.clear();
    this.child.kill('SIGUSR1');
    const line = await this.lines.next(STATS_TIMEOUT_MS);
    if (line !== undefined) this.lastStats = parseDelayLineStats(line);
    return this.lastStats;
  }

  stop(): Promise<DelayLineStats | undefined> {
    this.finalStats ??= (async () => {
      await this.statsInFlight;
      this.lines.clear();
      await terminate(this.child);
      // The line prints its final counters on the way out.
      const line = await this.lines.next(500);
      return line !== undefined ? parseDelayLineStats(line) : this.lastStats;
    })();
    return this.finalStats;
  }
}

async function startDelayLine(spec: DelayLinkSpec): Promise<DelayLink> {
  const binary = await buildDelayLine(spec.cacheDir);
  // Own process group, so a terminal Ctrl-C does not stop the line before the lab tears down.
  const child = spawn(binary, delayLineArgs(spec), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines = new LineQueue();
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line)).on('close', () => lines.close());
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const line of chunk.split('\n').filter(Boolean)) spec.log(line);
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const ready = await Promise.race([lines.next(READY_TIMEOUT_MS), spawnError]);
  if (ready !== 'ready') {
    await terminate(child, 500);
    const why = ready instanceof Error ? ready.message : stderr.trim() || 'no "ready" line';
    throw new Error(`delay line failed to start: ${why}`);
  }
  return new TunDelayLink(child, lines);
}

export const tunDelayBackend: DelayBackend = {
  kind: 'tun',
  unavailableReason: (probe) => delayLineUnavailableReason(probe.cacheDir),
  createLink: startDelayLine,
};
