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
 *   fairShareBps   optional number: the true fair share, drawn as a dashed line in the stats
 *                  chart; without it the player's own estimate (stats.fairShareBps) is drawn
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
 *   sprint-pipelining            detail: { mode, protocol } ('unavailable': HTTP/1.x origin, one request at a time)
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
 *                        last-throughput|estimate|fair-share|rtt|in-flight|startup|stalls|switches|runs
 *                        (fair-share has data-source=given|estimate|none);
 *                        stats-chart, stats-estimate-line, stats-fair-share-line, stats-run, stats-close
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
 *
 * The player's lifecycle and errors are in player-session.ts, the error panel
 * in error-panel.ts, the bar in controls.ts.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { SprintError } from '../errors.js';
import { SprintPlayer } from '../player/sprint-player.js';
import type { PlayerConfig, PlayerEventMap, SprintPlayerApi } from '../player/types.js';
import { performAction, togglePlay } from './actions.js';
import { CONTROLS_PARTS, SprintControls, defineSprintControls } from './controls.js';
import { errorPanelStyles, renderErrorPanel, type ErrorDisplay } from './error-panel.js';
import { toggleFullscreen } from './fullscreen.js';
import { describeOrigin, keyAction, leaveToControl, type KeyAction } from './keys.js';
import { PlayerSession } from './player-session.js';
import { playerStyles } from './sprint-player-styles.js';
import { SprintStatsOverlay, defineSprintStatsOverlay } from './stats-overlay.js';

export type { ErrorDisplay };

/** `controls` is on unless the attribute says "false" (absent = default on). */
const controlsConverter = {
  fromAttribute(value: string | null): boolean {
    return value === null ? true : value.trim().toLowerCase() !== 'false';
  },
  toAttribute(value: boolean): string | null {
    return value ? null : 'false';
  },
};

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
  };

  static override styles = [playerStyles, errorPanelStyles];

  declare src: string | undefined;
  declare scheduler: string | undefined;
  declare abr: string | undefined;
  declare autoplay: boolean;
  declare muted: boolean;
  declare controls: boolean;
  declare stats: boolean;
  /** This player's fair share of the bottleneck, bits/s, drawn in the stats chart when set. */
  declare fairShareBps: number | undefined;

  private readonly _video: HTMLVideoElement;
  private readonly _session: PlayerSession;
  private _tabindexAdded = false;
  private _lastPointerType = 'mouse';
  private _tapRevealsOnly = false;

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
    this._session = new PlayerSession(this, video, (v, config) => this.createPlayer(v, config));

    this.addEventListener('keydown', this._onKeyDown);
  }

  /** The player instance; undefined while the element is disconnected. */
  get player(): SprintPlayerApi | undefined {
    return this._session.player;
  }

  /** The <video> element inside the shadow root. */
  get video(): HTMLVideoElement {
    return this._video;
  }

  /** The fatal error currently on display. */
  get error(): ErrorDisplay | undefined {
    return this._session.error;
  }

  /**
   * Makes the player. Override in a subclass to inject another
   * SprintPlayerApi implementation.
   */
  protected createPlayer(video: HTMLVideoElement, config: Partial<PlayerConfig>): SprintPlayerApi {
    return new SprintPlayer(video, config);
  }

  override connectedCallback(): void {
    // The session makes the player (and loads src) here.
    super.connectedCallback();
    this._syncTabindex();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('muted')) {
      this._video.muted = this.muted;
      this._video.defaultMuted = this.muted;
    }
    if (changed.has('controls')) this._syncTabindex();
    this._session.update({ src: changed.has('src'), config: changed.has('scheduler') || changed.has('abr') });
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
    if (action === 'stats') this.stats = !this.stats;
    else performAction(action, this._video, this);
  }

  private _onStatsToggle(e: Event): void {
    e.stopPropagation();
    this.stats = !this.stats;
  }

  // ---- rendering ----------------------------------------------------------------------

  protected override render() {
    const player = this._session.player;
    return html`
      <div class="frame" part="frame">
        ${this._video}
        ${renderErrorPanel(this._session.error)}
        <sprint-stats-overlay
          class="stats"
          part="stats-overlay"
          exportparts="panel: stats-panel, chart: stats-chart, stats-close"
          data-testid="stats-overlay"
          ?open=${this.stats}
          .player=${player}
          .fairShareBps=${this.fairShareBps}
          @sprint-stats-toggle=${this._onStatsToggle}
        ></sprint-stats-overlay>
        ${this.controls
          ? html`<sprint-controls
              class="controls"
              part="controls"
              data-testid="controls"
              exportparts=${CONTROLS_PARTS.join(', ')}
              .player=${player}
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
}

/**
 * Registers <sprint-player> and its parts (<sprint-controls>,
 * <sprint-quality-menu>, <sprint-stats-overlay>) unless already defined. Safe
 * to call repeatedly and outside a browser (it does nothing without
 * customElements).
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
    'sprint-pipelining': CustomEvent<PlayerEventMap['pipelining']>;
  }
}
