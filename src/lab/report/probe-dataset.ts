/**
 * A probe run's downloads and calibrated networks as one small JSON file, so the
 * measurements the model is fitted to can be committed (docs/data/) and scored again
 * without the lab: lab-results/ holds captures and players' logs, is not committed,
 * and has been lost between machines. Only what model-fit.ts reads is kept.
 * Pure: the CLI reads and writes the files.
 */
import type { ProbeDownload } from '../page/lab-result.js';
import type { ProbeCell } from './model-fit.js';

export const PROBE_DATASET_FORMAT = 'sprint-probe-dataset';
export const PROBE_DATASET_VERSION = 1;

export interface ProbeDataset {
  readonly format: typeof PROBE_DATASET_FORMAT;
  readonly version: typeof PROBE_DATASET_VERSION;
  /** When the lab ran (the first source's createdAt). */
  readonly recordedAt: string;
  /** The lab commands and conditions, as a reader of docs/data needs them. */
  readonly description: string;
  readonly cells: readonly ProbeCell[];
}

export class ProbeDatasetError extends Error {
  override readonly name = 'ProbeDatasetError';
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source}: not a probe dataset: ${detail}`);
  }
}

/** The dataset for `cells`, each download reduced to the fields the fit reads. */
export function toProbeDataset(cells: readonly ProbeCell[], recordedAt: string, description: string): ProbeDataset {
  return {
    format: PROBE_DATASET_FORMAT,
    version: PROBE_DATASET_VERSION,
    recordedAt,
    description,
    cells: cells.map((c) => ({ cell: c.cell, label: c.label, network: { ...c.network }, downloads: c.downloads.map(trimDownload) })),
  };
}

function trimDownload(d: ProbeDownload): ProbeDownload {
  const { bytes, periodS, index, url, startTime, requestStart, responseStart, responseEnd, encodedBodySize, protocol, idleBeforeMs } = d;
  return { bytes, periodS, index, url, startTime, requestStart, responseStart, responseEnd, encodedBodySize, protocol, idleBeforeMs };
}

/** Parses and checks a dataset file's text; every defect is a ProbeDatasetError naming where it is. */
export function parseProbeDataset(text: string, source: string): ProbeDataset {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProbeDatasetError(source, `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const fail = (detail: string): never => {
    throw new ProbeDatasetError(source, detail);
  };
  if (!isRecord(value)) return fail('the top level is not an object');
  if (value.format !== PROBE_DATASET_FORMAT) fail(`format is ${JSON.stringify(value.format)}, expected "${PROBE_DATASET_FORMAT}"`);
  if (value.version !== PROBE_DATASET_VERSION) fail(`version ${JSON.stringify(value.version)} is not supported (expected ${PROBE_DATASET_VERSION})`);
  if (typeof value.recordedAt !== 'string' || Number.isNaN(Date.parse(value.recordedAt))) fail('recordedAt is not a date');
  if (typeof value.description !== 'string') fail('description is not a string');
  if (!Array.isArray(value.cells) || value.cells.length === 0) return fail('cells is not a non-empty array');
  const cells = value.cells.map((cell, i) => checkCell(cell, `cells[${i}]`, fail));
  return { format: PROBE_DATASET_FORMAT, version: PROBE_DATASET_VERSION, recordedAt: value.recordedAt as string, description: value.description as string, cells };
}

function checkCell(cell: unknown, at: string, fail: (detail: string) => never): ProbeCell {
  if (!isRecord(cell)) return fail(`${at} is not an object`);
  if (!isCount(cell.cell)) fail(`${at}.cell is not a cell number`);
  if (typeof cell.label !== 'string') fail(`${at}.label is not a string`);
  const network = cell.network;
  if (!isRecord(network)) return fail(`${at}.network is not an object`);
  for (const key of ['fairShareMbps', 'baseRttMs', 'loadedRttMs'] as const) {
    if (!isPositive(network[key])) fail(`${at}.network.${key} is not a positive number`);
  }
  if (!isCount(network.competitors)) fail(`${at}.network.competitors is not a count`);
  if (!Array.isArray(cell.downloads)) return fail(`${at}.downloads is not an array`);
  cell.downloads.forEach((d, j) => checkDownload(d, `${at}.downloads[${j}]`, fail));
  return cell as unknown as ProbeCell;
}

function checkDownload(d: unknown, at: string, fail: (detail: string) => never): void {
  if (!isRecord(d)) return fail(`${at} is not an object`);
  if (!isPositive(d.bytes)) fail(`${at}.bytes is not a positive number`);
  for (const key of ['periodS', 'index', 'startTime', 'requestStart', 'responseStart', 'responseEnd', 'encodedBodySize'] as const) {
    if (!isFiniteNumber(d[key]) || (d[key] as number) < 0) fail(`${at}.${key} is not a number ≥ 0`);
  }
  if (typeof d.url !== 'string' || typeof d.protocol !== 'string') fail(`${at}: url and protocol must be strings`);
  if (d.idleBeforeMs !== undefined && !isFiniteNumber(d.idleBeforeMs)) fail(`${at}.idleBeforeMs is not a number (omit it for the first download)`);
  if ((d.responseEnd as number) < (d.requestStart as number)) fail(`${at} ends before its request was sent`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPositive(value: unknown): boolean {
  return isFiniteNumber(value) && value > 0;
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}
