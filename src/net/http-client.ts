/**
 * The network adapter: fetches bytes with streaming bodies and records when
 * each chunk arrived. It knows nothing of segments or buffers; callers decide
 * what to fetch and what to do with the bytes.
 */
import { SprintError } from '../errors.js';
import type { FetchRequest, FetchResult, ChunkSample } from './types.js';
import { ResourceTimingWatcher } from './resource-timing.js';

export type Clock = () => number;

export interface HttpClientOptions {
  readonly clock?: Clock;
  readonly fetchImpl?: typeof fetch;
  /** Looks up the protocol of a finished request; the browser's Resource Timing by default. */
  readonly protocolOf?: (url: string, startMs: number) => string | undefined;
}

export class HttpClient {
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly protocolOf: (url: string, startMs: number) => string | undefined;
  private readonly watcher: ResourceTimingWatcher | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    if (options.protocolOf) this.protocolOf = options.protocolOf;
    else {
      const watcher = new ResourceTimingWatcher();
      this.watcher = watcher;
      this.protocolOf = (url, startMs) => watcher.protocolOf(url, startMs);
    }
  }

  /** Stops watching Resource Timing; the client can still fetch. */
  dispose(): void {
    this.watcher?.disconnect();
  }

  /**
   * Fetches `request.url` (optionally a byte range) and resolves with its body and timing.
   * Rejects with a SprintError (category network) on HTTP or transport failure, and with
   * the AbortSignal's reason (an AbortError) when aborted.
   */
  async fetchBytes(request: FetchRequest): Promise<FetchResult> {
    const watchdog = new Watchdog(request.signal, request.timeouts ?? {});
    try {
      return await this.fetchWatched(request, watchdog);
    } catch (error) {
      if (watchdog.expired && !request.signal?.aborted) {
        throw new SprintError({
          category: 'network',
          code: 'REQUEST_TIMEOUT',
          message: `${watchdog.expired} timeout: ${watchdog.describe()}`,
          url: request.url,
          fatal: false,
          cause: error,
        });
      }
      throw error;
    } finally {
      watchdog.stop();
    }
  }

  private async fetchWatched(request: FetchRequest, watchdog: Watchdog): Promise<FetchResult> {
    const startMs = this.clock();
    const headers: Record<string, string> = {};
    if (request.range) headers['Range'] = `bytes=${request.range.start}-${request.range.end ?? ''}`;
    let response: Response;
    try {
      response = await this.fetchImpl(request.url, {
        headers,
        signal: watchdog.signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (cause) {
      if (isAbort(cause, request.signal)) throw cause;
      throw new SprintError({
        category: 'network',
        code: 'SEGMENT_LOAD_FAILED',
        message: `request failed before a response: ${describe(cause)}`,
        url: request.url,
        fatal: false,
        cause,
      });
    }
    const firstByteMs = this.clock();
    watchdog.headersArrived();
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new SprintError({
        category: 'network',
        code: 'SEGMENT_LOAD_FAILED',
        message: `HTTP ${response.status} ${response.statusText}`.trim(),
        url: request.url,
        status: response.status,
        fatal: false,
      });
    }
    const length = Number(response.headers.get('Content-Length') ?? NaN);
    const contentLength = Number.isFinite(length) && length >= 0 ? length : undefined;
    request.onResponse?.({ status: response.status, contentLength });
    const chunks: ChunkSample[] = [];
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let bytes = 0;
    try {
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          watchdog.bytesArrived();
          const atMs = this.clock();
          parts.push(value);
          bytes += value.byteLength;
          chunks.push({ atMs, bytes: value.byteLength });
          request.onChunk?.(value, atMs);
        }
      } else {
        const whole = new Uint8Array(await response.arrayBuffer());
        parts.push(whole);
        bytes = whole.byteLength;
        chunks.push({ atMs: this.clock(), bytes });
      }
    } catch (cause) {
      if (isAbort(cause, request.signal)) throw cause;
      throw new SprintError({
        category: 'network',
        code: 'SEGMENT_LOAD_FAILED',
        message: `body interrupted after ${bytes} bytes: ${describe(cause)}`,
        url: request.url,
        fatal: false,
        cause,
      });
    }
    if (contentLength !== undefined && bytes < contentLength && !isEncoded(response)) {
      // A body that ends cleanly short of its Content-Length (a truncating proxy, a dying
      // server) would otherwise reach the SourceBuffer as a broken segment.
      throw new SprintError({
        category: 'network',
        code: 'SEGMENT_LOAD_FAILED',
        message: `body ended after ${bytes} of ${contentLength} bytes`,
        url: request.url,
        fatal: false,
      });
    }
    const endMs = this.clock();
    const entryUrl = response.url || request.url;
    // The Resource Timing entry can land a task after the body ends: look once more then.
    const protocol = this.protocolOf(entryUrl, startMs) ?? (await nextTask().then(() => this.protocolOf(entryUrl, startMs)));
    return {
      data: concat(parts, bytes),
      timing: {
        startMs,
        firstByteMs,
        endMs,
        bytes,
        chunks,
        status: response.status,
        protocol,
      },
    };
  }
}

function concat(parts: readonly Uint8Array<ArrayBuffer>[], total: number): Uint8Array<ArrayBuffer> {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Content-Length counts encoded bytes; the body we read is decoded. */
function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('Content-Encoding');
  return encoding !== null && encoding.trim().toLowerCase() !== 'identity';
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof DOMException && error.name === 'AbortError');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Aborts a request that exceeds its first-byte, stall or total limit. Linked to the
 * caller's signal, so either can end the fetch; `expired` says which limit fired.
 */
class Watchdog {
  readonly signal: AbortSignal;
  expired: 'first-byte' | 'stall' | 'total' | undefined;
  private readonly controller = new AbortController();
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly totalTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOuterAbort: () => void;

  constructor(
    private readonly outer: AbortSignal | undefined,
    private readonly limits: import('./types.js').RequestTimeouts,
  ) {
    this.signal = this.controller.signal;
    this.onOuterAbort = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) this.controller.abort(outer.reason);
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    if (limits.totalMs !== undefined) this.totalTimer = setTimeout(() => this.expire('total'), limits.totalMs);
    this.arm('first-byte', limits.firstByteMs);
  }

  headersArrived(): void {
    this.arm('stall', this.limits.stallMs);
  }

  bytesArrived(): void {
    this.arm('stall', this.limits.stallMs);
  }

  describe(): string {
    const l = this.limits;
    return this.expired === 'first-byte'
      ? `no response headers within ${l.firstByteMs} ms`
      : this.expired === 'stall'
        ? `no body bytes for ${l.stallMs} ms`
        : `not complete within ${l.totalMs} ms`;
  }

  stop(): void {
    clearTimeout(this.phaseTimer);
    clearTimeout(this.totalTimer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  private arm(kind: 'first-byte' | 'stall', ms: number | undefined): void {
    clearTimeout(this.phaseTimer);
    this.phaseTimer = ms === undefined ? undefined : setTimeout(() => this.expire(kind), ms);
  }

  private expire(kind: 'first-byte' | 'stall' | 'total'): void {
    if (this.expired || this.controller.signal.aborted) return;
    this.expired = kind;
    this.controller.abort(new DOMException(`${kind} timeout`, 'TimeoutError'));
  }
}
