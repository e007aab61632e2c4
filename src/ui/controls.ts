/**
 * <sprint-controls>: the controls bar of <sprint-player>. Play/pause, seek bar
 * with buffered ranges (seek-bar.ts), time, mute and volume, quality menu
 * (<sprint-quality-menu>, Auto first), stats toggle and fullscreen. It reads
 * the <video> and the SprintPlayerApi it is given and writes to them
 * directly; the only thing it asks its host to do is toggle the stats overlay
 * (event `sprint-stats-toggle`).
 *
 * Auto-hide (auto-hide.ts): while playing, the bar hides (reflected attribute
 * `idle`, opacity 0) after IDLE_MS without pointer activity over
 * `activityTarget`; it shows again on pointer movement, hover, focus, keyboard
 * use (`poke()`), and whenever the video pauses, the quality menu is open or
 * keyboard focus is inside the bar. A hidden bar stays clickable with a mouse;
 * a touch or pen tap on it only reveals it.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Subscription } from 'rxjs';
import type { SprintPlayerApi } from '../player/types.js';
import { seekTo, setVolume, toggleMute, togglePlay } from './actions.js';
import { AutoHideController } from './auto-hide.js';
import { buttonStyles, controlsStyles, rangeStyles } from './controls-styles.js';
import { formatPercent, formatTime, type PercentSpan } from './format.js';
import { FullscreenController, canFullscreen, toggleFullscreen } from './fullscreen.js';
import { exitFullscreenIcon, fullscreenIcon, mutedIcon, pauseIcon, playIcon, replayIcon, statsIcon, volumeIcon } from './icons.js';
import { QUALITY_MENU_PARTS, defineSprintQualityMenu, type SprintQualityMenu } from './quality-menu.js';
import { renderSeekBar, seekBarStyles } from './seek-bar.js';
import { readVideoState, watchVideo } from './video-state.js';

export { IDLE_MS } from './auto-hide.js';

/** The parts the bar exports (its host re-exports them). */
export const CONTROLS_PARTS = [
  'bar',
  'play-button',
  'mute-button',
  'fullscreen-button',
  'stats-button',
  'seek',
  'seek-input',
  'buffered',
  'volume',
  'time',
  ...QUALITY_MENU_PARTS,
] as const;

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** The focused element, looking into nested shadow roots (the quality menu's). */
function deepActiveElement(root: Node): Element | null {
  let active = root instanceof ShadowRoot ? root.activeElement : null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
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
    _scrub: { state: true },
  };

  static override styles = [buttonStyles, seekBarStyles, rangeStyles, controlsStyles];

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
  /** Seek-bar value while the user drags it, undefined otherwise. */
  declare private _scrub: number | undefined;

  private readonly _autoHide = new AutoHideController(this, () => this._canHide());
  private readonly _fullscreen = new FullscreenController(this, () => ({ target: this.fullscreenTarget, video: this.video }));
  private _boundVideo: HTMLVideoElement | undefined;
  private _boundPlayer: SprintPlayerApi | undefined;
  private _videoUnbind: (() => void) | undefined;
  private _playerUnbind: (() => void) | undefined;
  private _statsSub: Subscription | undefined;
  /** The duration the player reports, used while the video has none. */
  private _statsDurationS = 0;

  constructor() {
    super();
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
    this._scrub = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._bindVideo();
    this._bindPlayer();
    this._autoHide.watch(this.activityTarget);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._videoUnbind?.();
    this._videoUnbind = undefined;
    this._unbindPlayer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (changed.has('video')) this._bindVideo();
    if (changed.has('player')) this._bindPlayer();
    if (changed.has('activityTarget')) this._autoHide.watch(this.activityTarget);
    if (changed.has('fullscreenTarget')) this._fullscreen.sync();
  }

  /** Shows the bar and restarts the idle countdown (keyboard use, taps). */
  poke(): void {
    this._autoHide.poke();
  }

  /** Opens or closes the quality menu. */
  toggleQualityMenu(open?: boolean): void {
    this._qualityMenu?.toggle(open);
  }

  private get _qualityMenu(): SprintQualityMenu | null {
    return this.renderRoot.querySelector('sprint-quality-menu');
  }

  // ---- bindings -------------------------------------------------------------

  private _bindVideo(): void {
    if (this._videoUnbind && this._boundVideo === this.video) return;
    this._videoUnbind?.();
    this._videoUnbind = undefined;
    const video = this.video;
    this._boundVideo = video;
    if (!video) return;
    this._videoUnbind = watchVideo(video, () => this._syncFromVideo());
    this._syncFromVideo();
  }

  /** The bar needs the player only for the duration it reports before the video knows it. */
  private _bindPlayer(): void {
    if (this._playerUnbind && this._boundPlayer === this.player) return;
    this._unbindPlayer();
    const player = this.player;
    this._boundPlayer = player;
    this._statsDurationS = 0;
    if (!player) return;
    const off = player.on('manifestloaded', (m) => {
      this._statsDurationS = m.durationS;
      this._syncFromVideo();
    });
    this._statsSub = player.stats$.subscribe((s) => {
      if (s.durationS > 0 && s.durationS !== this._statsDurationS) {
        this._statsDurationS = s.durationS;
        if (!(this._duration > 0)) this._syncFromVideo();
      }
    });
    this._playerUnbind = off;
  }

  private _unbindPlayer(): void {
    this._playerUnbind?.();
    this._playerUnbind = undefined;
    this._statsSub?.unsubscribe();
    this._statsSub = undefined;
  }

  private _syncFromVideo(): void {
    const v = this.video;
    if (!v) return;
    const wasPaused = this._paused;
    const s = readVideoState(v, this._statsDurationS);
    this._paused = s.paused;
    this._ended = s.ended;
    this._time = s.time;
    this._duration = s.duration;
    this._buffered = s.buffered;
    this._muted = s.muted;
    this._volume = s.volume;
    if (this._paused) this._autoHide.hold();
    else if (wasPaused) this._autoHide.schedule();
  }

  private _canHide(): boolean {
    const v = this.video;
    if (!v || v.paused || v.ended) return false;
    if (this._qualityMenu?.open) return false;
    // Keyboard focus inside the bar keeps it up; focus left on a clicked or tapped button does not.
    const active = deepActiveElement(this.renderRoot);
    if (active && safeMatches(active, ':focus-visible')) return false;
    return true;
  }

  // ---- user actions ---------------------------------------------------------------

  private readonly _onMenuToggle = (e: CustomEvent<{ open: boolean }>) => {
    if (e.detail.open) this._autoHide.hold();
    else this._autoHide.schedule();
  };

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

  private readonly _onSeekInput = (value: number) => {
    this._scrub = value;
  };

  private readonly _onSeekChange = (value: number) => {
    this._scrub = undefined;
    if (this.video) seekTo(this.video, value);
    this._time = value;
  };

  private _onFullscreenClick(): void {
    const target = this.fullscreenTarget;
    if (target) void toggleFullscreen(target, this.video);
  }

  private _onStatsClick(): void {
    this.dispatchEvent(new CustomEvent('sprint-stats-toggle', { bubbles: true, composed: false }));
  }

  // ---- rendering --------------------------------------------------------------------

  protected override render() {
    const duration = this._duration;
    const position = this._scrub ?? this._time;
    const playLabel = this._paused ? (this._ended ? 'Replay' : 'Play') : 'Pause';
    const playIconT = this._paused ? (this._ended ? replayIcon : playIcon) : pauseIcon;
    const volume = this._muted ? 0 : this._volume;
    const showFullscreen = this.fullscreenTarget ? canFullscreen(this.fullscreenTarget, this.video) : false;
    const fullscreen = this._fullscreen.active;

    return html`
      <div class="bar" part="bar">
        ${renderSeekBar({ position, duration, buffered: this._buffered, onInput: this._onSeekInput, onChange: this._onSeekChange })}
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
          <sprint-quality-menu
            exportparts=${QUALITY_MENU_PARTS.join(', ')}
            .player=${this.player}
            .boundary=${this.activityTarget ?? this.parentElement ?? undefined}
            @sprint-quality-menu-toggle=${this._onMenuToggle}
          ></sprint-quality-menu>
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
                aria-label=${fullscreen ? 'Exit full screen' : 'Full screen'}
                title="Full screen (f)"
                @click=${this._onFullscreenClick}
              >
                ${fullscreen ? exitFullscreenIcon : fullscreenIcon}
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }
}

export function defineSprintControls(): void {
  defineSprintQualityMenu();
  if (typeof customElements !== 'undefined' && !customElements.get('sprint-controls')) {
    customElements.define('sprint-controls', SprintControls);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-controls': SprintControls;
  }
}
