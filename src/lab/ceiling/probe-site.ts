/**
 * The files the origins under test serve: the probe page, its script and a
 * few ~1 MB objects of random bytes (incompressible, so no layer can shrink
 * them), in a temporary directory readable by nginx's worker user.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOWNLOAD_PAGE, DOWNLOAD_SCRIPT } from './download-script.js';

export const OBJECT_BYTES = 1_000_000;
const OBJECT_COUNT = 4;

export interface ProbeSite {
  readonly dir: string;
  /** Paths relative to the site root, e.g. "objects/0.bin". */
  readonly objectPaths: readonly string[];
  remove(): Promise<void>;
}

export async function createProbeSite(objectBytes = OBJECT_BYTES): Promise<ProbeSite> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sprint-ceiling-site-'));
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'objects'), { mode: 0o755 });
  await writeFile(path.join(dir, 'index.html'), DOWNLOAD_PAGE, { mode: 0o644 });
  await writeFile(path.join(dir, 'download.js'), DOWNLOAD_SCRIPT, { mode: 0o644 });
  const objectPaths: string[] = [];
  for (let i = 0; i < OBJECT_COUNT; i++) {
    const relative = `objects/${i}.bin`;
    await writeFile(path.join(dir, relative), randomBytes(objectBytes), { mode: 0o644 });
    objectPaths.push(relative);
  }
  return { dir, objectPaths, remove: () => rm(dir, { recursive: true, force: true }) };
}
