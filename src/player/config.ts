import { SprintError } from '../errors.js';
import type { PlayerConfig } from './types.js';
import { DEFAULT_RETRY_POLICY } from '../net/retry.js';

export const DEFAULT_CONFIG: PlayerConfig = {
  scheduler: 'sprint',
  abr: 'throughput',
  bufferTargetS: 30,
  maxBufferS: 60,
  startupBufferS: 4,
  backBufferS: 30,
  maxBufferBytes: 200 * 1024 * 1024,
  maxGapJumpS: 0.5,
  retry: DEFAULT_RETRY_POLICY,
};

const POSITIVE_NUMBERS = ['bufferTargetS', 'maxBufferS', 'startupBufferS', 'maxBufferBytes'] as const;
const NON_NEGATIVE_NUMBERS = ['backBufferS', 'maxGapJumpS'] as const;

/** Merges a partial config over a base and rejects values that cannot work, with a typed error. */
export function mergeConfig(base: PlayerConfig, partial: Partial<PlayerConfig>): PlayerConfig {
  // The retry policy merges field by field, so `configure({ retry: { maxAttempts: 4 } })` keeps the rest.
  const retry = partial.retry
    ? { ...base.retry, ...stripUndefined(partial.retry), timeouts: { ...base.retry.timeouts, ...stripUndefined(partial.retry.timeouts ?? {}) } }
    : base.retry;
  const merged = { ...base, ...stripUndefined(partial), retry };
  for (const key of POSITIVE_NUMBERS) {
    if (!(typeof merged[key] === 'number' && merged[key] > 0 && Number.isFinite(merged[key]))) throw invalid(key, merged[key]);
  }
  for (const key of NON_NEGATIVE_NUMBERS) {
    if (!(typeof merged[key] === 'number' && merged[key] >= 0 && Number.isFinite(merged[key]))) throw invalid(key, merged[key]);
  }
  const r = merged.retry;
  const usable =
    Number.isInteger(r.maxAttempts) && r.maxAttempts >= 1 && r.baseDelayMs >= 0 && r.backoffFactor >= 1 && r.fuzzFactor >= 0 && r.fuzzFactor <= 1 &&
    r.maxDelayMs >= 0 && r.keepRetryingAboveBufferS >= 0 && r.keepRetryingStarvedS >= 0 && Number.isInteger(r.maxMissingAttempts) && r.maxMissingAttempts >= 1;
  if (!usable) {
    throw new SprintError({ category: 'config', code: 'INVALID_CONFIG', message: `retry policy is not usable: ${JSON.stringify(r)}` });
  }
  if (merged.startupBufferS > merged.bufferTargetS) {
    throw new SprintError({
      category: 'config',
      code: 'INVALID_CONFIG',
      message: `startupBufferS (${merged.startupBufferS}) must not exceed bufferTargetS (${merged.bufferTargetS})`,
    });
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function invalid(key: string, value: unknown): SprintError {
  return new SprintError({ category: 'config', code: 'INVALID_CONFIG', message: `${key} must be a positive finite number, got ${String(value)}` });
}
