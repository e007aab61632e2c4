/**
 * The files the origins under test serve: the probe page, its script, a
 * few ~1 MB objects of random bytes (incompressible, so no layer can shrink
 * them) and, for the streaming diagnostic paths, one large object, in a
 * temporary directory readable by nginx's worker user.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOWNLOAD_PAGE, DOWNLOAD_SCRIPT } from './download-script.js';

export const OBJECT_BYTES = 1_000_000;
const OBJECT_COUNT = 4;
const STREAM_PATH = 'objects/stream.bin';
/** The stream object is written in chunks of this size: it can be far larger than we want in memory. */
const STREAM_CHUNK_BYTES = 1_000_000;

export interface ProbeSiteOptions {
  /** Size of each ~1 MB object (default OBJECT_BYTES). */
  readonly objectBytes?: number;
  /** Size of the stream object; none is written when absent. */
  readonly streamBytes?: number;
}

export interface ProbeSite {
  readonly dir: string;
  /** Paths relative to the site root, e.g. "objects/0.bin". */
  readonly objectPaths: readonly string[];
  /** The large object for the streaming diagnostic paths ("objects/stream.bin"), when asked for. */
  readonly streamPath?: string;
  remove(): Promise<void>;
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w', 0o644);
  try {
    for (let written = 0; written < bytes; written += STREAM_CHUNK_BYTES) {
      await handle.write(randomBytes(Math.min(STREAM_CHUNK_BYTES, bytes - written)));
    }
  } finally {
    await handle.close();
  }
}

export async function createProbeSite(options: ProbeSiteOptions = {}): Promise<ProbeSite> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sprint-ceiling-site-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await chmod(dir, 0o755);
    await mkdir(path.join(dir, 'objects'), { mode: 0o755 });
    await writeFile(path.join(dir, 'index.html'), DOWNLOAD_PAGE, { mode: 0o644 });
    await writeFile(path.join(dir, 'download.js'), DOWNLOAD_SCRIPT, { mode: 0o644 });
    const objectPaths: string[] = [];
    for (let i = 0; i < OBJECT_COUNT; i++) {
      const relative = `objects/${i}.bin`;
      await writeFile(path.join(dir, relative), randomBytes(options.objectBytes ?? OBJECT_BYTES), { mode: 0o644 });
      objectPaths.push(relative);
    }
    if (options.streamBytes === undefined) return { dir, objectPaths, remove };
    await writeRandomFile(path.join(dir, STREAM_PATH), options.streamBytes);
    return { dir, objectPaths, streamPath: STREAM_PATH, remove };
  } catch (error) {
    // A half-written site (a full disk, say) must not stay behind in tmp.
    await remove();
    throw error;
  }
}
