/** RTT measurement between lab namespaces with the UDP probe agent, and its statistics. */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNamespace, spawnInNamespace, terminate, withRealtimePriority } from './exec.js';

const AGENT = fileURLToPath(new URL('./rtt-probe-agent.ts', import.meta.url));

/**
 * Real-time priority of the probe agents (below the delay line's 50): on a
 * busy host a normal-priority Node process stalled for 100+ ms and turned
 * host load into fake queueing delay.
 */
const AGENT_PRIORITY = 20;

/** argv for running the TypeScript agent with node + the tsx loader (absolute, so cwd does not matter). */
function agentArgv(args: readonly string[]): [string, string[]] {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return withRealtimePriority(AGENT_PRIORITY, process.execPath, ['--import', tsxLoader, AGENT, ...args]);
}

export interface RttSummary {
  samples: number;
  lost: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarizeRtts(rttsMs: readonly number[], lost = 0): RttSummary {
  const sorted = [...rttsMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    lost,
    minMs: sorted[0] ?? Number.NaN,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** A UDP echo server in a namespace; stop() when done. */
export class EchoServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(ns: string, port: number): Promise<EchoServer> {
    const [node, args] = agentArgv(['echo', '--port', String(port)]);
    const child = spawnInNamespace(ns, node, args);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      if (!child.stdout) return resolve(false);
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve(line === 'ready');
      });
      child.once('exit', () => resolve(false));
    });
    if (!ready) {
      await terminate(child, 500);
      throw new Error(`UDP echo server did not start in ${ns}: ${stderr.trim()}`);
    }
    return new EchoServer(child, port);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stop(): Promise<void> {
    return terminate(this.child);
  }
}

export interface ProbeOptions {
  count: number;
  intervalMs: number;
}

/** Probe results in send order: probe i left at startedAtMs + i × intervalMs; null = lost. */
export interface RttSeries {
  startedAtMs: number;
  intervalMs: number;
  rttsMs: Array<number | null>;
}

/** RTTs of the probes sent in [fromMs, toMs) (epoch ms), plus how many of those were lost. */
export function rttWindow(series: RttSeries, fromMs = -Infinity, toMs = Infinity): { rttsMs: number[]; lost: number } {
  const rttsMs: number[] = [];
  let lost = 0;
  series.rttsMs.forEach((rtt, i) => {
    const sentAt = series.startedAtMs + i * series.intervalMs;
    if (sentAt < fromMs || sentAt >= toMs) return;
    if (rtt === null) lost += 1;
    else rttsMs.push(rtt);
  });
  return { rttsMs, lost };
}

export function summarizeWindow(series: RttSeries, fromMs?: number, toMs?: number): RttSummary {
  const { rttsMs, lost } = rttWindow(series, fromMs, toMs);
  return summarizeRtts(rttsMs, lost);
}

/** Sends `count` probes `intervalMs` apart from `ns` to host:port and returns every result. */
export async function probeRttSeries(ns: string, host: string, port: number, options: ProbeOptions): Promise<RttSeries> {
  const [node, args] = agentArgv([
    'probe', '--host', host, '--port', String(port),
    '--count', String(options.count), '--interval-ms', String(options.intervalMs),
  ]);
  const { stdout } = await runInNamespace(ns, node, args, { timeoutMs: options.count * options.intervalMs + 30_000 });
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as RttSeries;
}

/** Probes and summarizes in one go. */
export async function probeRtt(ns: string, host: string, port: number, options: ProbeOptions): Promise<RttSummary> {
  return summarizeWindow(await probeRttSeries(ns, host, port, options));
}
