/**
 * The shaped-network lab: createLab() builds client/router/server namespaces,
 * the delay link and the bottleneck; the Lab it returns calibrates, runs
 * competing flows, starts processes in the namespaces and tears it all down.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { calibrate, type Calibration, type ConfiguredLink } from './calibrate.js';
import { writeChromiumWrapper } from './chromium-wrapper.js';
import { installExitCleanup, removeNamespace, removeNamespaceSync, removeStaleLabs, type ExitCleanup } from './cleanup.js';
import { BulkFlow, Competitors, startBulkFlow } from './competitors.js';
import { chooseDelayBackend, type DelayLink } from './delay-backend.js';
import type { DelayLineStats } from './delay-stats.js';
import { runInNamespace, spawnInNamespace, terminate, type RunOptions, type RunResult, type SpawnInNamespaceOptions } from './exec.js';
import { splitRtt } from './link-math.js';
import { resolveLabOptions, type DelayBackendKind, type LabOptions } from './options.js';
import { assertLabHost } from './preflight.js';
import { LAB_STATE_DIR, RunState } from './run-state.js';
import { tcpConnections, type TcpConnectionInfo } from './tcp-info.js';
import { planShaper, Shaper, type ShaperCounters, type ShaperPlan } from './shaper.js';
import {
  configureRouting, createNamespaces, createServerLink, LAB_ADDRESSES, LAB_DEVICES,
  labNamespaces, namespaceList, readClientPingpongThresh, type LabAddresses, type LabNamespaces,
} from './topology.js';

/** First iperf3 port; every bulk flow of a run gets the next one. */
const FIRST_FLOW_PORT = 5201;

export interface Lab {
  readonly runId: string;
  readonly options: Readonly<LabOptions>;
  readonly namespaces: LabNamespaces;
  readonly addresses: LabAddresses;
  readonly configured: ConfiguredLink;
  readonly shaperPlan: ShaperPlan;
  readonly delayBackend: DelayBackendKind;
  /** Measures idle/loaded RTT, goodput and fair share (for options.competitors unless given). */
  calibrate(competitors?: number): Promise<Calibration>;
  /** Starts n long-lived bulk downloads server → client (default options.competitors). */
  startCompetitors(n?: number): Promise<Competitors>;
  /** One bulk download, e.g. a late-starting flow for fairness checks. durationS 0 = until stopped. */
  startBulkFlow(name: string, durationS?: number): Promise<BulkFlow>;
  spawnInServer(cmd: string, args: readonly string[], options?: SpawnInNamespaceOptions): ChildProcess;
  spawnInClient(cmd: string, args: readonly string[], options?: SpawnInNamespaceOptions): ChildProcess;
  runInServer(cmd: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  runInClient(cmd: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Path of an executable that runs Chromium in the client namespace (Playwright executablePath). */
  chromiumExecutable(): Promise<string>;
  /** Delay-line counters and lateness histogram (undefined for netem). */
  delayStats(): Promise<DelayLineStats | undefined>;
  shaperCounters(): Promise<ShaperCounters>;
  /** Sender-side TCP state (cc, retransmits) of the server namespace's connections, from ss -tin. */
  serverTcpConnections(): Promise<TcpConnectionInfo[]>;
  setRate(mbps: number): Promise<void>;
  setOutage(on: boolean): Promise<void>;
  /** Stops everything this lab started and removes its namespaces. Idempotent. */
  close(): Promise<void>;
  /** Final delay-line stats, available after close(). */
  readonly finalDelayStats: DelayLineStats | undefined;
}

class LabInstance implements Lab {
  readonly addresses = LAB_ADDRESSES;
  finalDelayStats: DelayLineStats | undefined;
  private readonly children = new Set<ChildProcess>();
  private readonly flows = new Set<BulkFlow>();
  private nextPort = FIRST_FLOW_PORT;
  private chromiumWrapper: string | undefined;
  private closing: Promise<void> | undefined;
  private link: DelayLink | undefined;
  private exitCleanup: ExitCleanup | undefined;
  private readonly shaper: Shaper;

  constructor(
    readonly runId: string,
    readonly options: Readonly<LabOptions>,
    readonly namespaces: LabNamespaces,
    readonly configured: ConfiguredLink,
    readonly shaperPlan: ShaperPlan,
    private readonly state: RunState,
  ) {
    this.shaper = new Shaper(namespaces.router, LAB_DEVICES.routerToClient, shaperPlan);
  }

  private get delayStatsFile(): string {
    return path.join(LAB_STATE_DIR, `${this.runId}.delayline.json`);
  }

  get delayBackend(): DelayBackendKind {
    return this.configured.delayBackend;
  }

  /** Builds everything after the run state exists; on failure the caller closes. */
  async build(): Promise<void> {
    const ns = this.namespaces;
    const log = this.options.log;
    if (this.options.handleSignals) {
      this.exitCleanup = installExitCleanup(() => this.close(), () => this.closeSync());
    }
    await this.state.addNamespaces(namespaceList(ns));
    await createNamespaces(ns);
    const backend = await chooseDelayBackend(this.options.delayBackend, { namespace: ns.router, cacheDir: this.options.cacheDir });
    this.configured.delayBackend = backend.kind;
    await createServerLink(ns);
    this.link = await backend.createLink({
      namespacePrefix: ns.prefix,
      clientNs: ns.client,
      routerNs: ns.router,
      clientDevice: LAB_DEVICES.clientToRouter,
      routerDevice: LAB_DEVICES.routerToClient,
      upDelayMs: this.configured.upDelayMs,
      downDelayMs: this.configured.downDelayMs,
      upJitterMs: this.configured.jitterMs,
      cacheDir: this.options.cacheDir,
      statsFile: this.delayStatsFile,
      log: (line) => log(line),
    });
    await this.state.addNamespaces(this.link.namespaces);
    await this.state.addPids(this.link.pids);
    await configureRouting(ns, {
      congestionControl: this.options.congestionControl,
      ...(this.options.slowStartAfterIdle !== undefined ? { slowStartAfterIdle: this.options.slowStartAfterIdle } : {}),
      ...(this.options.clientPingpongThresh !== undefined ? { clientPingpongThresh: this.options.clientPingpongThresh } : {}),
    });
    // Recorded as read back, so a report says what the kernel ran with, default or not.
    const pingpong = await readClientPingpongThresh(ns);
    if (pingpong !== undefined) this.configured.clientPingpongThresh = pingpong;
    await this.shaper.install();
    log(`lab ${this.runId} up: ${ns.client} ${LAB_ADDRESSES.client} ⇄ ${ns.router} ⇄ ${ns.server} ${LAB_ADDRESSES.server}`);
  }

  calibrate(competitors = this.options.competitors): Promise<Calibration> {
    return calibrate({
      clientNs: this.namespaces.client,
      serverNs: this.namespaces.server,
      serverAddress: LAB_ADDRESSES.server,
      configured: { ...this.configured, rateMbps: this.shaper.rateMbps },
      competitors,
      delayStats: () => this.delayStats(),
    });
  }

  async startCompetitors(n = this.options.competitors): Promise<Competitors> {
    const flows: BulkFlow[] = [];
    try {
      for (let i = 1; i <= n; i++) flows.push(await this.startBulkFlow(`competitor-${i}`));
    } catch (error) {
      await Promise.all(flows.map((flow) => flow.stop()));
      throw error;
    }
    return new Competitors(flows);
  }

  async startBulkFlow(name: string, durationS = 0): Promise<BulkFlow> {
    const flow = await startBulkFlow({
      name,
      port: this.nextPort++,
      serverNs: this.namespaces.server,
      clientNs: this.namespaces.client,
      serverAddress: LAB_ADDRESSES.server,
      durationS,
    });
    this.flows.add(flow);
    await this.state.addPids(flow.pids);
    return flow;
  }

  spawnInServer(cmd: string, args: readonly string[], options?: SpawnInNamespaceOptions): ChildProcess {
    return this.track(spawnInNamespace(this.namespaces.server, cmd, args, options));
  }

  spawnInClient(cmd: string, args: readonly string[], options?: SpawnInNamespaceOptions): ChildProcess {
    return this.track(spawnInNamespace(this.namespaces.client, cmd, args, options));
  }

  runInServer(cmd: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    return runInNamespace(this.namespaces.server, cmd, args, options);
  }

  runInClient(cmd: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    return runInNamespace(this.namespaces.client, cmd, args, options);
  }

  async chromiumExecutable(): Promise<string> {
    this.chromiumWrapper ??= await writeChromiumWrapper(this.namespaces.client, { dir: path.join(LAB_STATE_DIR, 'wrappers') });
    return this.chromiumWrapper;
  }

  async delayStats(): Promise<DelayLineStats | undefined> {
    return this.link?.stats();
  }

  shaperCounters(): Promise<ShaperCounters> {
    return this.shaper.counters();
  }

  serverTcpConnections(): Promise<TcpConnectionInfo[]> {
    return tcpConnections(this.namespaces.server);
  }

  setRate(mbps: number): Promise<void> {
    return this.shaper.setRate(mbps);
  }

  setOutage(on: boolean): Promise<void> {
    return this.shaper.setOutage(on);
  }

  close(): Promise<void> {
    this.closing ??= this.teardown();
    return this.closing;
  }

  private track(child: ChildProcess): ChildProcess {
    this.children.add(child);
    if (child.pid !== undefined) void this.state.addPids([child.pid]).catch(() => undefined);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  private async teardown(): Promise<void> {
    const log = this.options.log;
    const step = async (what: string, action: () => Promise<unknown>): Promise<void> => {
      try {
        await action();
      } catch (error) {
        log(`cleanup: ${what} failed: ${(error as Error).message}`);
      }
    };
    await step('stopping bulk flows', () => Promise.all([...this.flows].map((flow) => flow.stop())));
    await step('stopping processes', () => Promise.all([...this.children].map((child) => terminate(child))));
    await step('stopping the delay link', async () => (this.finalDelayStats = await this.link?.stop()));
    for (const ns of this.state.snapshot.namespaces) await step(`removing ${ns}`, () => removeNamespace(ns));
    await step('removing the run state', async () => {
      await this.state.remove();
      await rm(this.delayStatsFile, { force: true });
      if (this.chromiumWrapper) await rm(this.chromiumWrapper, { force: true });
    });
    this.exitCleanup?.uninstall();
  }

  /**
   * Last resort from a process 'exit' handler: no awaiting possible. Kills only
   * live processes we still hold (recorded pids may have been recycled).
   */
  private closeSync(): void {
    if (this.closing) return;
    const pids = [...(this.link?.pids ?? []), ...[...this.flows].flatMap((flow) => flow.livePids)];
    for (const child of this.children) if (child.exitCode === null && child.pid !== undefined) pids.push(child.pid);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const ns of this.state.snapshot.namespaces) removeNamespaceSync(ns);
    this.state.removeSync();
  }
}

function randomRunId(): string {
  return randomBytes(4).toString('hex').slice(0, 6);
}

/** Builds a lab. Refuses to start when not root or not Linux; removes leftovers of crashed runs first. */
export async function createLab(partial: Partial<LabOptions> = {}): Promise<Lab> {
  assertLabHost();
  const options = resolveLabOptions(partial);
  const runId = options.runId ?? randomRunId();
  const delays = splitRtt(options.rttMs, options.upDelayMs, options.downDelayMs);
  const shaperPlan = planShaper(options.rateMbps, delays.upMs + delays.downMs, options.queueBdp);
  const configured: ConfiguredLink = {
    rateMbps: options.rateMbps,
    rttMs: delays.upMs + delays.downMs,
    upDelayMs: delays.upMs,
    downDelayMs: delays.downMs,
    queueBdp: options.queueBdp,
    queueLimitBytes: shaperPlan.queueLimitBytes,
    burstBytes: shaperPlan.burstBytes,
    jitterMs: options.jitterMs,
    congestionControl: options.congestionControl,
    delayBackend: options.delayBackend === 'netem' ? 'netem' : 'tun',
  };
  await removeStaleLabs(LAB_STATE_DIR, options.log);
  const state = await RunState.create(LAB_STATE_DIR, runId);
  const lab = new LabInstance(runId, options, labNamespaces(runId), configured, shaperPlan, state);
  try {
    await lab.build();
  } catch (error) {
    await lab.close();
    throw error;
  }
  return lab;
}
