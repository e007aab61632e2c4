/**
 * Retries with exponential backoff and jitter, and resumes a body that broke
 * off mid-transfer with a Range request for the bytes still missing instead of
 * downloading it again. Defaults follow Shaka's retry parameters (2 attempts,
 * 1 s base delay, ×2 backoff, ±50% fuzz), plus per-request time limits, a cap
 * on the backoff, and one production rule: past maxAttempts, a transient
 * failure is retried for as long as the buffer ahead can absorb the wait, so
 * a link outage shorter than the buffer costs nothing.
 */
import { SprintError } from '../errors.js';
import type { HttpClient } from './http-client.js';
import type { ChunkSample, FetchRequest, FetchResult, RequestTimeouts } from './types.js';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly backoffFactor: number;
  /** Each delay is scaled by a uniform factor in [1 − fuzz, 1 + fuzz]. */
  readonly fuzzFactor: number;
  /** The backoff stops growing here (before fuzz), so retries during a long outage stay frequent. */
  readonly maxDelayMs: number;
  /**
   * Past maxAttempts, transient failures (transport, timeouts, 5xx, 408, 429) are retried while
   * more than this many seconds of media are buffered ahead. Infinity: never past maxAttempts.
   */
  readonly keepRetryingAboveBufferS: number;
  /**
   * Once the buffer is down to keepRetryingAboveBufferS, transient failures are still retried
   * for this many seconds (playback stalls meanwhile) before the request gives up: an outage
   * a little longer than the buffer costs a short stall, not the session.
   */
  readonly keepRetryingStarvedS: number;
  /**
   * 404/410 answers are retried up to maxAttempts, and past it (while the buffer is above
   * keepRetryingAboveBufferS) until this many came: a CDN edge that has not got the object yet
   * should not end playback with 30 s buffered, a segment that is really gone still fails.
   */
  readonly maxMissingAttempts: number;
  readonly timeouts: RequestTimeouts;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 2,
  baseDelayMs: 1000,
  backoffFactor: 2,
  fuzzFactor: 0.5,
  maxDelayMs: 4000,
  keepRetryingAboveBufferS: 2,
  keepRetryingStarvedS: 10,
  maxMissingAttempts: 4,
  timeouts: { firstByteMs: 10_000, stallMs: 5_000, totalMs: 60_000 },
};

/** Delay before attempt `attempt + 1`, after `attempt` failed attempts. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.backoffFactor ** (attempt - 1));
  return base * (1 + policy.fuzzFactor * (2 * random() - 1));
}

/**
 * - `transient`: transport failures, timeouts, 5xx, 408, 429: may pass; retried past
 *   maxAttempts while the buffer lasts.
 * - `missing`: 404/410: a CDN may not have the object yet (as Shaka and dash.js do, retried),
 *   but a bounded number of times (maxMissingAttempts), so a segment that is really gone fails.
 * - `final`: other 4xx and anything not from the network.
 */
export type RetryClass = 'transient' | 'missing' | 'final';

export function retryClass(error: unknown): RetryClass {
  if (!(error instanceof SprintError) || error.category !== 'network') return 'final';
  const status = error.status;
  if (status === undefined || status >= 500 || status === 408 || status === 429) return 'transient';
  return status === 404 || status === 410 ? 'missing' : 'final';
}

export function isRetryable(error: unknown): boolean {
  return retryClass(error) !== 'final';
}

/** Failed attempts of one request so far, the latest included. */
export interface FailureCount {
  readonly attempts: number;
  /** How many of them were 404/410 answers. */
  readonly missing: number;
  /** Since the first failure that found the buffer at or under keepRetryingAboveBufferS; 0 if none did. */
  readonly starvedS: number;
}

/**
 * Whether a failed attempt is tried again: within maxAttempts; past it while the buffer ahead
 * lasts (keepRetryingAboveBufferS) and, for transient failures, keepRetryingStarvedS beyond
 * that; but never after maxMissingAttempts answers said the object is missing (a 404 mixed
 * in among 5xx counts once, not as the end).
 */
export function shouldRetry(error: unknown, failures: FailureCount, policy: RetryPolicy, bufferAheadS: number): boolean {
  const kind = retryClass(error);
  if (kind === 'final') return false;
  if (kind === 'missing' && failures.missing >= Math.max(policy.maxAttempts, policy.maxMissingAttempts)) return false;
  if (failures.attempts < policy.maxAttempts || bufferAheadS > policy.keepRetryingAboveBufferS) return true;
  return kind === 'transient' && failures.starvedS < policy.keepRetryingStarvedS;
}

export interface AttemptFailure {
  readonly attempt: number;
  readonly error: unknown;
  readonly bytesSoFar: number;
  readonly willRetry: boolean;
}

export interface RetryHooks {
  /** Called after each failed attempt (for request records and fault counters). */
  readonly onAttemptFailed?: (failure: AttemptFailure) => void;
  /** Called when bytes already handed to onChunk are void (the server ignored a resume Range). */
  readonly onRestart?: () => void;
  /** Seconds of media buffered ahead of the playhead now; without it, no retries past maxAttempts. */
  readonly bufferAheadS?: () => number;
  readonly random?: () => number;
  readonly clock?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export async function fetchWithRetry(
  client: HttpClient,
  request: FetchRequest,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
): Promise<FetchResult> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const chunks: ChunkSample[] = [];
  let received = 0;
  const firstStartMs = (hooks.clock ?? (() => performance.now()))();
  let missing = 0;
  let starvedSinceMs: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const resumeFrom = received;
    const range = resumeFrom > 0 ? { start: (request.range?.start ?? 0) + resumeFrom, ...(request.range?.end !== undefined ? { end: request.range.end } : {}) } : request.range;
    let restarted = false;
    try {
      const result = await client.fetchBytes({
        ...request,
        ...(range ? { range } : {}),
        timeouts: request.timeouts ?? policy.timeouts,
        onResponse: (info) => {
          // A 200 to a resume request is the whole body again: drop what we had.
          if (resumeFrom > 0 && info.status === 200) {
            restarted = true;
            parts.length = 0;
            received = 0;
            hooks.onRestart?.();
          }
          request.onResponse?.(info);
        },
        onChunk: (chunk, atMs) => {
          parts.push(chunk as Uint8Array<ArrayBuffer>);
          received += chunk.byteLength;
          chunks.push({ atMs, bytes: chunk.byteLength });
          request.onChunk?.(chunk, atMs);
        },
      });
      if (resumeFrom === 0 || restarted) return { ...result, timing: { ...result.timing, startMs: firstStartMs } };
      return {
        data: concat(parts, received),
        timing: { ...result.timing, startMs: firstStartMs, bytes: received, chunks: [...chunks] },
      };
    } catch (error) {
      if (request.signal?.aborted) throw error;
      if (retryClass(error) === 'missing') missing += 1;
      const bufferAheadS = hooks.bufferAheadS?.() ?? 0;
      const nowMs = (hooks.clock ?? (() => performance.now()))();
      // Without a buffer view (manifest, tests) there is nothing to ride out: no starved grace.
      if (!hooks.bufferAheadS) starvedSinceMs = -Infinity;
      else if (bufferAheadS > policy.keepRetryingAboveBufferS) starvedSinceMs = undefined;
      else starvedSinceMs ??= nowMs;
      const starvedS = starvedSinceMs === undefined ? 0 : (nowMs - starvedSinceMs) / 1000;
      const willRetry = shouldRetry(error, { attempts: attempt, missing, starvedS }, policy, bufferAheadS);
      hooks.onAttemptFailed?.({ attempt, error, bytesSoFar: received, willRetry });
      if (!willRetry) throw error;
      await (hooks.sleep ?? sleep)(retryDelayMs(attempt, policy, hooks.random), request.signal);
    }
  }
}

function concat(parts: readonly Uint8Array<ArrayBuffer>[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
