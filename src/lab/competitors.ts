/**
 * Long-lived bulk TCP downloads (iperf3 in reverse mode) from the server
 * namespace to the client namespace through the bottleneck; each has its own
 * iperf3 server port and records its per-second receive throughput.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { spawnInNamespace, terminate, waitForExit } from './exec.js';
import { meanMbps, parseIperfInterval, type IperfInterval } from './iperf-output.js';

export interface ThroughputSample extends IperfInterval {
  /** Date.now() when the interval was reported (lines are flushed every second). */
  reportedAt: number;
}

export interface BulkFlowSpec {
  name: string;
  port: number;
  serverNs: string;
  clientNs: string;
  serverAddress: string;
  /** Seconds to run; 0 (default) runs until stop(). */
  durationS?: number;
}

const SERVER_READY_TIMEOUT_MS = 5_000;

export class BulkFlow {
  readonly samples: ThroughputSample[] = [];
  private readonly finished: Promise<void>;

  constructor(
    readonly name: string,
    readonly port: number,
    /** Date.now() when the client was started. */
    readonly startedAt: number,
    private readonly server: ChildProcess,
    private readonly client: ChildProcess,
  ) {
    const clientLines = client.stdout;
    if (clientLines) {
      createInterface({ input: clientLines }).on('line', (line) => {
        const interval = parseIperfInterval(line);
        if (interval) this.samples.push({ ...interval, reportedAt: Date.now() });
      });
    }
    this.finished = new Promise((resolve) => client.once('exit', () => resolve()));
  }

  get pids(): number[] {
    return [this.server.pid, this.client.pid].filter((pid): pid is number => pid !== undefined);
  }

  /** Pids of the iperf3 processes that have not exited yet. */
  get livePids(): number[] {
    return [this.server, this.client]
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => child.pid)
      .filter((pid): pid is number => pid !== undefined);
  }

  get running(): boolean {
    return this.client.exitCode === null && this.client.signalCode === null;
  }

  /** Mean receive rate over [fromS, toS) seconds of the flow's lifetime. */
  meanMbps(fromS = 0, toS = Infinity): number {
    return meanMbps(this.samples, fromS, toS);
  }

  /** Resolves when the client finishes (its duration ran out or it was stopped). */
  done(): Promise<void> {
    return this.finished;
  }

  async stop(): Promise<void> {
    await terminate(this.client);
    await terminate(this.server);
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (!child.stdout) return resolve(false);
    const lines = createInterface({ input: child.stdout });
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      lines.close();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    lines.on('line', (line) => pattern.test(line) && finish(true));
    child.once('exit', () => finish(false));
  });
}

export async function startBulkFlow(spec: BulkFlowSpec): Promise<BulkFlow> {
  const port = String(spec.port);
  const server = spawnInNamespace(spec.serverNs, 'iperf3', ['-s', '-1', '-p', port, '--forceflush']);
  let serverErrors = '';
  server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (serverErrors += chunk));
  if (!(await waitForLine(server, /Server listening/, SERVER_READY_TIMEOUT_MS))) {
    await terminate(server, 500);
    throw new Error(`iperf3 server for ${spec.name} on port ${port} did not start: ${serverErrors.trim()}`);
  }
  server.stdout?.resume(); // keep draining so the server never blocks on a full pipe
  const args = ['-c', spec.serverAddress, '-p', port, '-R', '-t', String(spec.durationS ?? 0)];
  args.push('-i', '1', '-f', 'k', '--forceflush', '--connect-timeout', '3000');
  const client = spawnInNamespace(spec.clientNs, 'iperf3', args);
  client.stderr?.resume();
  const flow = new BulkFlow(spec.name, spec.port, Date.now(), server, client);
  const exitedEarly = await waitForExit(client, 300);
  if (exitedEarly && client.exitCode !== 0) {
    await flow.stop();
    throw new Error(`iperf3 client for ${spec.name} exited with ${client.exitCode}`);
  }
  return flow;
}

/** The lab's set of competing flows, started together and stopped together. */
export class Competitors {
  constructor(readonly flows: readonly BulkFlow[]) {}

  get pids(): number[] {
    return this.flows.flatMap((flow) => flow.pids);
  }

  /** Per-flow mean rates over [fromS, toS) of each flow's lifetime. */
  meanMbps(fromS = 0, toS = Infinity): number[] {
    return this.flows.map((flow) => flow.meanMbps(fromS, toS));
  }

  async stop(): Promise<void> {
    await Promise.all(this.flows.map((flow) => flow.stop()));
  }
}
