/**
 * What the controls bar shows about the <video>, and the media events after
 * which it may have changed.
 */
import { bufferedSpans, timeRangesToSpans, type PercentSpan } from './format.js';

const VIDEO_EVENTS = [
  'play',
  'pause',
  'playing',
  'ended',
  'timeupdate',
  'durationchange',
  'loadedmetadata',
  'progress',
  'volumechange',
  'seeking',
  'seeked',
  'emptied',
  'waiting',
] as const;

export interface VideoState {
  readonly paused: boolean;
  readonly ended: boolean;
  readonly time: number;
  /** The video's duration, or `fallbackDurationS` while it has none. */
  readonly duration: number;
  readonly buffered: PercentSpan[];
  /** Muted, or at volume 0. */
  readonly muted: boolean;
  readonly volume: number;
}

export function readVideoState(video: HTMLVideoElement, fallbackDurationS: number): VideoState {
  const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : fallbackDurationS;
  return {
    paused: video.paused,
    ended: video.ended,
    time: video.currentTime,
    duration,
    buffered: bufferedSpans(timeRangesToSpans(video.buffered), duration),
    muted: video.muted || video.volume === 0,
    volume: video.volume,
  };
}

/** Calls `onChange` after every media event that can change a VideoState; returns the unsubscribe. */
export function watchVideo(video: HTMLVideoElement, onChange: () => void): () => void {
  const onEvent = () => onChange();
  for (const name of VIDEO_EVENTS) video.addEventListener(name, onEvent);
  return () => {
    for (const name of VIDEO_EVENTS) video.removeEventListener(name, onEvent);
  };
}
