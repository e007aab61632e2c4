/**
 * Auto-hide for the controls bar. While playing, the bar hides (its `idle`
 * property, reflected by the host, becomes true) after IDLE_MS without pointer
 * activity over the activity target; it shows again on mouse movement, hover,
 * a press, focus entering the target, and poke() (keyboard use). Whether it may
 * hide at all is the host's call (`canHide`: playing, no menu open, no keyboard
 * focus inside).
 *
 * A hidden bar stays clickable with a mouse; a touch or pen tap on it only
 * reveals it, so an invisible button is never pressed by accident.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Milliseconds without pointer activity before the bar hides while playing. */
export const IDLE_MS = 3000;

/** The element whose visibility is managed. */
export interface AutoHideHost extends ReactiveControllerHost, HTMLElement {
  idle: boolean;
}

export class AutoHideController implements ReactiveController {
  private readonly _host: AutoHideHost;
  private readonly _canHide: () => boolean;
  private _target: HTMLElement | undefined;
  private _unbind: (() => void) | undefined;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the bar was hidden when the current touch/pen press started. */
  private _revealOnly = false;

  constructor(host: AutoHideHost, canHide: () => boolean) {
    this._host = host;
    this._canHide = canHide;
    host.addController(this);
    host.addEventListener('pointerdown', this._onPointerDownCapture, true);
    host.addEventListener('click', this._onTapCapture, true);
  }

  hostDisconnected(): void {
    this._unbind?.();
    this._unbind = undefined;
    this.cancel();
  }

  /** Shows the bar and restarts the countdown. */
  poke(): void {
    this._host.idle = false;
    this.schedule();
  }

  /** Shows the bar and stops the countdown (paused, menu open). */
  hold(): void {
    this._host.idle = false;
    this.cancel();
  }

  /** (Re)starts the countdown; when it runs out the bar hides if it may. */
  schedule(): void {
    this.cancel();
    this._timer = setTimeout(() => {
      this._timer = undefined;
      if (this._canHide()) this._host.idle = true;
    }, IDLE_MS);
  }

  cancel(): void {
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Listens for activity on `target` (the <sprint-player> host), instead of any previous one. */
  watch(target: HTMLElement | undefined): void {
    if (this._unbind && this._target === target) return;
    this._unbind?.();
    this._unbind = undefined;
    this._target = target;
    if (!target) return;
    // Touch and pen produce enter/move events too; only a mouse's count as
    // activity, so a tap on a hidden bar can tell that it was hidden.
    const onMove = (e: PointerEvent) => {
      if (e.pointerType !== 'mouse') return;
      this.poke();
    };
    const onDown = () => this.poke();
    const onLeave = (e: PointerEvent) => {
      if (e.pointerType !== 'mouse') return;
      if (this._canHide()) this._host.idle = true;
    };
    const onFocusIn = () => this.poke();
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerdown', onDown);
    target.addEventListener('pointerenter', onMove);
    target.addEventListener('pointerleave', onLeave);
    target.addEventListener('focusin', onFocusIn);
    this._unbind = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerdown', onDown);
      target.removeEventListener('pointerenter', onMove);
      target.removeEventListener('pointerleave', onLeave);
      target.removeEventListener('focusin', onFocusIn);
    };
  }

  private readonly _onPointerDownCapture = (e: PointerEvent) => {
    this._revealOnly = this._host.idle && e.pointerType !== 'mouse';
    if (this._revealOnly) {
      // Keep sliders from jumping under an invisible thumb.
      e.preventDefault();
      e.stopPropagation();
      this.poke();
    }
  };

  private readonly _onTapCapture = (e: MouseEvent) => {
    if (!this._revealOnly) return;
    this._revealOnly = false;
    e.preventDefault();
    e.stopPropagation();
  };
}
