/** Tearing namespaces and processes down: normally, at exit, and after a crashed run. */
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { run, runSyncQuietly } from './exec.js';
import { isOwnerAlive, readRunStates } from './run-state.js';
import { NAMESPACE_PREFIX } from './topology.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM the pids, then SIGKILL whatever is left after graceMs. */
export async function killPids(pids: readonly number[], graceMs = 1_000): Promise<void> {
  const targets = pids.filter((pid) => pid > 1 && pid !== process.pid && isAlive(pid));
  for (const pid of targets) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (targets.some(isAlive) && Date.now() < deadline) await sleep(50);
  for (const pid of targets.filter(isAlive)) signal(pid, 'SIGKILL');
}

export async function listNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list'], { allowFailure: true });
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

async function namespacePids(ns: string): Promise<number[]> {
  const { stdout } = await run('ip', ['netns', 'pids', ns], { allowFailure: true });
  return stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Kills every process inside the namespace, then deletes it (its devices go with it). */
export async function removeNamespace(ns: string): Promise<void> {
  await killPids(await namespacePids(ns));
  await run('ip', ['netns', 'del', ns], { allowFailure: true });
}

/** Same as removeNamespace, synchronously, for process 'exit' handlers. */
export function removeNamespaceSync(ns: string): void {
  const pids = runSyncQuietly('ip', ['netns', 'pids', ns]).split(/\s+/).filter(Boolean).map(Number);
  for (const pid of pids) signal(pid, 'SIGKILL');
  runSyncQuietly('ip', ['netns', 'del', ns]);
}

/** The run id of a lab namespace name ("sprint-ab12cd-client" → "ab12cd"). */
export function runIdOfNamespace(ns: string): string | undefined {
  if (!ns.startsWith(NAMESPACE_PREFIX)) return undefined;
  return ns.slice(NAMESPACE_PREFIX.length).split('-')[0] || undefined;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Removes what earlier runs left behind: runs whose owner process is dead
 * (kill -9, crash) and sprint-* namespaces with no live owner at all. Runs
 * whose owner is alive are left alone, so two labs can run side by side.
 */
export async function removeStaleLabs(stateDir: string, log: (line: string) => void): Promise<void> {
  const liveRunIds = new Set<string>();
  for (const { file, data } of await readRunStates(stateDir)) {
    if (isOwnerAlive(data)) {
      liveRunIds.add(data.runId);
      continue;
    }
    // Only kill recorded pids that still look like ours (pids get recycled).
    const ours = data.pids.filter((pid) => /delayline|iperf3|sprint/.test(commandLine(pid)));
    await killPids(ours);
    for (const ns of data.namespaces) await removeNamespace(ns);
    await rm(file, { force: true });
    await rm(file.replace(/\.json$/, '.delayline.json'), { force: true });
    log(`removed stale lab run ${data.runId} (owner pid ${data.ownerPid} is gone)`);
  }
  for (const ns of await listNamespaces()) {
    const runId = runIdOfNamespace(ns);
    if (runId === undefined || liveRunIds.has(runId)) continue;
    await removeNamespace(ns);
    log(`removed stale namespace ${ns}`);
  }
  await removeStaleWrappers(path.join(stateDir, 'wrappers'), liveRunIds);
}

/** Chromium wrappers are named chromium-<namespace>; drop those of dead runs. */
async function removeStaleWrappers(dir: string, liveRunIds: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const runId = runIdOfNamespace(entry.replace(/^chromium-/, ''));
    if (runId !== undefined && !liveRunIds.has(runId)) await rm(path.join(dir, entry), { force: true });
  }
}

export interface ExitCleanup {
  uninstall(): void;
}

/**
 * Tears the lab down on SIGINT/SIGTERM (async close, then the default action
 * unless someone else also handles the signal) and on process exit (sync).
 * Repeated signals during the close are swallowed: runners such as the tsx
 * CLI re-send the signal, and dying halfway would leave namespaces behind.
 */
export function installExitCleanup(close: () => Promise<void>, closeSync: () => void): ExitCleanup {
  let closing = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    void close().finally(() => {
      uninstall();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  };
  const onExit = (): void => closeSync();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.once('exit', onExit);
  const uninstall = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  };
  return { uninstall };
}
