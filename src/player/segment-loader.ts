/**
 * Loads one segment's bytes through the network adapter with retries, caches
 * init segments, feeds the estimators and reports a RequestRecord per attempt.
 * It does not decide what to load (the scheduler and ABR do) nor append (the sink does).
 */
import { SprintError } from '../errors.js';
import type { HttpClient } from '../net/http-client.js';
import type { FetchResult } from '../net/types.js';
import type { ThroughputEstimator } from '../estimate/throughput.js';
import type { RttEstimator } from '../estimate/rtt.js';
import { DeliveryRateMeter } from '../estimate/delivery-rate.js';
import { DEFAULT_RETRY_POLICY, fetchWithRetry, type RetryPolicy } from '../net/retry.js';
import type { SegmentRef } from '../manifest/types.js';
import type { RequestRecord } from './types.js';
import type { TrackSegment } from './media-track.js';
import type { ContentType } from '../manifest/types.js';

/** A range request carrying several segments (see range-coalescing.ts). */
export interface CoalescedLoad {
  readonly ref: SegmentRef;
  readonly segmentCount: number;
  readonly onChunk: (chunk: Uint8Array) => void;
  /** The bytes handed to onChunk so far are void: the body starts over. */
  readonly onRestart: () => void;
}

export interface SegmentLoaderHooks {
  /** Seconds of media buffered ahead of the playhead: how long retries may go on (RetryPolicy). */
  readonly bufferAheadS?: () => number;
  /** A failed attempt that will be retried: reported as a recoverable error. */
  readonly onRetry?: (error: SprintError) => void;
}

export interface LoadProgress {
  bytesLoaded: number;
  /** From the byte range or Content-Length, once known. */
  bytesExpected: number | undefined;
}

export class SegmentLoader {
  private readonly initCache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  private nextRequestId = 1;
  private readonly deliveryRate = new DeliveryRateMeter();
  /** Aborts shared init fetches when the session ends (no single requester owns them). */
  private readonly sessionController = new AbortController();
  /** Loads under way (init and media): all share one HTTP/2 connection to the origin. */
  private loadsInFlight = 0;

  constructor(
    private readonly http: HttpClient,
    private readonly estimators: { throughput: ThroughputEstimator; rtt: RttEstimator },
    private readonly onRecord: (record: RequestRecord) => void,
    /** Every body chunk of every request, as it arrives (activity and fair-share estimation). */
    private readonly onChunk: (atMs: number, bytes: number) => void = () => undefined,
    private readonly retry: () => RetryPolicy = () => DEFAULT_RETRY_POLICY,
    private readonly hooks: SegmentLoaderHooks = {},
  ) {}

  /** The init segment for `segment`, fetched once per representation and period. */
  loadInit(contentType: ContentType, segment: TrackSegment, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const init = segment.init;
    if (!init) return Promise.resolve(undefined);
    let cached = this.initCache.get(segment.initKey);
    if (!cached) {
      // Shared by every request of this representation and period, so it must not die with the
      // one that started it (a seek aborting that request would fail all the others).
      const shared = this.sessionController.signal;
      cached = this.load(contentType, segment, init, true, shared, { bytesLoaded: 0, bytesExpected: undefined }).then((r) => r.data);
      this.initCache.set(segment.initKey, cached);
      cached.catch(() => this.initCache.delete(segment.initKey));
    }
    return untilAborted(cached, signal);
  }

  /** Stops shared init fetches; the loader is not used afterwards. */
  dispose(): void {
    this.sessionController.abort();
  }

  /**
   * Loads a media segment, or with `coalesced` several back-to-back segments in one
   * range request (the record names the first; `onChunk` sees the body as it arrives).
   */
  loadMedia(
    contentType: ContentType,
    segment: TrackSegment,
    signal: AbortSignal,
    progress: LoadProgress,
    coalesced?: CoalescedLoad,
  ): Promise<FetchResult> {
    return this.load(contentType, segment, coalesced?.ref ?? segment.segment, false, signal, progress, coalesced);
  }

  private async load(
    contentType: ContentType,
    segment: TrackSegment,
    ref: SegmentRef,
    isInit: boolean,
    signal: AbortSignal,
    progress: LoadProgress,
    coalesced?: CoalescedLoad,
  ): Promise<FetchResult> {
    let attemptStartMs = performance.now();
    let failures = 0;
    progress.bytesLoaded = 0;
    // A request sent while another response is still to come waits behind it at the origin
    // (bodies go out in order): its time to first byte is that wait, not a round trip.
    const queuedBehindOthers = this.loadsInFlight > 0;
    this.loadsInFlight += 1;
    try {
      const result = await fetchWithRetry(
        this.http,
        {
          url: ref.url,
          ...(ref.range ? { range: ref.range } : {}),
          signal,
          onChunk: (chunk, atMs) => {
            progress.bytesLoaded += chunk.byteLength;
            this.onChunk(atMs, chunk.byteLength);
            coalesced?.onChunk(chunk);
          },
          onResponse: ({ contentLength }) => {
            if (contentLength !== undefined && progress.bytesExpected === undefined) progress.bytesExpected = contentLength;
          },
        },
        this.retry(),
        {
          onAttemptFailed: ({ attempt, error, bytesSoFar, willRetry }) => {
            failures += 1;
            this.onRecord(this.record(contentType, segment, ref, isInit, attemptStartMs, bytesSoFar, 'failed'));
            attemptStartMs = performance.now();
            if (willRetry) this.hooks.onRetry?.(retryNotice(error, attempt, bytesSoFar, isInit, ref.url));
          },
          ...(this.hooks.bufferAheadS ? { bufferAheadS: this.hooks.bufferAheadS } : {}),
          onRestart: () => {
            progress.bytesLoaded = 0;
            coalesced?.onRestart();
          },
        },
      );
      this.report(contentType, segment, ref, isInit, result, 'ok', coalesced?.segmentCount);
      if (!isInit) this.feedEstimators(result, failures === 0, queuedBehindOthers);
      return result;
    } catch (error) {
      if (signal.aborted) {
        this.onRecord(this.record(contentType, segment, ref, isInit, attemptStartMs, progress.bytesLoaded, 'aborted'));
        throw error;
      }
      throw asLoadError(error, isInit, ref.url);
    } finally {
      this.loadsInFlight -= 1;
    }
  }

  /**
   * Only a request sent on a connection with nothing else to come gives an RTT sample. In a
   * pipelined run every later request's first byte waits for the responses ahead of it
   * (lab, 20 Mbit/s, 80 ms: 0.7-1 s against a 160 ms loaded RTT): that is an upper bound on
   * the RTT, all a run that never idles gives. A resumed transfer's first byte belongs to
   * its last attempt and gives neither.
   */
  private feedEstimators(result: FetchResult, firstAttempt: boolean, queuedBehindOthers: boolean): void {
    const t = result.timing;
    const sample = this.deliveryRate.complete({ firstByteMs: t.firstByteMs ?? t.startMs, endMs: t.endMs, bytes: t.bytes });
    if (sample) this.estimators.throughput.add(sample);
    if (!firstAttempt || t.firstByteMs === undefined) return;
    const ttfbMs = t.firstByteMs - t.startMs;
    if (queuedBehindOthers) this.estimators.rtt.addQueued(ttfbMs);
    else this.estimators.rtt.add(t.endMs, ttfbMs);
  }

  private report(
    contentType: ContentType,
    segment: TrackSegment,
    ref: SegmentRef,
    isInit: boolean,
    result: FetchResult,
    outcome: 'ok',
    segmentCount = 1,
  ): void {
    const t = result.timing;
    this.onRecord({
      segmentCount,
      ...this.record(contentType, segment, ref, isInit, t.startMs, t.bytes, outcome),
      firstByteMs: t.firstByteMs,
      endMs: t.endMs,
      protocol: t.protocol,
    });
  }

  private record(
    contentType: ContentType,
    segment: TrackSegment,
    ref: SegmentRef,
    isInit: boolean,
    startMs: number,
    bytes: number,
    outcome: RequestRecord['outcome'],
  ): RequestRecord {
    return {
      id: this.nextRequestId++,
      contentType,
      representationId: segment.representationId,
      segmentIndex: isInit ? -1 : segment.segment.index,
      isInit,
      url: ref.url,
      ...(ref.range ? { range: ref.range } : {}),
      startMs,
      firstByteMs: undefined,
      endMs: performance.now(),
      bytes,
      protocol: undefined,
      outcome,
    };
  }
}

/** `promise`, or its caller's abort (with the signal's reason) if that comes first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The recoverable error reported for an attempt that failed and will be tried again. */
function retryNotice(error: unknown, attempt: number, bytesSoFar: number, isInit: boolean, url: string): SprintError {
  const cause = error instanceof SprintError ? error : undefined;
  const code = cause?.code === 'REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : isInit ? 'INIT_SEGMENT_LOAD_FAILED' : 'SEGMENT_LOAD_FAILED';
  const what = cause ? cause.message.replace(/^[A-Z_]+: /, '') : String(error);
  return new SprintError({
    category: 'network',
    code,
    message: `attempt ${attempt} failed (${what}); retrying${bytesSoFar > 0 ? ` from byte ${bytesSoFar}` : ''}`,
    url,
    fatal: false,
    ...(cause?.status !== undefined ? { status: cause.status } : {}),
    cause: error,
  });
}

function asLoadError(error: unknown, isInit: boolean, url: string): SprintError {
  const code = isInit ? 'INIT_SEGMENT_LOAD_FAILED' : 'SEGMENT_LOAD_FAILED';
  if (error instanceof SprintError) {
    return new SprintError({
      category: 'network',
      code,
      message: `${isInit ? 'init segment' : 'segment'} ${url} could not be loaded: ${error.message}`,
      url,
      ...(error.status !== undefined ? { status: error.status } : {}),
      cause: error,
    });
  }
  return new SprintError({ category: 'network', code, message: String(error), url, cause: error });
}
