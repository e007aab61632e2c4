// Runs `npm run build` when an input of the library or demo build is newer than its outputs.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './dash-media/recipe.js';

/** What `npm run build` reads and what it must produce. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const BUILD_OUTPUTS = ['dist/lib/sprint.js', 'dist/demo/index.html'];

/** Newest modification time under `target` (0 when absent). */
async function newestMtime(target: string): Promise<number> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function buildIsStale(): Promise<boolean> {
  const outputs = await Promise.all(BUILD_OUTPUTS.map((file) => stat(path.join(REPO_ROOT, file)).then((s) => s.mtimeMs, () => 0)));
  const oldestOutput = Math.min(...outputs);
  if (oldestOutput === 0) return true;
  const inputs = await Promise.all(BUILD_INPUTS.map((entry) => newestMtime(path.join(REPO_ROOT, entry))));
  return Math.max(...inputs) > oldestOutput;
}

export function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`))));
  });
}

/** `force` builds anyway; `skip` never builds. */
export async function buildIfStale(options: { force?: boolean; skip?: boolean } = {}): Promise<void> {
  if (options.force || (!options.skip && (await buildIsStale()))) {
    console.log('building the library and demo (npm run build)...');
    await runBuild();
  }
}
