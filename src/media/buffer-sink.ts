/**
 * One SourceBuffer behind a serialized operation queue. MSE allows one
 * operation at a time per SourceBuffer; every append, removal and type change
 * goes through here in the order it was asked for. On QuotaExceededError the
 * sink evicts media behind the playhead and tries the append again once.
 */
import { SprintError } from '../errors.js';

/** The part of SourceBuffer the sink uses; a fake implements it in unit tests. */
export interface SourceBufferLike extends EventTarget {
  readonly updating: boolean;
  readonly buffered: TimeRanges;
  timestampOffset: number;
  appendBuffer(data: BufferSource): void;
  remove(start: number, end: number): void;
  changeType?(type: string): void;
}

export interface BufferSinkOptions {
  /** Current playhead, for eviction decisions. */
  readonly playhead: () => number;
  /** Seconds of media kept behind the playhead when evicting for quota. */
  readonly backBufferS: number;
}

type Operation = () => void;

export class BufferSink {
  private queue: Promise<void> = Promise.resolve();
  private currentType: string | undefined;
  private destroyed = false;
  /** Bytes appended, scaled down by the share of media removed since; for memory accounting. */
  private bytesHeld = 0;

  constructor(
    private readonly buffer: SourceBufferLike,
    private readonly options: BufferSinkOptions,
    initialType?: string,
  ) {
    this.currentType = initialType;
  }

  /** Appends bytes; `timestampOffsetS` and `mimeType` are applied first if they differ. */
  append(data: Uint8Array<ArrayBuffer>, opts: { timestampOffsetS?: number; mimeType?: string } = {}): Promise<void> {
    return this.enqueue(async () => {
      if (opts.mimeType && opts.mimeType !== this.currentType && this.buffer.changeType) {
        this.buffer.changeType(opts.mimeType);
        this.currentType = opts.mimeType;
      }
      if (opts.timestampOffsetS !== undefined && this.buffer.timestampOffset !== opts.timestampOffsetS) {
        this.buffer.timestampOffset = opts.timestampOffsetS;
      }
      try {
        await this.run(() => this.buffer.appendBuffer(data));
      } catch (error) {
        if (!isQuotaExceeded(error)) throw this.appendError(error);
        const evicted = await this.evictBehind(this.options.playhead() - Math.min(this.options.backBufferS, 2));
        if (!evicted) {
          throw new SprintError({
            category: 'media',
            code: 'QUOTA_EXCEEDED',
            message: 'SourceBuffer is full and nothing behind the playhead can be evicted',
            fatal: false,
            cause: error,
          });
        }
        try {
          await this.run(() => this.buffer.appendBuffer(data));
        } catch (retryError) {
          throw this.appendError(retryError);
        }
      }
      this.bytesHeld += data.byteLength;
    });
  }

  /** Removes [startS, endS); a no-op when the range is empty. */
  remove(startS: number, endS: number): Promise<void> {
    return this.enqueue(async () => {
      await this.removeNow(startS, endS);
    });
  }

  /** Evicts everything before `beforeS`; resolves true when something was removed. */
  evictBefore(beforeS: number): Promise<boolean> {
    return this.enqueue(() => this.evictBehind(beforeS));
  }

  buffered(): TimeRanges {
    return this.buffer.buffered;
  }

  /** Estimated bytes the SourceBuffer holds. */
  estimatedBytes(): number {
    return Math.round(this.bytesHeld);
  }

  destroy(): void {
    this.destroyed = true;
  }

  private async evictBehind(beforeS: number): Promise<boolean> {
    const ranges = this.buffer.buffered;
    if (ranges.length === 0 || beforeS <= ranges.start(0)) return false;
    await this.removeNow(0, beforeS);
    return true;
  }

  private async removeNow(startS: number, endS: number): Promise<void> {
    if (!(endS > startS)) return;
    const before = totalSeconds(this.buffer.buffered);
    await this.run(() => this.buffer.remove(startS, endS));
    const after = totalSeconds(this.buffer.buffered);
    if (before > 0) this.bytesHeld *= after / before;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.destroyed) throw new DOMException('buffer sink destroyed', 'AbortError');
      return operation();
    });
    // Keep the chain alive after a failure: the next operation still runs.
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Starts one MSE operation and resolves at its updateend (rejects on error). */
  private run(start: Operation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onEnd = () => {
        cleanup();
        resolve();
      };
      const onError = () => {
        cleanup();
        reject(new DOMException('SourceBuffer error event', 'InvalidStateError'));
      };
      const cleanup = () => {
        this.buffer.removeEventListener('updateend', onEnd);
        this.buffer.removeEventListener('error', onError);
      };
      this.buffer.addEventListener('updateend', onEnd);
      this.buffer.addEventListener('error', onError);
      try {
        start();
      } catch (error) {
        cleanup();
        reject(error);
      }
    });
  }

  private appendError(cause: unknown): SprintError {
    return new SprintError({
      category: 'media',
      code: 'APPEND_FAILED',
      message: `appending to the SourceBuffer failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

export function totalSeconds(ranges: TimeRanges): number {
  let total = 0;
  for (let i = 0; i < ranges.length; i++) total += ranges.end(i) - ranges.start(i);
  return total;
}

/** Seconds of contiguous media from `position` onwards (a gap under `toleranceS` is bridged). */
export function bufferedAhead(ranges: TimeRanges, position: number, toleranceS = 0.1): number {
  let end = position;
  for (let i = 0; i < ranges.length; i++) {
    const start = ranges.start(i);
    if (start - toleranceS <= end && ranges.end(i) > end) end = ranges.end(i);
  }
  return end - position;
}
