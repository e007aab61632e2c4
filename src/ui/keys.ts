/**
 * Keyboard shortcuts of <sprint-player>, as pure functions so the mapping and
 * the "leave this key to the focused control" rule can be unit tested.
 */

export type KeyAction =
  | 'toggle-play'
  | 'seek-back'
  | 'seek-forward'
  | 'volume-up'
  | 'volume-down'
  | 'fullscreen'
  | 'mute'
  | 'stats';

/** Seconds skipped by ← and →. */
export const SEEK_STEP_S = 5;
/** Volume change of ↑ and ↓ (volume is 0..1). */
export const VOLUME_STEP = 0.05;

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** Maps a key press to a player action; undefined for keys the player does not use (or with Ctrl/Meta/Alt held). */
export function keyAction(e: KeyLike): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
    case 'k':
    case 'K':
      return 'toggle-play';
    case 'ArrowLeft':
      return 'seek-back';
    case 'ArrowRight':
      return 'seek-forward';
    case 'ArrowUp':
      return 'volume-up';
    case 'ArrowDown':
      return 'volume-down';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'm':
    case 'M':
      return 'mute';
    case 's':
    case 'S':
      return 'stats';
    default:
      return undefined;
  }
}

/** What the shortcut handler needs to know about the element a key event started on. */
export interface KeyOrigin {
  /** Lower-case tag name. */
  readonly tag: string;
  readonly type?: string | null;
  readonly role?: string | null;
  readonly testid?: string | null;
  readonly editable?: boolean;
}

export function describeOrigin(el: Element): KeyOrigin {
  return {
    tag: el.localName,
    type: el.getAttribute('type'),
    role: el.getAttribute('role'),
    testid: el.getAttribute('data-testid'),
    editable: el instanceof HTMLElement && el.isContentEditable,
  };
}

/**
 * True when the focused control should keep the key for its own native
 * behaviour: Space/Enter activate a focused button or menu item, arrows move a
 * focused slider (except ←/→ on the seek bar, which seek by SEEK_STEP_S like
 * everywhere else), and text fields keep every key.
 */
export function leaveToControl(key: string, origin: KeyOrigin): boolean {
  const { tag, type, role } = origin;
  if (origin.editable || tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input' && type !== 'range' && type !== 'checkbox' && type !== 'button') return true;
  const activates = key === ' ' || key === 'Spacebar' || key === 'Enter';
  if (activates && (tag === 'button' || role === 'button' || role === 'menuitem' || role === 'menuitemradio')) return true;
  if (tag === 'input' && type === 'range') {
    if (activates) return false;
    if (key === 'ArrowLeft' || key === 'ArrowRight') return origin.testid !== 'seek';
    return key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
  }
  return false;
}
