/** Reads a Mahimahi trace file from disk (Node only; the parser itself is pure). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseMahimahi, type MahimahiOptions } from './mahimahi.js';
import type { CapacityTrace } from './traces.js';

export async function readMahimahiFile(path: string, options: Partial<MahimahiOptions> = {}): Promise<CapacityTrace> {
  return parseMahimahi(await readFile(path, 'utf8'), { name: basename(path), ...options });
}
