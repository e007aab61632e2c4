/**
 * <sprint-quality-menu>: the quality button of the controls bar and the menu
 * it opens (Auto first, then the rungs of the video ladder, or the audio
 * ladder when there is no video, highest first). Reads the ladder, the choice
 * and the rung playing from the SprintPlayerApi it is given and sets the
 * choice on it.
 *
 * The menu opens upwards and is kept inside `boundary` (and the viewport).
 * Keyboard: ↑/↓/Home/End move between items, Escape closes and returns focus
 * to the button, Tab closes. A press outside closes it too.
 *
 * Event (not bubbling, not composed; for the bar): `sprint-quality-menu-toggle`,
 * detail { open }, when the user opens or closes the menu.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Subscription } from 'rxjs';
import type { ContentType } from '../manifest/types.js';
import type { PlayerStats, QualitySelection, RepresentationInfo, SprintPlayerApi } from '../player/types.js';
import { buttonStyles } from './controls-styles.js';
import { qualityLabel, shortQualityLabel } from './format.js';
import { qualityIcon } from './icons.js';
import { qualityMenuStyles } from './quality-menu-styles.js';

/** The parts it exports (the host re-exports them). */
export const QUALITY_MENU_PARTS = ['button', 'quality-button', 'quality-menu', 'quality-option'] as const;

export class SprintQualityMenu extends LitElement {
  static override properties = {
    player: { attribute: false },
    boundary: { attribute: false },
    _ladder: { state: true },
    _ladderType: { state: true },
    _quality: { state: true },
    _playing: { state: true },
    _open: { state: true },
    _maxHeight: { state: true },
  };

  static override styles = [buttonStyles, qualityMenuStyles];

  /** The player whose ladder and quality the menu shows. */
  declare player: SprintPlayerApi | undefined;
  /** The menu stays inside this element (the player). */
  declare boundary: HTMLElement | undefined;

  declare private _ladder: readonly RepresentationInfo[];
  declare private _ladderType: ContentType;
  declare private _quality: QualitySelection;
  declare private _playing: RepresentationInfo | undefined;
  declare private _open: boolean;
  /** Room above the button inside the boundary (and the viewport), px. */
  declare private _maxHeight: number | undefined;

  private _boundPlayer: SprintPlayerApi | undefined;
  private _playerUnbind: (() => void) | undefined;
  private _statsSub: Subscription | undefined;

  constructor() {
    super();
    this.player = undefined;
    this.boundary = undefined;
    this._ladder = [];
    this._ladderType = 'video';
    this._quality = 'auto';
    this._playing = undefined;
    this._open = false;
  }

  /** Whether the menu is open. */
  get open(): boolean {
    return this._open;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._bindPlayer();
    document.addEventListener('pointerdown', this._onDocumentPointerDown, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unbindPlayer();
    document.removeEventListener('pointerdown', this._onDocumentPointerDown, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.isConnected && changed.has('player')) this._bindPlayer();
  }

  /** Opens or closes the menu; opening moves focus to the checked item. */
  toggle(open = !this._open): void {
    this._open = open;
    if (open) {
      this._maxHeight = this._roomAboveButton();
      void this.updateComplete.then(() => {
        const checked = this.renderRoot.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]');
        (checked ?? this.renderRoot.querySelector<HTMLElement>('[role="menuitemradio"]'))?.focus();
      });
    }
    this.dispatchEvent(new CustomEvent('sprint-quality-menu-toggle', { detail: { open } }));
  }

  /** The menu opens upwards; keep it inside the player so a small player's menu is never off screen. */
  private _roomAboveButton(): number | undefined {
    const button = this._button();
    const container = this.boundary;
    if (!button || !container) return undefined;
    const top = Math.max(container.getBoundingClientRect().top, 0);
    return Math.max(80, button.getBoundingClientRect().top - top - 12);
  }

  private _button(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[data-testid="quality"]');
  }

  // ---- the player's ladder and choice ------------------------------------------

  private _bindPlayer(): void {
    if (this._playerUnbind && this._boundPlayer === this.player) return;
    this._unbindPlayer();
    const player = this.player;
    this._boundPlayer = player;
    this._ladder = [];
    this._playing = undefined;
    this._quality = 'auto';
    this._open = false;
    if (!player) return;
    this._refreshLadder(player);
    const offs = [
      player.on('manifestloaded', (m) => {
        this._setLadder(m.video.length > 0 ? m.video : m.audio, m.video.length > 0 ? 'video' : 'audio');
        this._quality = player.getQuality();
      }),
      player.on('representationchange', (e) => {
        if (e.contentType === this._ladderType) this._playing = e.to;
      }),
    ];
    this._statsSub = player.stats$.subscribe((s) => this._onStats(s));
    this._playerUnbind = () => {
      for (const off of offs) off();
    };
  }

  private _unbindPlayer(): void {
    this._playerUnbind?.();
    this._playerUnbind = undefined;
    this._statsSub?.unsubscribe();
    this._statsSub = undefined;
  }

  private _onStats(s: PlayerStats): void {
    const rep = this._ladderType === 'video' ? s.video : s.audio;
    if (rep?.id !== this._playing?.id) this._playing = rep;
  }

  private _refreshLadder(player: SprintPlayerApi): void {
    try {
      const video = player.getRepresentations('video');
      if (video.length > 0) this._setLadder(video, 'video');
      else this._setLadder(player.getRepresentations('audio'), 'audio');
      this._quality = player.getQuality();
    } catch {
      // Nothing loaded yet.
    }
  }

  private _setLadder(ladder: readonly RepresentationInfo[], type: ContentType): void {
    this._ladder = [...ladder].sort((a, b) => a.level - b.level);
    this._ladderType = type;
  }

  // ---- user actions ----------------------------------------------------------------

  private readonly _onDocumentPointerDown = (e: PointerEvent) => {
    if (!this._open) return;
    const path = e.composedPath();
    const menu = this.renderRoot.querySelector('.menu');
    const button = this._button();
    if ((menu && path.includes(menu)) || (button && path.includes(button))) return;
    this.toggle(false);
  };

  private _select(selection: QualitySelection): void {
    const player = this.player;
    if (!player) return;
    player.setQuality(selection);
    this._quality = player.getQuality();
    this.toggle(false);
    this._button()?.focus();
  }

  private _onMenuKeyDown(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const current = items.findIndex((el) => el === active);
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = current < 0 ? 0 : (current + 1) % items.length;
        break;
      case 'ArrowUp':
        next = current < 0 ? items.length - 1 : (current - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        this.toggle(false);
        this._button()?.focus();
        return;
      case 'Tab':
        this.toggle(false);
        return;
      default:
        // Other shortcuts (space/enter activate the item natively) still reach the player.
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') e.stopPropagation();
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    items[next]?.focus();
  }

  // ---- rendering ----------------------------------------------------------------------

  private _buttonText(): string {
    const playing = this._playing ? shortQualityLabel(this._playing) : undefined;
    if (this._quality === 'auto') return playing ? `Auto · ${playing}` : 'Auto';
    const level = this._quality.level;
    const chosen = this._ladder.find((r) => r.level === level);
    return chosen ? shortQualityLabel(chosen) : playing ?? 'Quality';
  }

  private _renderMenu() {
    const auto = this._quality === 'auto';
    const selectedLevel = this._quality === 'auto' ? undefined : this._quality.level;
    const playingId = this._playing?.id;
    // Highest first, as in most players' menus; Auto on top.
    const rungs = [...this._ladder].reverse();
    return html`<div
      class="menu"
      id="quality-menu"
      role="menu"
      aria-label="Quality"
      part="quality-menu"
      data-testid="quality-menu"
      style=${this._maxHeight === undefined ? '' : `max-height: ${this._maxHeight}px`}
      @keydown=${this._onMenuKeyDown}
    >
      <button
        class="item"
        role="menuitemradio"
        part="quality-option"
        data-testid="quality-option-auto"
        aria-checked=${auto ? 'true' : 'false'}
        tabindex="-1"
        @click=${() => this._select('auto')}
      >
        <span class="check" aria-hidden="true">${auto ? '✓' : ''}</span>
        <span class="name">Auto</span>
        ${auto && this._playing
          ? html`<span class="note" data-testid="quality-auto-playing">${shortQualityLabel(this._playing)}</span>`
          : nothing}
      </button>
      ${rungs.map((rep) => {
        const checked = rep.level === selectedLevel;
        const playing = rep.id === playingId;
        return html`<button
          class="item"
          role="menuitemradio"
          part="quality-option"
          data-testid=${`quality-option-${rep.level}`}
          data-playing=${playing ? 'true' : 'false'}
          aria-checked=${checked ? 'true' : 'false'}
          aria-label=${`${qualityLabel(rep)}${playing ? ', playing' : ''}`}
          tabindex="-1"
          @click=${() => this._select({ level: rep.level })}
        >
          <span class="check" aria-hidden="true">${checked ? '✓' : ''}</span>
          <span class="name">${qualityLabel(rep)}</span>
          ${playing ? html`<span class="dot" aria-hidden="true" title="Playing"></span>` : nothing}
        </button>`;
      })}
    </div>`;
  }

  protected override render() {
    // No ladder yet (nothing loaded): no button.
    if (this._ladder.length === 0) return nothing;
    const buttonText = this._buttonText();
    return html`
      <div class="quality">
        <button
          class="btn"
          part="button quality-button"
          data-testid="quality"
          aria-haspopup="menu"
          aria-expanded=${this._open ? 'true' : 'false'}
          aria-controls="quality-menu"
          aria-label=${`Quality: ${buttonText}`}
          title="Quality"
          @click=${() => this.toggle()}
        >
          ${qualityIcon}<span class="label" data-testid="quality-label">${buttonText}</span>
        </button>
        ${this._open ? this._renderMenu() : nothing}
      </div>
    `;
  }
}

export function defineSprintQualityMenu(): void {
  if (typeof customElements !== 'undefined' && !customElements.get('sprint-quality-menu')) {
    customElements.define('sprint-quality-menu', SprintQualityMenu);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-quality-menu': SprintQualityMenu;
  }
}
