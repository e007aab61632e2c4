/**
 * Watches the <video> element and turns its events into player state,
 * startup time and stall records. Stalls before the first frame count as
 * startup, and waiting while seeking is not a stall.
 */
import { SprintError } from '../errors.js';
import { bufferedAhead } from '../media/buffer-sink.js';
import type { PlayerState, StallRecord } from './types.js';

export interface PlaybackMonitorCallbacks {
  readonly onState: (state: PlayerState) => void;
  readonly onStall: (stall: StallRecord) => void;
  readonly onMediaError: (error: SprintError) => void;
}

export class PlaybackMonitor {
  readonly stalls: StallRecord[] = [];
  startupMs: number | undefined;
  private loadStartMs = 0;
  private openStall: Omit<StallRecord, 'endMs'> | undefined;
  private state: PlayerState = 'idle';
  private readonly listeners: [string, () => void][];

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly callbacks: PlaybackMonitorCallbacks,
  ) {
    this.listeners = [
      ['playing', () => this.onPlaying()],
      ['waiting', () => this.onWaiting()],
      ['pause', () => this.setState(video.ended ? 'ended' : 'paused')],
      ['play', () => this.onPlay()],
      ['ended', () => this.setState('ended')],
      ['seeked', () => this.onSeeked()],
      ['error', () => this.onError()],
    ];
    for (const [name, handler] of this.listeners) video.addEventListener(name, handler);
  }

  get current(): PlayerState {
    return this.state;
  }

  get stalled(): boolean {
    return this.openStall !== undefined;
  }

  /** Marks the start of a load: startup time counts from here. */
  loading(): void {
    this.loadStartMs = performance.now();
    this.startupMs = undefined;
    this.stalls.length = 0;
    this.openStall = undefined;
    this.setState('loading');
  }

  setState(state: PlayerState): void {
    if (state === this.state || this.state === 'error') return;
    this.state = state;
    this.callbacks.onState(state);
  }

  destroy(): void {
    for (const [name, handler] of this.listeners) this.video.removeEventListener(name, handler);
  }

  private onPlay(): void {
    if (this.startupMs === undefined) this.setState('buffering');
  }

  private onPlaying(): void {
    const now = performance.now();
    if (this.startupMs === undefined) this.startupMs = now - this.loadStartMs;
    this.closeStall(now);
    this.setState('playing');
  }

  private onWaiting(): void {
    if (this.video.seeking || this.startupMs === undefined) {
      this.setState('buffering');
      return;
    }
    if (!this.openStall) {
      const positionS = this.video.currentTime;
      this.openStall = { startMs: performance.now(), positionS, bufferedAheadS: bufferedAhead(this.video.buffered, positionS) };
    }
    this.setState('buffering');
  }

  private onSeeked(): void {
    // A seek ends a stall: the wait that follows is the seek's, not a rebuffer.
    this.closeStall(performance.now());
    if (this.video.paused) this.setState('paused');
  }

  private closeStall(now: number): void {
    if (!this.openStall) return;
    const stall = { ...this.openStall, endMs: now };
    this.openStall = undefined;
    this.stalls.push(stall);
    this.callbacks.onStall(stall);
  }

  private onError(): void {
    const mediaError = this.video.error;
    if (!mediaError) return;
    const decode = mediaError.code === MediaError.MEDIA_ERR_DECODE;
    const detail = mediaError.message || 'the browser gave no detail';
    this.callbacks.onMediaError(
      new SprintError({
        category: 'media',
        code: decode ? 'DECODE_ERROR' : 'APPEND_FAILED',
        message: decode
          ? `the browser could not decode the media at ${this.video.currentTime.toFixed(2)} s (MEDIA_ERR_DECODE): ${detail}`
          : `the media element failed (code ${mediaError.code}) at ${this.video.currentTime.toFixed(2)} s: ${detail}`,
      }),
    );
  }
}
