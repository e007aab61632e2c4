/**
 * Player actions shared by the controls' buttons and the keyboard shortcuts.
 * They act on the <video> (and the fullscreen target) only.
 */

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

interface WebkitVideo extends HTMLVideoElement {
  webkitEnterFullscreen?: () => void;
  webkitDisplayingFullscreen?: boolean;
}

export function isFullscreen(target: Element, video?: HTMLVideoElement): boolean {
  try {
    if (target.matches(':fullscreen')) return true;
  } catch {
    // ':fullscreen' unsupported: fall through to the document's view.
    if (document.fullscreenElement === target) return true;
  }
  return (video as WebkitVideo | undefined)?.webkitDisplayingFullscreen === true;
}

/** True when the target (or, on iPhone, the video alone) can go full screen. */
export function canFullscreen(target: Element, video?: HTMLVideoElement): boolean {
  if (document.fullscreenEnabled && typeof target.requestFullscreen === 'function') return true;
  return typeof (video as WebkitVideo | undefined)?.webkitEnterFullscreen === 'function';
}

/**
 * Enters full screen on the target (so the controls and overlays come along),
 * or leaves it. Falls back to the video's own full screen where element
 * full screen is unavailable (iPhone Safari).
 */
export async function toggleFullscreen(target: Element, video?: HTMLVideoElement): Promise<void> {
  try {
    if (isFullscreen(target, video)) {
      if (document.fullscreenElement) await document.exitFullscreen();
      return;
    }
    if (document.fullscreenEnabled && typeof target.requestFullscreen === 'function') {
      await target.requestFullscreen();
      return;
    }
    (video as WebkitVideo | undefined)?.webkitEnterFullscreen?.();
  } catch {
    // Refused (no user activation, permissions policy): nothing to do.
  }
}
