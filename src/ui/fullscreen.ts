/**
 * Full screen for <sprint-player>: the host element goes full screen so the
 * controls and overlays come along; where element full screen is unavailable
 * (iPhone Safari) the video's own full screen is used instead.
 * FullscreenController tracks whether a target is full screen for a component.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

/** What the controller watches: the full-screen target and its video. */
export interface FullscreenSubject {
  readonly target: Element | undefined;
  readonly video: HTMLVideoElement | undefined;
}

/**
 * Keeps `active` in step with the document's fullscreenchange events while the
 * host is connected, and re-renders the host when it changes. Call sync() when
 * the target changes.
 */
export class FullscreenController implements ReactiveController {
  /** Whether the target is full screen. */
  active = false;

  private readonly _host: ReactiveControllerHost;
  private readonly _subject: () => FullscreenSubject;

  constructor(host: ReactiveControllerHost, subject: () => FullscreenSubject) {
    this._host = host;
    this._subject = subject;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.sync);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.sync);
  }

  readonly sync = (): void => {
    const { target, video } = this._subject();
    const active = target ? isFullscreen(target, video) : false;
    if (active === this.active) return;
    this.active = active;
    this._host.requestUpdate();
  };
}
