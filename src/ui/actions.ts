/**
 * Player actions shared by the controls' buttons and the keyboard shortcuts.
 * They act on the <video> (and the fullscreen target) only.
 */
import { toggleFullscreen } from './fullscreen.js';
import { SEEK_STEP_S, VOLUME_STEP, type KeyAction } from './keys.js';

/** Plays (or replays from the end) a paused video, pauses a playing one. */
export function togglePlay(video: HTMLVideoElement): void {
  if (video.paused || video.ended) {
    if (video.ended) video.currentTime = 0;
    // Rejections (autoplay policy, a pause that interrupts) are not errors of
    // the player; the controls show the paused state either way.
    video.play().catch(() => undefined);
  } else {
    video.pause();
  }
}

/** Seeks by deltaS, clamped to [0, duration] when the duration is known. */
export function seekBy(video: HTMLVideoElement, deltaS: number): void {
  seekTo(video, video.currentTime + deltaS);
}

export function seekTo(video: HTMLVideoElement, timeS: number): void {
  if (!Number.isFinite(timeS)) return;
  let t = Math.max(0, timeS);
  const d = video.duration;
  if (Number.isFinite(d) && d > 0) t = Math.min(t, d);
  video.currentTime = t;
}

/** Changes volume by delta (0..1); raising it unmutes. */
export function changeVolume(video: HTMLVideoElement, delta: number): void {
  const base = video.muted ? 0 : video.volume;
  const v = Math.round(Math.min(1, Math.max(0, base + delta)) * 100) / 100;
  setVolume(video, v);
}

/** Sets volume 0..1; 0 mutes, anything above unmutes. */
export function setVolume(video: HTMLVideoElement, volume: number): void {
  const v = Math.min(1, Math.max(0, Number.isFinite(volume) ? volume : 0));
  if (v === 0) {
    video.muted = true;
  } else {
    video.volume = v;
    video.muted = false;
  }
}

/** Mutes or unmutes; unmuting at volume 0 restores a usable level. */
export function toggleMute(video: HTMLVideoElement): void {
  if (video.muted) {
    if (video.volume === 0) video.volume = 0.5;
    video.muted = false;
  } else {
    video.muted = true;
  }
}

/**
 * Performs a keyboard shortcut's action on the video, or full screen on
 * `fullscreenTarget`. 'stats' belongs to the element and is not handled here.
 */
export function performAction(action: Exclude<KeyAction, 'stats'>, video: HTMLVideoElement, fullscreenTarget: Element): void {
  switch (action) {
    case 'toggle-play':
      togglePlay(video);
      break;
    case 'seek-back':
      seekBy(video, -SEEK_STEP_S);
      break;
    case 'seek-forward':
      seekBy(video, SEEK_STEP_S);
      break;
    case 'volume-up':
      changeVolume(video, VOLUME_STEP);
      break;
    case 'volume-down':
      changeVolume(video, -VOLUME_STEP);
      break;
    case 'fullscreen':
      void toggleFullscreen(fullscreenTarget, video);
      break;
    case 'mute':
      toggleMute(video);
      break;
  }
}
