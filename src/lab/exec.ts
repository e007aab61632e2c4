/** Running commands (optionally inside a network namespace) with errors that carry stderr. */
import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(`command failed (exit ${exitCode ?? 'signal'}): ${command}${stderr.trim() ? `\n${stderr.trim()}` : ''}`);
    this.name = 'CommandError';
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  /** Resolve instead of throwing when the command exits non-zero. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export function formatCommand(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs a command to completion and collects its output. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new CommandError(formatCommand(cmd, args), null, `${stderr}${error.message}`, stdout));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const exitCode = code ?? -1;
      if (exitCode !== 0 && !options.allowFailure) {
        reject(new CommandError(formatCommand(cmd, args), code, stderr, stdout));
      } else {
        resolve({ stdout, stderr, exitCode });
      }
    });
  });
}

export interface NamespaceCommandOptions {
  /**
   * Kill the process when the lab's Node process dies (setpriv --pdeathsig),
   * so a crashed lab does not leave iperf3 or servers behind. Default true.
   */
  dieWithLab?: boolean;
}

/** The argv that runs `cmd args` inside network namespace `ns`. */
export function namespaceArgv(
  ns: string,
  cmd: string,
  args: readonly string[],
  options: NamespaceCommandOptions = {},
): [string, string[]] {
  const tail = options.dieWithLab === false ? [cmd, ...args] : ['setpriv', '--pdeathsig', 'TERM', cmd, ...args];
  return ['ip', ['netns', 'exec', ns, ...tail]];
}

export function runInNamespace(
  ns: string,
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const [ip, argv] = namespaceArgv(ns, cmd, args, { dieWithLab: false });
  return run(ip, argv, options);
}

export interface SpawnInNamespaceOptions extends NamespaceCommandOptions {
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Starts a long-lived process inside a namespace; the caller owns it. */
export function spawnInNamespace(
  ns: string,
  cmd: string,
  args: readonly string[],
  options: SpawnInNamespaceOptions = {},
): ChildProcess {
  const [ip, argv] = namespaceArgv(ns, cmd, args, options);
  return spawn(ip, argv, {
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
    // Own process group: a terminal's Ctrl-C reaches only the lab process,
    // which then stops its children in order (they still die with it).
    detached: true,
  });
}

/**
 * Wraps a command so it runs at SCHED_FIFO `priority` when the kernel allows
 * it (root with CAP_SYS_NICE) and at normal priority otherwise.
 */
export function withRealtimePriority(priority: number, cmd: string, args: readonly string[]): [string, string[]] {
  const script = `if chrt -f ${priority} true 2>/dev/null; then exec chrt -f ${priority} "$@"; else exec "$@"; fi`;
  return ['sh', ['-c', script, 'sh', cmd, ...args]];
}

/** Synchronous, error-swallowing variant for process 'exit' handlers, where async work cannot run. */
export function runSyncQuietly(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', timeout: 5_000 });
  } catch {
    return '';
  }
}

/** Resolves when the child exits (immediately if it already has). */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited after graceMs. */
export async function terminate(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitForExit(child, graceMs))) {
    child.kill('SIGKILL');
    await waitForExit(child, graceMs);
  }
}
