/** Rebuilds the demo (which holds the lab page) when it is missing or older than its sources. */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const LAB_PAGE_BUILT = 'dist/demo/src/lab/page/lab.html';
/** URL path of the lab page on the origin ('/' serves dist/demo). */
export const LAB_PAGE_PATH = '/src/lab/page/lab.html';
const BUILD_INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json'];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function labPageIsStale(repoRoot: string): Promise<boolean> {
  const built = await stat(path.join(repoRoot, LAB_PAGE_BUILT)).then((s) => s.mtimeMs, () => 0);
  if (built === 0) return true;
  const inputs = await Promise.all(BUILD_INPUTS.map((entry) => newestMtime(path.join(repoRoot, entry))));
  return Math.max(...inputs) > built;
}

export async function ensureLabPageBuilt(repoRoot: string, log: (line: string) => void): Promise<void> {
  if (!(await labPageIsStale(repoRoot))) return;
  log('building the demo and lab page (npm run build:demo)...');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:demo'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build:demo exited with ${code}`))));
  });
}
