/**
 * Attaches a MediaSource to a <video>, creates one SourceBuffer per media
 * type and ends the stream. The only module that talks to MediaSource itself.
 */
import { SprintError } from '../errors.js';
import type { ContentType } from '../manifest/types.js';
import { BufferSink } from './buffer-sink.js';

export interface MediaSourceSessionOptions {
  readonly backBufferS: number;
}

export class MediaSourceSession {
  private readonly mediaSource: MediaSource;
  private readonly objectUrl: string;
  private readonly sinks = new Map<ContentType, BufferSink>();
  private readonly opened: Promise<void>;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly options: MediaSourceSessionOptions,
  ) {
    if (typeof MediaSource === 'undefined') {
      throw new SprintError({ category: 'capability', code: 'MSE_UNSUPPORTED', message: 'this browser has no MediaSource Extensions' });
    }
    this.mediaSource = new MediaSource();
    this.opened = new Promise((resolve) => this.mediaSource.addEventListener('sourceopen', () => resolve(), { once: true }));
    this.objectUrl = URL.createObjectURL(this.mediaSource);
    video.src = this.objectUrl;
  }

  static isTypeSupported(mimeType: string): boolean {
    return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(mimeType);
  }

  async open(durationS: number, types: ReadonlyMap<ContentType, string>): Promise<ReadonlyMap<ContentType, BufferSink>> {
    await this.opened;
    if (Number.isFinite(durationS) && durationS > 0) this.mediaSource.duration = durationS;
    for (const [contentType, mimeType] of types) {
      let sourceBuffer: SourceBuffer;
      try {
        sourceBuffer = this.mediaSource.addSourceBuffer(mimeType);
      } catch (cause) {
        throw new SprintError({
          category: 'capability',
          code: 'MSE_UNSUPPORTED',
          message: `cannot create a SourceBuffer for ${mimeType}`,
          cause,
        });
      }
      this.sinks.set(
        contentType,
        new BufferSink(sourceBuffer, { playhead: () => this.video.currentTime, backBufferS: this.options.backBufferS }, mimeType),
      );
    }
    return this.sinks;
  }

  /**
   * Signals that every segment of every type is appended. Returns false when a
   * SourceBuffer is still busy (call again later). Appending after a seek back
   * re-opens the MediaSource by itself.
   */
  endOfStream(): boolean {
    if (this.mediaSource.readyState !== 'open') return true;
    const buffers = this.mediaSource.sourceBuffers;
    for (let i = 0; i < buffers.length; i++) if (buffers[i]?.updating) return false;
    this.mediaSource.endOfStream();
    return true;
  }

  destroy(): void {
    for (const sink of this.sinks.values()) sink.destroy();
    this.sinks.clear();
    URL.revokeObjectURL(this.objectUrl);
    this.video.removeAttribute('src');
    this.video.load();
  }
}
