/**
 * <sprint-player>: the Sprint DASH player as a web component.
 *
 *   <sprint-player src="/media/manifest.mpd" abr="throughput" muted autoplay></sprint-player>
 *
 * Attributes (and the matching properties):
 *   src        manifest URL; loaded on connect and reloaded when it changes.
 *              Removing it stops playback (the player is recreated, empty).
 *   scheduler  PlayerConfig.scheduler, applied with configure() (also at creation).
 *   abr        PlayerConfig.abr, applied with configure() (also at creation).
 *              Removing scheduler/abr leaves the current value in force.
 *   autoplay   boolean; play() once the load resolves (browsers may refuse
 *              unmuted autoplay; the controls then show Play).
 *   muted      boolean; mirrored to video.muted.
 *   controls   on by default; `controls="false"` (or `.controls = false`)
 *              hides the bar and turns the keyboard shortcuts off.
 *   stats      boolean, reflected; the stats overlay is visible.
 * Properties only:
 *   player         the SprintPlayerApi (undefined while disconnected)
 *   video          the <video> in the shadow root (always the same element)
 *   fairShareBps   optional number, drawn as a dashed line in the stats chart
 *   error          the fatal error on display ({ code, message, category, error }), or undefined
 * Methods: runAction(action) performs a shortcut's action ('toggle-play',
 *   'seek-back', 'seek-forward', 'volume-up', 'volume-down', 'fullscreen',
 *   'mute', 'stats'); protected createPlayer(video, config) can be overridden
 *   in a subclass to supply another SprintPlayerApi.
 *
 * Events (CustomEvent, bubbles, composed):
 *   sprint-error                 detail: SprintError (every error the player reports, fatal or not)
 *   sprint-statechange           detail: { state: PlayerState }
 *   sprint-representationchange  detail: { contentType, from, to }
 *   sprint-manifestloaded        detail: { durationS, video, audio }
 *
 * Keyboard (when the element, tabindex=0, or something inside it has focus;
 * only with controls on): space / k play-pause, ← / → seek ∓5 s, ↑ / ↓
 * volume, f fullscreen, m mute, s stats overlay.
 *
 * Stable selectors for tests (data-testid, inside open shadow roots, which
 * Playwright locators pierce):
 *   play                 play/pause button (aria-label "Play" | "Pause" | "Replay")
 *   seek                 seek <input type=range> (aria-valuetext spoken position)
 *   current-time, duration, time   the time read-out
 *   mute                 mute toggle (aria-pressed)
 *   volume               volume <input type=range>
 *   fullscreen           fullscreen button (absent where full screen is unavailable)
 *   quality              quality menu button, rendered once a ladder is known (manifestloaded);
 *                        its text: quality-label ("Auto · 720p" in Auto, "480p" when fixed)
 *   quality-menu         the open menu (role=menu)
 *   quality-option-auto  first item; aria-checked="true" when Auto is active;
 *                        quality-auto-playing inside it names the rung playing in Auto
 *   quality-option-<level>  one per rung (level 0 = lowest), highest first;
 *                        aria-checked for the manual choice, data-playing="true" on the rung playing
 *   stats-toggle         stats button (aria-pressed)
 *   stats-overlay        the <sprint-stats-overlay> (visible iff the `stats` attribute is set);
 *                        its cells carry data-stat=state|scheduler|abr|video|buffer|
 *                        last-throughput|estimate|fair-share|rtt|in-flight|startup|stalls|switches;
 *                        stats-chart, stats-estimate-line, stats-fair-share-line, stats-close
 *   error                the fatal-error panel (role=alert); error-code, error-message inside
 *   video                the <video>
 *   controls             the <sprint-controls> bar (attribute `idle` while auto-hidden)
 * Parts (styleable with ::part from outside): video, frame, error, controls,
 * stats-overlay, and, exported from the bar: bar, button, play-button,
 * mute-button, fullscreen-button, stats-button, quality-button, quality-menu,
 * quality-option, seek, seek-input, buffered, volume, time; and from the
 * overlay: stats-panel, stats-chart, stats-close.
 *
 * CSS custom properties: see theme.ts (--sprint-accent, --sprint-controls-bg, ...).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { isSprintError, type SprintError } from '../errors.js';
import { SprintPlayer } from '../player/sprint-player.js';
import type { PlayerConfig, PlayerEventMap, SprintPlayerApi } from '../player/types.js';
import { changeVolume, seekBy, toggleFullscreen, toggleMute, togglePlay } from './actions.js';
import { SprintControls, defineSprintControls } from './controls.js';
import { errorMessageBody } from './format.js';
import { SEEK_STEP_S, VOLUME_STEP, describeOrigin, keyAction, leaveToControl, type KeyAction } from './keys.js';
import { SprintStatsOverlay, defineSprintStatsOverlay } from './stats-overlay.js';
import { bg, errorAccent, errorBg, fg, fgMuted, font, accent } from './theme.js';

/** What the error panel shows. */
export interface ErrorDisplay {
  readonly code: string;
  readonly message: string;
  readonly category: string | undefined;
  readonly error: unknown;
}

/** `controls` is on unless the attribute says "false" (absent = default on). */
const controlsConverter = {
  fromAttribute(value: string | null): boolean {
    return value === null ? true : value.trim().toLowerCase() !== 'false';
  },
  toAttribute(value: boolean): string | null {
    return value ? null : 'false';
  },
};

const CONTROLS_PARTS = [
  'bar',
  'button',
  'play-button',
  'mute-button',
  'fullscreen-button',
  'stats-button',
  'quality-button',
  'quality-menu',
  'quality-option',
  'seek',
  'seek-input',
  'buffered',
  'volume',
  'time',
].join(', ');

export class SprintPlayerElement extends LitElement {
  static override properties = {
    src: { type: String },
    scheduler: { type: String },
    abr: { type: String },
    autoplay: { type: Boolean },
    muted: { type: Boolean },
    controls: { converter: controlsConverter },
    stats: { type: Boolean, reflect: true },
    fairShareBps: { attribute: false },
    _player: { state: true },
    _error: { state: true },
  };

  declare src: string | undefined;
  declare scheduler: string | undefined;
  declare abr: string | undefined;
  declare autoplay: boolean;
  declare muted: boolean;
  declare controls: boolean;
  declare stats: boolean;
  /** This player's fair share of the bottleneck, bits/s, drawn in the stats chart when set. */
  declare fairShareBps: number | undefined;

  declare private _player: SprintPlayerApi | undefined;
  declare private _error: ErrorDisplay | undefined;

  private readonly _video: HTMLVideoElement;
  private _offs: (() => void)[] = [];
  private _pendingDestroy: Promise<void> | undefined;
  private _loadedSrc: string | undefined;
  private _loadGeneration = 0;
  private _lastDispatchedError: unknown;
  private _tabindexAdded = false;
  private _lastPointerType = 'mouse';
  private _tapRevealsOnly = false;
  /** Set while createPlayer() has failed for these src/scheduler/abr values. */
  private _failedKey: string | undefined;

  constructor() {
    super();
    this.src = undefined;
    this.scheduler = undefined;
    this.abr = undefined;
    this.autoplay = false;
    this.muted = false;
    this.controls = true;
    this.stats = false;
    this.fairShareBps = undefined;
    this._player = undefined;
    this._error = undefined;

    const video = document.createElement('video');
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.setAttribute('part', 'video');
    video.setAttribute('data-testid', 'video');
    video.addEventListener('pointerdown', (e) => {
      // Runs before the controls see the press on the host and un-hide.
      this._lastPointerType = e.pointerType;
      this._tapRevealsOnly = e.pointerType !== 'mouse' && this._controlsEl?.idle === true;
    });
    video.addEventListener('click', () => this._onVideoClick());
    video.addEventListener('dblclick', () => {
      if (this.controls && this._lastPointerType === 'mouse') void toggleFullscreen(this, this._video);
    });
    this._video = video;

    this.addEventListener('keydown', this._onKeyDown);
  }

  /** The player instance; undefined while the element is disconnected. */
  get player(): SprintPlayerApi | undefined {
    return this._player;
  }

  /** The <video> element inside the shadow root. */
  get video(): HTMLVideoElement {
    return this._video;
  }

  /** The fatal error currently on display. */
  get error(): ErrorDisplay | undefined {
    return this._error;
  }

  /**
   * Makes the player. Override in a subclass to inject another
   * SprintPlayerApi implementation.
   */
  protected createPlayer(video: HTMLVideoElement, config: Partial<PlayerConfig>): SprintPlayerApi {
    return new SprintPlayer(video, config);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._syncTabindex();
    this._ensurePlayer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._destroyPlayer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('muted')) {
      this._video.muted = this.muted;
      this._video.defaultMuted = this.muted;
    }
    if (changed.has('controls')) this._syncTabindex();
    const player = this._player;
    if (!player) {
      // Creating the player failed: try again once src, scheduler or abr differ.
      if (this._failedKey !== undefined && this._failedKey !== this._creationKey()) {
        this._error = undefined;
        this._ensurePlayer();
      }
      return;
    }
    if (changed.has('scheduler') || changed.has('abr')) this._applyConfig(player);
    if (changed.has('src') && (this.src || undefined) !== this._loadedSrc) {
      if (this.src) {
        this._load(player, this.src);
      } else {
        // No source: stop by starting over with a fresh, empty player.
        this._destroyPlayer();
        this._error = undefined;
        this._ensurePlayer();
      }
    }
  }

  // ---- player lifecycle ------------------------------------------------------------

  private _config(): Partial<PlayerConfig> {
    const config: { -readonly [K in keyof PlayerConfig]?: PlayerConfig[K] } = {};
    if (this.scheduler) config.scheduler = this.scheduler;
    if (this.abr) config.abr = this.abr;
    return config;
  }

  private _creationKey(): string {
    return JSON.stringify([this.src ?? '', this.scheduler ?? '', this.abr ?? '']);
  }

  private _ensurePlayer(): void {
    if (this._player || !this.isConnected) return;
    const pending = this._pendingDestroy;
    if (pending) {
      // The previous player still holds the video (MediaSource detach); wait for it.
      void pending.then(() => this._ensurePlayer());
      return;
    }
    let player: SprintPlayerApi;
    try {
      player = this.createPlayer(this._video, this._config());
    } catch (e) {
      this._failedKey = this._creationKey();
      this._reportError(e, true);
      return;
    }
    this._failedKey = undefined;
    this._player = player;
    this._offs = [
      player.on('error', (err) => this._onPlayerError(err)),
      player.on('statechange', (e) => {
        this._dispatch('sprint-statechange', e);
        if (e.state === 'error') this._fallbackError(player);
      }),
      player.on('representationchange', (e) => this._dispatch('sprint-representationchange', e)),
      player.on('manifestloaded', (e) => this._dispatch('sprint-manifestloaded', e)),
    ];
    this._loadedSrc = undefined;
    if (this.src) this._load(player, this.src);
  }

  private _destroyPlayer(): void {
    const player = this._player;
    if (!player) return;
    for (const off of this._offs) off();
    this._offs = [];
    this._player = undefined;
    this._loadedSrc = undefined;
    this._loadGeneration++;
    const done: Promise<void> = player
      .destroy()
      .catch(() => undefined)
      .finally(() => {
        if (this._pendingDestroy === done) this._pendingDestroy = undefined;
      });
    this._pendingDestroy = done;
  }

  private _applyConfig(player: SprintPlayerApi): void {
    const wanted = this._config();
    let current: PlayerConfig | undefined;
    try {
      current = player.getConfig();
    } catch {
      current = undefined;
    }
    const partial: { -readonly [K in keyof PlayerConfig]?: PlayerConfig[K] } = {};
    if (wanted.scheduler !== undefined && wanted.scheduler !== current?.scheduler) partial.scheduler = wanted.scheduler;
    if (wanted.abr !== undefined && wanted.abr !== current?.abr) partial.abr = wanted.abr;
    if (Object.keys(partial).length === 0) return;
    try {
      player.configure(partial);
    } catch (e) {
      this._reportError(e, false);
    }
  }

  private _load(player: SprintPlayerApi, src: string): void {
    const generation = ++this._loadGeneration;
    this._loadedSrc = src;
    this._error = undefined;
    this._lastDispatchedError = undefined;
    let loading: Promise<void>;
    try {
      loading = player.load(src);
    } catch (e) {
      loading = Promise.reject(e);
    }
    loading.then(
      () => {
        if (generation !== this._loadGeneration || player !== this._player) return;
        if (this.autoplay) this._video.play().catch(() => undefined);
      },
      (e: unknown) => {
        if (generation !== this._loadGeneration || player !== this._player) return;
        // A failed load leaves nothing to play: always shown.
        this._reportError(e, true);
      },
    );
  }

  // ---- errors and events -------------------------------------------------------------

  private _dispatch<K extends keyof PlayerEventMap>(name: `sprint-${K}`, detail: PlayerEventMap[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private _onPlayerError(err: SprintError): void {
    this._lastDispatchedError = err;
    this._dispatch('sprint-error', err);
    if (err.fatal) this._showError(err);
  }

  /**
   * Errors that did not come through the player's error event (a rejected
   * load, a throwing constructor or configure). SprintErrors are re-dispatched
   * unless the event already carried them.
   */
  private _reportError(e: unknown, show: boolean): void {
    if (isSprintError(e)) {
      if (e !== this._lastDispatchedError) {
        this._lastDispatchedError = e;
        this._dispatch('sprint-error', e);
      }
      if (show || e.fatal) this._showError(e);
    } else if (show) {
      this._showError(e);
    }
  }

  private _showError(e: unknown): void {
    if (isSprintError(e)) {
      this._error = { code: e.code, message: errorMessageBody(e.code, e.message), category: e.category, error: e };
    } else if (e instanceof Error) {
      this._error = { code: e.name || 'Error', message: e.message || 'Playback failed.', category: undefined, error: e };
    } else {
      this._error = { code: 'Error', message: String(e ?? 'Playback failed.'), category: undefined, error: e };
    }
  }

  /** The player said "error" without an error event: never leave a blank box. */
  private _fallbackError(player: SprintPlayerApi): void {
    setTimeout(() => {
      if (this._player !== player || this._error) return;
      const mediaError = this._video.error;
      this._error = {
        code: mediaError ? `MEDIA_ERR_${mediaError.code}` : 'PLAYBACK_FAILED',
        message: mediaError?.message || 'Playback failed.',
        category: mediaError ? 'media' : undefined,
        error: mediaError,
      };
    }, 0);
  }

  // ---- input --------------------------------------------------------------------------

  private get _controlsEl(): SprintControls | null {
    return this.renderRoot.querySelector('sprint-controls');
  }

  private _syncTabindex(): void {
    if (!this.isConnected) return;
    if (this.controls && !this.hasAttribute('tabindex')) {
      this.setAttribute('tabindex', '0');
      this._tabindexAdded = true;
    } else if (!this.controls && this._tabindexAdded) {
      this.removeAttribute('tabindex');
      this._tabindexAdded = false;
    }
  }

  private _onVideoClick(): void {
    if (!this.controls) return;
    const bar = this._controlsEl;
    if (this._tapRevealsOnly) {
      // A tap while the controls are hidden only brings them back.
      this._tapRevealsOnly = false;
      bar?.poke();
      return;
    }
    togglePlay(this._video);
    bar?.poke();
  }

  private _onKeyDown = (e: KeyboardEvent): void => {
    if (!this.controls || e.defaultPrevented) return;
    const action = keyAction(e);
    if (!action) return;
    const origin = e.composedPath()[0];
    if (origin instanceof Element && origin !== this && leaveToControl(e.key, describeOrigin(origin))) return;
    e.preventDefault();
    this.runAction(action);
    this._controlsEl?.poke();
  };

  /** Performs a keyboard action; public so embedders can bind their own keys. */
  runAction(action: KeyAction): void {
    const video = this._video;
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
        void toggleFullscreen(this, video);
        break;
      case 'mute':
        toggleMute(video);
        break;
      case 'stats':
        this.stats = !this.stats;
        break;
    }
  }

  private _onStatsToggle(e: Event): void {
    e.stopPropagation();
    this.stats = !this.stats;
  }

  // ---- rendering ----------------------------------------------------------------------

  private _renderError() {
    const err = this._error;
    if (!err) return nothing;
    return html`
      <div class="error" part="error" data-testid="error" role="alert">
        <div class="error-box">
          <div class="error-title">Playback error${err.category ? html` <span class="error-category">· ${err.category}</span>` : nothing}</div>
          <code class="error-code" data-testid="error-code">${err.code}</code>
          <p class="error-message" data-testid="error-message">${err.message}</p>
        </div>
      </div>
    `;
  }

  protected override render() {
    return html`
      <div class="frame" part="frame">
        ${this._video}
        ${this._renderError()}
        <sprint-stats-overlay
          class="stats"
          part="stats-overlay"
          exportparts="panel: stats-panel, chart: stats-chart, stats-close"
          data-testid="stats-overlay"
          ?open=${this.stats}
          .player=${this._player}
          .fairShareBps=${this.fairShareBps}
          @sprint-stats-toggle=${this._onStatsToggle}
        ></sprint-stats-overlay>
        ${this.controls
          ? html`<sprint-controls
              class="controls"
              part="controls"
              data-testid="controls"
              exportparts=${CONTROLS_PARTS}
              .player=${this._player}
              .video=${this._video}
              .activityTarget=${this}
              .fullscreenTarget=${this}
              ?stats-open=${this.stats}
              @sprint-stats-toggle=${this._onStatsToggle}
            ></sprint-controls>`
          : nothing}
      </div>
    `;
  }

  static override styles = css`
    :host {
      display: block;
      position: relative;
      aspect-ratio: 16 / 9;
      width: 100%;
      background: ${bg};
      color: ${fg};
      font-family: ${font};
      overflow: hidden;
      outline: none;
      user-select: none;
      -webkit-user-select: none;
    }
    :host([hidden]) {
      display: none;
    }
    :host(:focus-visible) {
      box-shadow: inset 0 0 0 2px ${accent};
    }
    :host(:fullscreen) {
      aspect-ratio: auto;
      width: 100%;
      height: 100%;
    }
    .frame {
      position: absolute;
      inset: 0;
    }
    .frame:has(sprint-controls[idle]) {
      cursor: none;
    }
    video {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: ${bg};
    }
    .controls {
      position: absolute;
      left: 0;
      right: 0;
      bottom: 0;
      z-index: 4;
    }
    .stats {
      position: absolute;
      top: 8px;
      left: 8px;
      z-index: 2;
      /* Stay clear of the controls bar. */
      max-height: calc(100% - 88px);
    }
    .error {
      position: absolute;
      inset: 0;
      z-index: 3;
      display: flex;
      align-items: center;
      justify-content: center;
      padding: 16px;
      background: ${errorBg};
      user-select: text;
      -webkit-user-select: text;
    }
    .error-box {
      max-width: 36em;
      text-align: center;
    }
    .error-title {
      font-size: 16px;
      font-weight: 600;
      margin-bottom: 6px;
    }
    .error-category {
      color: ${fgMuted};
      font-weight: 400;
    }
    .error-code {
      display: inline-block;
      padding: 2px 8px;
      border-radius: 4px;
      background: rgba(255, 255, 255, 0.08);
      color: ${errorAccent};
      font-size: 13px;
    }
    .error-message {
      margin: 8px 0 0;
      font-size: 14px;
      color: ${fg};
      overflow-wrap: anywhere;
    }
  `;
}

/**
 * Registers <sprint-player> and its parts (<sprint-controls>,
 * <sprint-stats-overlay>) unless already defined. Safe to call repeatedly and
 * outside a browser (it does nothing without customElements).
 */
export function defineSprintPlayer(): void {
  if (typeof customElements === 'undefined') return;
  defineSprintControls();
  defineSprintStatsOverlay();
  if (!customElements.get('sprint-player')) customElements.define('sprint-player', SprintPlayerElement);
}

defineSprintPlayer();

export { SprintControls, SprintStatsOverlay };

declare global {
  interface HTMLElementTagNameMap {
    'sprint-player': SprintPlayerElement;
  }
  interface HTMLElementEventMap {
    'sprint-error': CustomEvent<SprintError>;
    'sprint-statechange': CustomEvent<PlayerEventMap['statechange']>;
    'sprint-representationchange': CustomEvent<PlayerEventMap['representationchange']>;
    'sprint-manifestloaded': CustomEvent<PlayerEventMap['manifestloaded']>;
  }
}
