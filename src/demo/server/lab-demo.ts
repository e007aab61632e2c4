/**
 * `npm run demo:lab`: the comparison page behind the shaped lab link. Builds
 * the lab (createLab, ACK jitter 1 ms by default), calibrates, serves the page
 * and every player's media origin from the server namespace (198.18.2.2, h2),
 * starts the competitors, and relays 127.0.0.1:<port…> on the host into the
 * client namespace (relay.ts), so a browser on the host crosses the
 * bottleneck exactly like one inside the namespace would. Ctrl-C tears it all
 * down. Without root (or Linux) it serves the page unshaped and says so.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureCertificate } from '../../../scripts/cert.js';
import { formatCalibration } from '../../lab/calibrate.js';
import { LAB_ADDRESSES, LAB_STATE_DIR, createLab, labHostProblem, type Competitors, type Lab } from '../../lab/network-lab.js';
import { REPO_ROOT } from '../../server/start-origin.js';
import type { DemoLabInfo, DemoServerConfig } from '../demo-config.js';
import type { DemoLabArgs } from './demo-lab-args.js';
import { READY_PREFIX, startDemoOrigins } from './demo-origins.js';
import { startHostRelay, type Relay } from './relay.js';

/** Printed once the page can be opened; the e2e test waits for it. */
export const LAB_DEMO_READY = 'demo:lab ready at ';
const READY_TIMEOUT_MS = 60_000;

/** Resolves with the first stdout line starting with `prefix` (minus the prefix). */
function waitForLine(child: ChildProcess, prefix: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => done(new Error(`${what} not ready after ${READY_TIMEOUT_MS / 1000} s: ${stderr.trim()}`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null): void => done(new Error(`${what} exited (${code}): ${stderr.trim()}`));
    function done(error: Error | undefined, value = ''): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.removeAllListeners('line');
      if (error) reject(error);
      else resolve(value);
    }
    lines.on('line', (line) => {
      if (line.startsWith(prefix)) done(undefined, line.slice(prefix.length));
    });
    child.once('exit', onExit);
  });
}

/** A tsx script inside a namespace, from the repository root. */
function tsxArgs(script: string, args: readonly string[]): string[] {
  return ['--import', 'tsx', script, ...args];
}

function competitorLine(competitors: Competitors): string {
  const rates = competitors.flows.map((flow) => flow.samples[flow.samples.length - 1]?.mbps);
  return `competitors: ${rates.map((r) => (r === undefined ? '—' : `${r.toFixed(1)} Mbit/s`)).join(', ')}`;
}

async function serveUnshaped(args: DemoLabArgs, reason: string): Promise<void> {
  const demo = await startDemoOrigins({
    port: args.port,
    certificate: await ensureCertificate(),
    unshapedReason: `not shaped: ${reason}`,
  });
  console.log(`\nNOT SHAPED: ${reason}.\nServing the comparison page on plain loopback instead.`);
  console.log(`${LAB_DEMO_READY}${demo.url}/`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void demo.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function runLabDemo(args: DemoLabArgs): Promise<void> {
  const problem = labHostProblem();
  if (problem !== undefined) return serveUnshaped(args, problem);

  const certificate = await ensureCertificate();
  const lab: Lab = await createLab({
    rateMbps: args.rateMbps,
    rttMs: args.rttMs,
    queueBdp: args.queueBdp,
    jitterMs: args.jitterMs,
    competitors: args.competitors,
    congestionControl: args.cc,
    ...(args.clientPingpongThresh === undefined ? {} : { clientPingpongThresh: args.clientPingpongThresh }),
    ...(args.runId ? { runId: args.runId } : {}),
  });
  const dir = path.join(LAB_STATE_DIR, `demo-${lab.runId}`);
  let relay: Relay | undefined;
  let closing = false;
  // The lab's own handler closes it too; this one also stops the relay and exits.
  // Repeated signals (npm and tsx forward Ctrl-C again) are ignored while closing.
  const stop = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping the relay, the origin, the competitors and the lab...`);
    void (async () => {
      await relay?.close().catch(() => undefined);
      await lab.close().catch((error: unknown) => console.error(`lab close: ${String(error)}`));
      await rm(dir, { recursive: true, force: true });
      console.log('demo:lab: cleaned up');
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    console.log(`lab ${lab.runId}: calibrating (about 10 s)...`);
    const calibration = await lab.calibrate();
    console.log(formatCalibration(calibration));
    const k = lab.configured;
    const info: DemoLabInfo = {
      runId: lab.runId,
      rateMbps: k.rateMbps,
      rttMs: k.rttMs,
      queueBdp: k.queueBdp,
      queueBytes: k.queueLimitBytes,
      jitterMs: k.jitterMs,
      competitors: args.competitors,
      congestionControl: k.congestionControl,
      goodputMbps: calibration.goodputMbps,
      idleRttMs: calibration.idleRtt.medianMs,
      path: `browser → 127.0.0.1 relay → client namespace (${LAB_ADDRESSES.client}) → bottleneck → origin ${LAB_ADDRESSES.server}`,
    };
    await mkdir(dir, { recursive: true });
    const labJson = path.join(dir, 'lab.json');
    await writeFile(labJson, JSON.stringify(info));

    const origin = lab.spawnInServer(
      process.execPath,
      tsxArgs('src/demo/server/demo-origin-cli.ts', ['--host', LAB_ADDRESSES.server, '--port', String(args.port), '--lab-json', labJson]),
      { cwd: REPO_ROOT },
    );
    const ready = JSON.parse(await waitForLine(origin, READY_PREFIX, 'the origin in the server namespace')) as { config: DemoServerConfig };
    origin.stdout?.resume();
    const ports = [args.port, ...Object.values(ready.config.mediaPorts).map((p) => p.https)];

    const connector = lab.spawnInClient(
      process.execPath,
      tsxArgs('src/demo/server/relay-connector-cli.ts', ['--dir', dir, '--target', LAB_ADDRESSES.server, '--ports', ports.join(',')]),
      { cwd: REPO_ROOT },
    );
    await waitForLine(connector, 'relay-connector: ready', 'the relay connector in the client namespace');
    connector.stdout?.resume();
    relay = await startHostRelay(ports, dir);

    const competitors = await lab.startCompetitors();
    const url = `https://127.0.0.1:${args.port}/`;
    console.log(
      [
        '',
        `Shaped comparison page: ${url}  (ports ${ports.join(', ')} relay into the lab)`,
        `  fair share per player = ${calibration.goodputMbps.toFixed(2)} Mbit/s ÷ (${args.competitors} competitor(s) + players running);`,
        `  one player at a time: ${(calibration.goodputMbps / (args.competitors + 1)).toFixed(2)} Mbit/s ("One at a time" on the page).`,
        `  Self-signed certificate: accept it once, or start Chromium with --ignore-certificate-errors-spki-list=${certificate.spkiHash}`,
        `  Or, with a display, Chromium inside the client namespace: ${await lab.chromiumExecutable()} https://${LAB_ADDRESSES.server}:${args.port}/`,
        'Ctrl-C stops everything and removes the lab.',
        '',
      ].join('\n'),
    );
    console.log(`${LAB_DEMO_READY}${url}`);
    const ticker = setInterval(() => !closing && console.log(competitorLine(competitors)), 10_000);
    ticker.unref();
  } catch (error) {
    console.error(`demo:lab: ${error instanceof Error ? error.message : String(error)}`);
    stop('error');
  }
}
