/** Compiles delayline.c once per source version into the cache directory. */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './exec.js';

export const DELAYLINE_SOURCE = fileURLToPath(new URL('./delayline.c', import.meta.url));

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the path of a delay line binary built from the current source. The
 * binary's name carries the source hash, so edits rebuild and concurrent runs
 * share a build (compiled to a temp name, then renamed into place).
 */
export async function buildDelayLine(cacheDir: string): Promise<string> {
  const source = await readFile(DELAYLINE_SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const binary = path.join(cacheDir, `delayline-${hash}`);
  if (await exists(binary)) return binary;
  await mkdir(cacheDir, { recursive: true });
  const temp = `${binary}.${process.pid}.tmp`;
  await run('cc', ['-O2', '-Wall', '-o', temp, DELAYLINE_SOURCE]);
  await rename(temp, binary);
  return binary;
}

/** Why the delay line cannot be built or run here, or undefined if it can. */
export async function delayLineUnavailableReason(cacheDir: string): Promise<string | undefined> {
  if (!(await exists('/dev/net/tun'))) return '/dev/net/tun is missing';
  try {
    await buildDelayLine(cacheDir);
    return undefined;
  } catch (error) {
    return `cannot compile delayline.c with cc: ${(error as Error).message}`;
  }
}
