/**
 * <sprint-controls>: the controls bar of <sprint-player>. Play/pause, seek bar
 * with buffered ranges, time, mute and volume, quality menu (Auto first), stats
 * toggle and fullscreen. It reads the <video> and the SprintPlayerApi it is
 * given and writes to them directly; the only thing it asks its host to do is
 * toggle the stats overlay (event `sprint-stats-toggle`).
 *
 * Auto-hide: while playing, the bar hides (reflected attribute `idle`,
 * opacity 0) after IDLE_MS without pointer activity over `activityTarget`; it
 * shows again on pointer movement, hover, focus, keyboard use (`poke()`), and
 * whenever the video pauses, the quality menu is open or focus is inside the
 * bar. A hidden bar stays clickable with a mouse; a touch or pen tap on it
 * only reveals it, so an invisible button is never pressed by accident.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Subscription } from 'rxjs';
import type { PlayerStats, QualitySelection, RepresentationInfo, SprintPlayerApi } from '../player/types.js';
import type { ContentType } from '../manifest/types.js';
import { canFullscreen, isFullscreen, seekTo, setVolume, toggleFullscreen, toggleMute, togglePlay } from './actions.js';
import {
  bufferedSpans,
  formatPercent,
  formatTime,
  qualityLabel,
  seekValueText,
  shortQualityLabel,
  timeRangesToSpans,
  type PercentSpan,
} from './format.js';
import {
  exitFullscreenIcon,
  fullscreenIcon,
  mutedIcon,
  pauseIcon,
  playIcon,
  qualityIcon,
  replayIcon,
  statsIcon,
  volumeIcon,
} from './icons.js';
import { accent, controlsBg, fg, fgMuted, font, hit, menuBg, track, buffered as bufferedColour } from './theme.js';

/** Milliseconds without pointer activity before the bar hides while playing. */
export const IDLE_MS = 3000;

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

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

export class SprintControls extends LitElement {
  static override properties = {
    player: { attribute: false },
    video: { attribute: false },
    activityTarget: { attribute: false },
    fullscreenTarget: { attribute: false },
    statsOpen: { type: Boolean, attribute: 'stats-open' },
    idle: { type: Boolean, reflect: true },
    _paused: { state: true },
    _ended: { state: true },
    _time: { state: true },
    _duration: { state: true },
    _buffered: { state: true },
    _muted: { state: true },
    _volume: { state: true },
    _fullscreen: { state: true },
    _ladder: { state: true },
    _ladderType: { state: true },
    _quality: { state: true },
    _playing: { state: true },
    _menuOpen: { state: true },
    _menuMaxHeight: { state: true },
    _scrub: { state: true },
  };

  /** The player whose ladder and quality the menu shows. */
  declare player: SprintPlayerApi | undefined;
  /** The video the bar drives. */
  declare video: HTMLVideoElement | undefined;
  /** Where pointer activity keeps the bar visible (the <sprint-player> host). */
  declare activityTarget: HTMLElement | undefined;
  /** What goes full screen (the <sprint-player> host). */
  declare fullscreenTarget: HTMLElement | undefined;
  /** Whether the stats overlay is showing (drives the toggle's aria-pressed). */
  declare statsOpen: boolean;
  /** Reflected: the bar is hidden for inactivity. */
  declare idle: boolean;

  declare private _paused: boolean;
  declare private _ended: boolean;
  declare private _time: number;
  declare private _duration: number;
  declare private _buffered: PercentSpan[];
  declare private _muted: boolean;
  declare private _volume: number;
  declare private _fullscreen: boolean;
  declare private _ladder: readonly RepresentationInfo[];
  declare private _ladderType: ContentType;
  declare private _quality: QualitySelection;
  declare private _playing: RepresentationInfo | undefined;
  declare private _menuOpen: boolean;
  /** Room above the quality button inside the player (and the viewport), px. */
  declare private _menuMaxHeight: number | undefined;
  /** Seek-bar value while the user drags it, undefined otherwise. */
  declare private _scrub: number | undefined;

  private _boundVideo: HTMLVideoElement | undefined;
  private _boundPlayer: SprintPlayerApi | undefined;
  private _boundActivity: HTMLElement | undefined;
  private _videoUnbind: (() => void) | undefined;
  private _playerUnbind: (() => void) | undefined;
  private _activityUnbind: (() => void) | undefined;
  private _statsSub: Subscription | undefined;
  private _statsDurationS = 0;
  private _idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.addEventListener('pointerdown', this._onPointerDownCapture, true);
    this.addEventListener('click', this._onTapCapture, true);
    this.player = undefined;
    this.video = undefined;
    this.activityTarget = undefined;
    this.fullscreenTarget = undefined;
    this.statsOpen = false;
    this.idle = false;
    this._paused = true;
    this._ended = false;
    this._time = 0;
    this._duration = 0;
    this._buffered = [];
    this._muted = false;
    this._volume = 1;
    this._fullscreen = false;
    this._ladder = [];
    this._ladderType = 'video';
    this._quality = 'auto';
    this._playing = undefined;
    this._menuOpen = false;
    this._scrub = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._bindVideo();
    this._bindPlayer();
    this._bindActivity();
    document.addEventListener('fullscreenchange', this._onFullscreenChange);
    document.addEventListener('pointerdown', this._onDocumentPointerDown, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._videoUnbind?.();
    this._videoUnbind = undefined;
    this._unbindPlayer();
    this._activityUnbind?.();
    this._activityUnbind = undefined;
    this._clearIdleTimer();
    document.removeEventListener('fullscreenchange', this._onFullscreenChange);
    document.removeEventListener('pointerdown', this._onDocumentPointerDown, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (changed.has('video')) this._bindVideo();
    if (changed.has('player')) this._bindPlayer();
    if (changed.has('activityTarget')) this._bindActivity();
    if (changed.has('fullscreenTarget')) this._onFullscreenChange();
  }

  /** Shows the bar and restarts the idle countdown (keyboard use, taps). */
  poke(): void {
    this.idle = false;
    this._scheduleIdle();
  }

  /** Opens or closes the quality menu. */
  toggleQualityMenu(open = !this._menuOpen): void {
    this._menuOpen = open;
    if (open) {
      this._menuMaxHeight = this._roomAboveQualityButton();
      this.idle = false;
      this._clearIdleTimer();
      void this.updateComplete.then(() => {
        const checked = this.renderRoot.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]');
        (checked ?? this.renderRoot.querySelector<HTMLElement>('[role="menuitemradio"]'))?.focus();
      });
    } else {
      this._scheduleIdle();
    }
  }

  /** The menu opens upwards; keep it inside the player so a small player's menu is never off screen. */
  private _roomAboveQualityButton(): number | undefined {
    const button = this.renderRoot.querySelector<HTMLElement>('[data-testid="quality"]');
    const container = this.activityTarget ?? this.parentElement;
    if (!button || !container) return undefined;
    const top = Math.max(container.getBoundingClientRect().top, 0);
    return Math.max(80, button.getBoundingClientRect().top - top - 12);
  }

  // ---- bindings -------------------------------------------------------------

  private _bindVideo(): void {
    if (this._videoUnbind && this._boundVideo === this.video) return;
    this._videoUnbind?.();
    this._videoUnbind = undefined;
    const video = this.video;
    this._boundVideo = video;
    if (!video) return;
    const onEvent = () => this._syncFromVideo();
    for (const name of VIDEO_EVENTS) video.addEventListener(name, onEvent);
    this._videoUnbind = () => {
      for (const name of VIDEO_EVENTS) video.removeEventListener(name, onEvent);
    };
    this._syncFromVideo();
  }

  private _bindPlayer(): void {
    if (this._playerUnbind && this._boundPlayer === this.player) return;
    this._unbindPlayer();
    const player = this.player;
    this._boundPlayer = player;
    this._ladder = [];
    this._playing = undefined;
    this._quality = 'auto';
    this._statsDurationS = 0;
    this._menuOpen = false;
    if (!player) return;
    this._refreshLadder();
    const offs = [
      player.on('manifestloaded', (m) => {
        this._setLadder(m.video.length > 0 ? m.video : m.audio, m.video.length > 0 ? 'video' : 'audio');
        this._quality = player.getQuality();
        this._statsDurationS = m.durationS;
        this._syncFromVideo();
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

  private _bindActivity(): void {
    if (this._activityUnbind && this._boundActivity === this.activityTarget) return;
    this._activityUnbind?.();
    this._activityUnbind = undefined;
    const target = this.activityTarget;
    this._boundActivity = target;
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
      if (this._canHide()) this.idle = true;
    };
    const onFocusIn = () => this.poke();
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerdown', onDown);
    target.addEventListener('pointerenter', onMove);
    target.addEventListener('pointerleave', onLeave);
    target.addEventListener('focusin', onFocusIn);
    this._activityUnbind = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerdown', onDown);
      target.removeEventListener('pointerenter', onMove);
      target.removeEventListener('pointerleave', onLeave);
      target.removeEventListener('focusin', onFocusIn);
    };
  }

  // ---- state from the video and player ---------------------------------------

  private _syncFromVideo(): void {
    const v = this.video;
    if (!v) return;
    const wasPaused = this._paused;
    this._paused = v.paused;
    this._ended = v.ended;
    this._time = v.currentTime;
    this._duration = Number.isFinite(v.duration) && v.duration > 0 ? v.duration : this._statsDurationS;
    this._buffered = bufferedSpans(timeRangesToSpans(v.buffered), this._duration);
    this._muted = v.muted || v.volume === 0;
    this._volume = v.volume;
    if (this._paused) {
      this.idle = false;
      this._clearIdleTimer();
    } else if (wasPaused) {
      this._scheduleIdle();
    }
  }

  private _onStats(s: PlayerStats): void {
    const rep = this._ladderType === 'video' ? s.video : s.audio;
    if (rep?.id !== this._playing?.id) this._playing = rep;
    if (s.durationS > 0 && s.durationS !== this._statsDurationS) {
      this._statsDurationS = s.durationS;
      if (!(this._duration > 0)) this._syncFromVideo();
    }
  }

  private _refreshLadder(): void {
    const player = this.player;
    if (!player) return;
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

  /** Whether the bar was hidden when the current touch/pen press started. */
  private _revealOnly = false;

  private _onPointerDownCapture = (e: PointerEvent) => {
    this._revealOnly = this.idle && e.pointerType !== 'mouse';
    if (this._revealOnly) {
      // Keep sliders from jumping under an invisible thumb.
      e.preventDefault();
      e.stopPropagation();
      this.poke();
    }
  };

  private _onTapCapture = (e: MouseEvent) => {
    if (!this._revealOnly) return;
    this._revealOnly = false;
    e.preventDefault();
    e.stopPropagation();
  };

  private _onFullscreenChange = () => {
    const target = this.fullscreenTarget;
    this._fullscreen = target ? isFullscreen(target, this.video) : false;
  };

  private _onDocumentPointerDown = (e: PointerEvent) => {
    if (!this._menuOpen) return;
    const path = e.composedPath();
    const menu = this.renderRoot.querySelector('.menu');
    const button = this.renderRoot.querySelector('[data-testid="quality"]');
    if ((menu && path.includes(menu)) || (button && path.includes(button))) return;
    this.toggleQualityMenu(false);
  };

  // ---- auto-hide --------------------------------------------------------------

  private _canHide(): boolean {
    const v = this.video;
    if (!v || v.paused || v.ended) return false;
    if (this._menuOpen) return false;
    // Keyboard focus inside the bar keeps it up; focus left on a clicked or tapped button does not.
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (active && safeMatches(active, ':focus-visible')) return false;
    return true;
  }

  private _scheduleIdle(): void {
    this._clearIdleTimer();
    this._idleTimer = setTimeout(() => {
      this._idleTimer = undefined;
      if (this._canHide()) this.idle = true;
    }, IDLE_MS);
  }

  private _clearIdleTimer(): void {
    if (this._idleTimer !== undefined) clearTimeout(this._idleTimer);
    this._idleTimer = undefined;
  }

  // ---- user actions ---------------------------------------------------------------

  private _onPlayClick(): void {
    if (this.video) togglePlay(this.video);
  }

  private _onMuteClick(): void {
    if (this.video) toggleMute(this.video);
  }

  private _onVolumeInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (this.video) setVolume(this.video, Number(input.value));
  }

  private _onSeekInput(e: Event): void {
    this._scrub = Number((e.target as HTMLInputElement).value);
  }

  private _onSeekChange(e: Event): void {
    const value = Number((e.target as HTMLInputElement).value);
    this._scrub = undefined;
    if (this.video) seekTo(this.video, value);
    this._time = value;
  }

  private _onFullscreenClick(): void {
    const target = this.fullscreenTarget;
    if (target) void toggleFullscreen(target, this.video);
  }

  private _onStatsClick(): void {
    this.dispatchEvent(new CustomEvent('sprint-stats-toggle', { bubbles: true, composed: false }));
  }

  private _select(selection: QualitySelection): void {
    const player = this.player;
    if (!player) return;
    player.setQuality(selection);
    this._quality = player.getQuality();
    this.toggleQualityMenu(false);
    this.renderRoot.querySelector<HTMLElement>('[data-testid="quality"]')?.focus();
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
        this.toggleQualityMenu(false);
        this.renderRoot.querySelector<HTMLElement>('[data-testid="quality"]')?.focus();
        return;
      case 'Tab':
        this.toggleQualityMenu(false);
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

  // ---- rendering --------------------------------------------------------------------

  private _qualityButtonText(): string {
    const playing = this._playing ? shortQualityLabel(this._playing) : undefined;
    if (this._quality === 'auto') return playing ? `Auto · ${playing}` : 'Auto';
    const level = this._quality.level;
    const chosen = this._ladder.find((r) => r.level === level);
    return chosen ? shortQualityLabel(chosen) : playing ?? 'Quality';
  }

  private _renderQualityMenu() {
    if (this._ladder.length === 0) return nothing;
    const auto = this._quality === 'auto';
    const selectedLevel = this._quality === 'auto' ? undefined : this._quality.level;
    const playingId = this._playing?.id;
    const buttonText = this._qualityButtonText();
    // Highest first, as in most players' menus; Auto on top.
    const rungs = [...this._ladder].reverse();
    return html`
      <div class="quality">
        <button
          class="btn text"
          part="button quality-button"
          data-testid="quality"
          aria-haspopup="menu"
          aria-expanded=${this._menuOpen ? 'true' : 'false'}
          aria-controls="quality-menu"
          aria-label=${`Quality: ${buttonText}`}
          title="Quality"
          @click=${() => this.toggleQualityMenu()}
        >
          ${qualityIcon}<span class="label" data-testid="quality-label">${buttonText}</span>
        </button>
        ${this._menuOpen
          ? html`<div
              class="menu"
              id="quality-menu"
              role="menu"
              aria-label="Quality"
              part="quality-menu"
              data-testid="quality-menu"
              style=${this._menuMaxHeight === undefined ? '' : `max-height: ${this._menuMaxHeight}px`}
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
                  class="item ${playing ? 'playing' : ''}"
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
            </div>`
          : nothing}
      </div>
    `;
  }

  protected override render() {
    const duration = this._duration;
    const position = this._scrub ?? this._time;
    const playedPct = duration > 0 ? Math.min(100, (position / duration) * 100) : 0;
    const playLabel = this._paused ? (this._ended ? 'Replay' : 'Play') : 'Pause';
    const playIconT = this._paused ? (this._ended ? replayIcon : playIcon) : pauseIcon;
    const volume = this._muted ? 0 : this._volume;
    const showFullscreen = this.fullscreenTarget ? canFullscreen(this.fullscreenTarget, this.video) : false;

    return html`
      <div class="bar" part="bar">
        <div class="seek" part="seek">
          <div class="track" aria-hidden="true">
            ${this._buffered.map(
              (s) => html`<div class="buffered" part="buffered" style="left:${s.left}%;width:${s.width}%"></div>`,
            )}
            <div class="played" style="width:${playedPct}%"></div>
          </div>
          <input
            type="range"
            class="seek-input"
            part="seek-input"
            data-testid="seek"
            aria-label="Seek"
            min="0"
            max=${duration > 0 ? duration : 0}
            step="any"
            .value=${String(position)}
            aria-valuetext=${seekValueText(position, duration)}
            ?disabled=${!(duration > 0)}
            @input=${this._onSeekInput}
            @change=${this._onSeekChange}
          />
        </div>
        <div class="row">
          <button
            class="btn"
            part="button play-button"
            data-testid="play"
            aria-label=${playLabel}
            title=${`${playLabel} (k)`}
            @click=${this._onPlayClick}
          >
            ${playIconT}
          </button>
          <div class="volume-group">
            <button
              class="btn"
              part="button mute-button"
              data-testid="mute"
              aria-label=${this._muted ? 'Unmute' : 'Mute'}
              aria-pressed=${this._muted ? 'true' : 'false'}
              title=${`${this._muted ? 'Unmute' : 'Mute'} (m)`}
              @click=${this._onMuteClick}
            >
              ${this._muted ? mutedIcon : volumeIcon}
            </button>
            <input
              type="range"
              class="volume"
              part="volume"
              data-testid="volume"
              aria-label="Volume"
              min="0"
              max="1"
              step="0.05"
              .value=${String(volume)}
              style=${`--fill:${volume * 100}%`}
              aria-valuetext=${formatPercent(volume)}
              @input=${this._onVolumeInput}
            />
          </div>
          <span class="time" part="time" data-testid="time">
            <span data-testid="current-time">${formatTime(position)}</span>
            <span aria-hidden="true">/</span>
            <span data-testid="duration">${formatTime(duration)}</span>
          </span>
          <span class="spacer"></span>
          ${this._renderQualityMenu()}
          <button
            class="btn"
            part="button stats-button"
            data-testid="stats-toggle"
            aria-label=${this.statsOpen ? 'Hide stats' : 'Show stats'}
            aria-pressed=${this.statsOpen ? 'true' : 'false'}
            title="Stats (s)"
            @click=${this._onStatsClick}
          >
            ${statsIcon}
          </button>
          ${showFullscreen
            ? html`<button
                class="btn"
                part="button fullscreen-button"
                data-testid="fullscreen"
                aria-label=${this._fullscreen ? 'Exit full screen' : 'Full screen'}
                title="Full screen (f)"
                @click=${this._onFullscreenClick}
              >
                ${this._fullscreen ? exitFullscreenIcon : fullscreenIcon}
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }

  static override styles = css`
    :host {
      display: block;
      color: ${fg};
      font-family: ${font};
      font-size: 14px;
      transition: opacity 0.25s ease;
      container-type: inline-size;
      -webkit-tap-highlight-color: transparent;
    }
    /* Still hit-testable while hidden: a mouse click works at once (the pointer
       movement shows the bar anyway); a first tap only reveals (see _onTapCapture). */
    :host([idle]) {
      opacity: 0;
    }
    .bar {
      background: linear-gradient(to top, ${controlsBg} 65%, transparent);
      padding: 10px 8px 4px;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 2px;
      min-height: ${hit};
    }
    .spacer {
      flex: 1;
    }
    .btn {
      all: unset;
      box-sizing: border-box;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      min-width: ${hit};
      height: ${hit};
      padding: 0 8px;
      border-radius: 6px;
      color: inherit;
      cursor: pointer;
      touch-action: manipulation;
    }
    .btn:hover {
      background: rgba(255, 255, 255, 0.1);
    }
    .btn:focus-visible,
    .item:focus-visible,
    input:focus-visible {
      outline: 2px solid ${accent};
      outline-offset: 1px;
    }
    .icon {
      width: 24px;
      height: 24px;
      flex: none;
    }
    .label {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .time {
      padding: 0 8px;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
      color: ${fgMuted};
    }

    /* Seek bar: a drawn track (buffered + played) under a transparent range input. */
    .seek {
      position: relative;
      height: 28px;
      margin: 0 8px;
    }
    .track {
      position: absolute;
      left: 0;
      right: 0;
      top: 50%;
      height: 4px;
      margin-top: -2px;
      border-radius: 2px;
      background: ${track};
      overflow: hidden;
      transition: height 0.1s, margin-top 0.1s;
    }
    .seek:hover .track {
      height: 6px;
      margin-top: -3px;
    }
    .buffered,
    .played {
      position: absolute;
      top: 0;
      bottom: 0;
      left: 0;
    }
    .buffered {
      background: ${bufferedColour};
    }
    .played {
      background: ${accent};
    }
    input[type='range'] {
      -webkit-appearance: none;
      appearance: none;
      background: transparent;
      margin: 0;
      padding: 0;
      cursor: pointer;
      touch-action: none;
    }
    input[type='range']:disabled {
      cursor: default;
    }
    /* A 4px track (transparent on the seek bar, which draws its own) with a 14px thumb centred on it. */
    input[type='range']::-webkit-slider-runnable-track {
      height: 4px;
      border-radius: 2px;
      background: transparent;
    }
    input[type='range']::-moz-range-track {
      height: 4px;
      border-radius: 2px;
      background: transparent;
    }
    input[type='range']::-webkit-slider-thumb {
      -webkit-appearance: none;
      appearance: none;
      width: 14px;
      height: 14px;
      margin-top: -5px;
      border: none;
      border-radius: 50%;
      background: ${accent};
    }
    input[type='range']::-moz-range-thumb {
      width: 14px;
      height: 14px;
      border: none;
      border-radius: 50%;
      background: ${accent};
    }
    input[type='range']:disabled::-webkit-slider-thumb {
      visibility: hidden;
    }
    input[type='range']:disabled::-moz-range-thumb {
      visibility: hidden;
    }
    .seek-input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    .volume-group {
      display: flex;
      align-items: center;
    }
    .volume {
      width: 80px;
      height: ${hit};
      margin-right: 6px;
    }
    input.volume::-webkit-slider-runnable-track {
      background: linear-gradient(to right, ${fg} var(--fill, 100%), ${track} var(--fill, 100%));
    }
    input.volume::-moz-range-track {
      background: linear-gradient(to right, ${fg} var(--fill, 100%), ${track} var(--fill, 100%));
    }

    .quality {
      position: relative;
    }
    .menu {
      position: absolute;
      right: 0;
      bottom: calc(100% + 6px);
      min-width: 200px;
      max-height: 60vh;
      overflow-y: auto;
      padding: 6px 0;
      border-radius: 8px;
      background: ${menuBg};
      box-shadow: 0 8px 24px rgba(0, 0, 0, 0.5);
      z-index: 2;
    }
    .item {
      all: unset;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      gap: 8px;
      width: 100%;
      min-height: ${hit};
      padding: 0 14px 0 8px;
      cursor: pointer;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .item:hover,
    .item:focus-visible {
      background: rgba(255, 255, 255, 0.1);
    }
    .item[aria-checked='true'] {
      color: ${accent};
    }
    .check {
      width: 16px;
      text-align: center;
    }
    .name {
      flex: 1;
    }
    .note {
      color: ${fgMuted};
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: ${accent};
    }

    @container (max-width: 480px) {
      .volume,
      .quality .label {
        display: none;
      }
    }
    @container (max-width: 340px) {
      .time {
        display: none;
      }
    }
  `;
}

export function defineSprintControls(): void {
  if (typeof customElements !== 'undefined' && !customElements.get('sprint-controls')) {
    customElements.define('sprint-controls', SprintControls);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-controls': SprintControls;
  }
}
