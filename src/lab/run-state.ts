/**
 * A small JSON file per lab run listing what it created, so a later run can
 * clean up after one that was kill -9'd. Written before anything is created.
 */
import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * One directory for every lab on the host: a run may only sweep namespaces it
 * can prove dead, so all runs must see each other's state files.
 */
export const LAB_STATE_DIR = '/tmp/sprint-lab';

export interface RunStateData {
  runId: string;
  ownerPid: number;
  /** /proc/<pid>/stat start time of the owner, to tell a recycled pid apart. */
  ownerStartTime: string;
  namespaces: string[];
  pids: number[];
  createdAt: string;
}

/** Process start time (clock ticks since boot) or undefined when the process is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; fields after the ")" of the command name are space separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

export function isOwnerAlive(state: Pick<RunStateData, 'ownerPid' | 'ownerStartTime'>): boolean {
  return processStartTime(state.ownerPid) === state.ownerStartTime;
}

export class RunState {
  /** Saves run one after another so concurrent updates never race on the temp file. */
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly data: RunStateData,
  ) {}

  static async create(stateDir: string, runId: string): Promise<RunState> {
    await mkdir(stateDir, { recursive: true });
    const data: RunStateData = {
      runId,
      ownerPid: process.pid,
      ownerStartTime: processStartTime(process.pid) ?? '',
      namespaces: [],
      pids: [],
      createdAt: new Date().toISOString(),
    };
    const state = new RunState(path.join(stateDir, `${runId}.json`), data);
    await state.save();
    return state;
  }

  get snapshot(): Readonly<RunStateData> {
    return this.data;
  }

  async addNamespaces(names: readonly string[]): Promise<void> {
    this.data.namespaces.push(...names.filter((name) => !this.data.namespaces.includes(name)));
    await this.save();
  }

  async addPids(pids: readonly number[]): Promise<void> {
    this.data.pids.push(...pids.filter((pid) => !this.data.pids.includes(pid)));
    await this.save();
  }

  async remove(): Promise<void> {
    await this.saving.catch(() => undefined);
    await rm(this.file, { force: true });
  }

  private save(): Promise<void> {
    const write = async (): Promise<void> => {
      const temp = `${this.file}.tmp`;
      await writeFile(temp, JSON.stringify(this.data, null, 2));
      await rename(temp, this.file);
    };
    this.saving = this.saving.then(write, write);
    return this.saving;
  }

  /** For process 'exit' handlers. */
  removeSync(): void {
    rmSync(this.file, { force: true });
  }
}

export async function readRunStates(stateDir: string): Promise<Array<{ file: string; data: RunStateData }>> {
  let entries: string[];
  try {
    entries = await readdir(stateDir);
  } catch {
    return [];
  }
  const states: Array<{ file: string; data: RunStateData }> = [];
  for (const entry of entries.filter((name) => /^[a-z0-9]+\.json$/.test(name))) {
    const file = path.join(stateDir, entry);
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as Partial<RunStateData>;
      if (isRunStateData(data)) states.push({ file, data });
    } catch {
      // A torn or foreign file: ignore it, the namespace scan still catches leftovers.
    }
  }
  return states;
}

function isRunStateData(value: Partial<RunStateData>): value is RunStateData {
  return (
    typeof value.runId === 'string' &&
    typeof value.ownerPid === 'number' &&
    typeof value.ownerStartTime === 'string' &&
    Array.isArray(value.namespaces) &&
    Array.isArray(value.pids)
  );
}
