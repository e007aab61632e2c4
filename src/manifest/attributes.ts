/**
 * Validated attribute readers. Each returns undefined when the attribute is absent
 * and throws MANIFEST_INVALID naming the element and attribute when it is malformed,
 * so no NaN, negative duration or zero timescale reaches the model.
 */
import type { ByteRange } from './types.js';
import { invalidManifest } from './manifest-errors.js';
import { parseIsoDuration } from './iso-duration.js';

export type Attributes = ReadonlyMap<string, string>;

const UNSIGNED_INTEGER = /^\d+$/;
const SIGNED_INTEGER = /^-?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FRAME_RATE = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/;
const BYTE_RANGE = /^(\d+)-(\d+)$/;

function fail(where: string, name: string, value: string, expected: string): never {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  throw invalidManifest(`${where}: @${name} "${shown}" ${expected}`);
}

export function readString(attrs: Attributes, name: string): string | undefined {
  const value = attrs.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Integer ≥ 0 that a double holds exactly. */
export function readUnsignedInt(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!UNSIGNED_INTEGER.test(text) || !Number.isSafeInteger(value)) {
    fail(where, name, text, 'must be a non-negative integer');
  }
  return value;
}

export function readPositiveInt(attrs: Attributes, name: string, where: string): number | undefined {
  const value = readUnsignedInt(attrs, name, where);
  if (value === 0) fail(where, name, '0', 'must be greater than zero');
  return value;
}

export function readSignedInt(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!SIGNED_INTEGER.test(text) || !Number.isSafeInteger(value)) {
    fail(where, name, text, 'must be an integer');
  }
  return value;
}

export function readPositiveDecimal(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(value) || value <= 0) {
    fail(where, name, text, 'must be a positive number');
  }
  return value;
}

/** ISO 8601 duration in seconds, ≥ 0 and finite. */
export function readDuration(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const seconds = parseIsoDuration(text);
  if (seconds === undefined) fail(where, name, text, 'is not a valid non-negative ISO 8601 duration');
  return seconds;
}

/** "25", "30000/1001" (and, leniently, "29.97") → frames per second. */
export function readFrameRate(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const match = FRAME_RATE.exec(text);
  const numerator = Number(match?.[1]);
  const denominator = match?.[2] === undefined ? 1 : Number(match[2]);
  const rate = numerator / denominator;
  if (!match || !Number.isFinite(rate) || rate <= 0) {
    fail(where, name, text, 'must be a positive frame rate like "25" or "30000/1001"');
  }
  return rate;
}

/** audioSamplingRate may be one rate or a "min max" pair; the first is the nominal one. */
export function readSamplingRate(attrs: Attributes, name: string, where: string): number | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const first = text.split(/\s+/)[0] ?? '';
  return readPositiveInt(new Map([[name, first]]), name, where);
}

/** "first-last", inclusive, as in an HTTP Range header. */
export function readByteRange(attrs: Attributes, name: string, where: string): ByteRange | undefined {
  const text = readString(attrs, name);
  if (text === undefined) return undefined;
  const match = BYTE_RANGE.exec(text);
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) {
    fail(where, name, text, 'must be a byte range "first-last" with first ≤ last');
  }
  return { start, end };
}
