import { describe, expect, it } from 'vitest';
import { SprintError } from '../errors.js';
import { DEFAULT_CONFIG, mergeConfig } from './config.js';
import type { RetryPolicy } from '../net/retry.js';

describe('mergeConfig: retry policy', () => {
  it('merges a partial retry policy field by field, timeouts too', () => {
    const partial = { maxAttempts: 4, timeouts: { stallMs: 1500 } } as unknown as RetryPolicy;
    const merged = mergeConfig(DEFAULT_CONFIG, { retry: partial }).retry;
    expect(merged.maxAttempts).toBe(4);
    expect(merged.baseDelayMs).toBe(DEFAULT_CONFIG.retry.baseDelayMs);
    expect(merged.keepRetryingAboveBufferS).toBe(DEFAULT_CONFIG.retry.keepRetryingAboveBufferS);
    expect(merged.timeouts).toEqual({ ...DEFAULT_CONFIG.retry.timeouts, stallMs: 1500 });
  });

  it('accepts Infinity to switch off retrying past maxAttempts', () => {
    expect(mergeConfig(DEFAULT_CONFIG, { retry: { ...DEFAULT_CONFIG.retry, keepRetryingAboveBufferS: Infinity } }).retry.keepRetryingAboveBufferS).toBe(Infinity);
  });

  it.each([{ maxAttempts: 0 }, { maxDelayMs: -1 }, { keepRetryingAboveBufferS: -2 }, { keepRetryingAboveBufferS: Number.NaN }, { maxMissingAttempts: 0 }, { keepRetryingStarvedS: -1 }, { fuzzFactor: 2 }])(
    'refuses an unusable policy %o with INVALID_CONFIG',
    (bad) => {
      const attempt = () => mergeConfig(DEFAULT_CONFIG, { retry: { ...DEFAULT_CONFIG.retry, ...bad } });
      expect(attempt).toThrow(SprintError);
      expect(attempt).toThrow(/INVALID_CONFIG/);
    },
  );
});
