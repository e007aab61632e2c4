/**
 * Appends one track's downloaded segments to its SourceBuffer strictly in
 * segment order (several requests may be in flight and finish out of order),
 * inserting the init segment whenever the representation or period changes.
 */
import { SprintError } from '../errors.js';
import type { BufferSink } from '../media/buffer-sink.js';
import type { TrackSegment } from './media-track.js';

export interface ReadySegment {
  readonly segment: TrackSegment;
  readonly init: Uint8Array<ArrayBuffer> | undefined;
  readonly data: Uint8Array<ArrayBuffer>;
}

export interface OrderedAppenderHooks {
  /** After each append: make room behind the playhead. */
  readonly afterAppend: () => Promise<void>;
  /** An append failed (not counting failures of work discarded by a reset). */
  readonly onError: (error: unknown) => void;
  /** Something was appended (or a pass ended): the scheduler may want to look again. */
  readonly onProgress: () => void;
}

/** After a recoverable append failure (a full SourceBuffer), try again this much later. */
export const APPEND_RETRY_MS = 1000;

export class OrderedAppender {
  /** Index of the next segment to append. */
  nextIndex = 0;
  private readonly ready = new Map<number, ReadySegment>();
  private appending = false;
  private lastInitKey: string | undefined;
  /** Bumped on reset; an append pass from before a reset stops at its next step. */
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sink: BufferSink,
    private readonly hooks: OrderedAppenderHooks,
    private readonly retryMs = APPEND_RETRY_MS,
  ) {}

  /** Forgets pending segments and continues from `index`, re-appending the init segment. */
  reset(index: number): void {
    this.generation += 1;
    this.cancelRetry();
    this.ready.clear();
    this.nextIndex = index;
    this.lastInitKey = undefined;
  }

  /** Hands over a downloaded segment; ignored when it is already behind. */
  offer(index: number, segment: ReadySegment): void {
    if (index < this.nextIndex) return;
    this.ready.set(index, segment);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.appending) return;
    this.appending = true;
    const generation = this.generation;
    const current = () => generation === this.generation;
    try {
      for (let next = this.ready.get(this.nextIndex); next && current(); next = this.ready.get(this.nextIndex)) {
        const { segment, init, data } = next;
        const placement = { mimeType: segment.mimeType, timestampOffsetS: segment.segment.timestampOffsetS };
        if (init && segment.initKey !== this.lastInitKey) {
          await this.sink.append(init, placement);
          if (!current()) break;
          this.lastInitKey = segment.initKey;
        }
        await this.sink.append(data, placement);
        if (!current()) break;
        this.ready.delete(this.nextIndex);
        this.nextIndex += 1;
        await this.hooks.afterAppend();
      }
    } catch (error) {
      if (current()) {
        this.hooks.onError(error);
        // The segment stays ready: once the playhead has moved on, eviction can make room.
        // Without this, nothing would offer again and playback would run dry.
        if (error instanceof SprintError && !error.fatal) this.scheduleRetry();
      }
    } finally {
      this.appending = false;
    }
    // A reset during the pass may have left newer segments waiting.
    if (!current() && this.ready.has(this.nextIndex)) void this.flush();
    this.hooks.onProgress();
  }

  private scheduleRetry(): void {
    this.cancelRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, this.retryMs);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
