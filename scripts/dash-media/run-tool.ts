// Spawning ffmpeg/ffprobe and running a bounded number of jobs at once.
import { spawn } from 'node:child_process';

export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export class ToolError extends Error {
  override name = 'ToolError';
}

/** Runs a command to completion; rejects with the tail of stderr on failure. */
export function runTool(command: string, args: readonly string[]): Promise<ToolResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' ? ` (is ${command} installed? try: apt-get install ffmpeg)` : '';
      reject(new ToolError(`cannot run ${command}: ${error.message}${hint}`));
    });
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolve({ stdout, stderr, ms: performance.now() - started });
        return;
      }
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      reject(new ToolError(`${command} ${args.join(' ')}\nexited with ${code ?? signal}\n${tail}`));
    });
  });
}

/** Fails early with an actionable message when the system ffmpeg is missing. */
export async function requireFfmpeg(): Promise<string> {
  const version = await runTool('ffmpeg', ['-hide_banner', '-version']);
  await runTool('ffprobe', ['-hide_banner', '-version']);
  const encoders = await runTool('ffmpeg', ['-hide_banner', '-encoders']);
  if (!/\blibx264\b/.test(encoders.stdout)) {
    throw new ToolError('ffmpeg was built without libx264; install the Debian ffmpeg package');
  }
  return version.stdout.split('\n')[0] ?? 'ffmpeg';
}

/** Runs jobs with at most `limit` in flight; results keep the input order. */
export async function runLimited<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
