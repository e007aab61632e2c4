/**
 * The SprintPlayerApi behind a <sprint-player>: made when the element connects
 * (and again after src is removed, or after creation failed once src,
 * scheduler or abr differ), loaded from `src`, configured from `scheduler` and
 * `abr`, destroyed when the element disconnects. It re-dispatches the player's
 * events on the element as `sprint-*` CustomEvents and keeps the fatal error
 * the element shows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isSprintError, type SprintError } from '../errors.js';
import type { PlayerConfig, PlayerEventMap, SprintPlayerApi } from '../player/types.js';
import { mediaErrorDisplay, toErrorDisplay, type ErrorDisplay } from './error-panel.js';

/** The element: its attributes say what to play and how. */
export interface PlayerSessionHost extends ReactiveControllerHost, HTMLElement {
  readonly src: string | undefined;
  readonly scheduler: string | undefined;
  readonly abr: string | undefined;
  readonly autoplay: boolean;
}

export type PlayerFactory = (video: HTMLVideoElement, config: Partial<PlayerConfig>) => SprintPlayerApi;

type MutableConfig = { -readonly [K in keyof PlayerConfig]?: PlayerConfig[K] };

export class PlayerSession implements ReactiveController {
  private readonly _host: PlayerSessionHost;
  private readonly _video: HTMLVideoElement;
  private readonly _create: PlayerFactory;
  private _player: SprintPlayerApi | undefined;
  private _error: ErrorDisplay | undefined;
  private _offs: (() => void)[] = [];
  private _pendingDestroy: Promise<void> | undefined;
  private _loadedSrc: string | undefined;
  private _loadGeneration = 0;
  private _lastDispatchedError: unknown;
  /** Set while creating the player has failed for these src/scheduler/abr values. */
  private _failedKey: string | undefined;

  constructor(host: PlayerSessionHost, video: HTMLVideoElement, create: PlayerFactory) {
    this._host = host;
    this._video = video;
    this._create = create;
    host.addController(this);
  }

  /** The player instance; undefined while the element is disconnected. */
  get player(): SprintPlayerApi | undefined {
    return this._player;
  }

  /** The fatal error on display. */
  get error(): ErrorDisplay | undefined {
    return this._error;
  }

  hostConnected(): void {
    this._ensurePlayer();
  }

  hostDisconnected(): void {
    this._destroyPlayer();
  }

  /** Follows the host's attributes; call from its willUpdate with what changed. */
  update(changed: { readonly src: boolean; readonly config: boolean }): void {
    const player = this._player;
    if (!player) {
      // Creating the player failed: try again once src, scheduler or abr differ.
      if (this._failedKey !== undefined && this._failedKey !== this._creationKey()) {
        this._setError(undefined);
        this._ensurePlayer();
      }
      return;
    }
    if (changed.config) this._applyConfig(player);
    const src = this._host.src;
    if (changed.src && (src || undefined) !== this._loadedSrc) {
      if (src) {
        this._load(player, src);
      } else {
        // No source: stop by starting over with a fresh, empty player.
        this._destroyPlayer();
        this._setError(undefined);
        this._ensurePlayer();
      }
    }
  }

  // ---- lifecycle -------------------------------------------------------------------

  private _config(): Partial<PlayerConfig> {
    const config: MutableConfig = {};
    if (this._host.scheduler) config.scheduler = this._host.scheduler;
    if (this._host.abr) config.abr = this._host.abr;
    return config;
  }

  private _creationKey(): string {
    const { src, scheduler, abr } = this._host;
    return JSON.stringify([src ?? '', scheduler ?? '', abr ?? '']);
  }

  private _ensurePlayer(): void {
    if (this._player || !this._host.isConnected) return;
    const pending = this._pendingDestroy;
    if (pending) {
      // The previous player still holds the video (MediaSource detach); wait for it.
      void pending.then(() => this._ensurePlayer());
      return;
    }
    let player: SprintPlayerApi;
    try {
      player = this._create(this._video, this._config());
    } catch (e) {
      this._failedKey = this._creationKey();
      this._reportError(e, true);
      return;
    }
    this._failedKey = undefined;
    this._setPlayer(player);
    this._offs = [
      player.on('error', (err) => this._onPlayerError(err)),
      player.on('statechange', (e) => {
        this._dispatch('sprint-statechange', e);
        if (e.state === 'error') this._fallbackError(player);
      }),
      player.on('representationchange', (e) => this._dispatch('sprint-representationchange', e)),
      player.on('manifestloaded', (e) => this._dispatch('sprint-manifestloaded', e)),
      player.on('pipelining', (e) => this._dispatch('sprint-pipelining', e)),
    ];
    this._loadedSrc = undefined;
    if (this._host.src) this._load(player, this._host.src);
  }

  private _destroyPlayer(): void {
    const player = this._player;
    if (!player) return;
    for (const off of this._offs) off();
    this._offs = [];
    this._setPlayer(undefined);
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
    const partial: MutableConfig = {};
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
    this._setError(undefined);
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
        if (this._host.autoplay) this._video.play().catch(() => undefined);
      },
      (e: unknown) => {
        if (generation !== this._loadGeneration || player !== this._player) return;
        // A failed load leaves nothing to play: always shown.
        this._reportError(e, true);
      },
    );
  }

  private _setPlayer(player: SprintPlayerApi | undefined): void {
    if (player === this._player) return;
    this._player = player;
    this._host.requestUpdate();
  }

  // ---- errors and events -------------------------------------------------------------

  private _setError(error: ErrorDisplay | undefined): void {
    if (error === this._error) return;
    this._error = error;
    this._host.requestUpdate();
  }

  private _dispatch<K extends keyof PlayerEventMap>(name: `sprint-${K}`, detail: PlayerEventMap[K]): void {
    this._host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private _onPlayerError(err: SprintError): void {
    this._lastDispatchedError = err;
    this._dispatch('sprint-error', err);
    if (err.fatal) this._setError(toErrorDisplay(err));
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
      if (show || e.fatal) this._setError(toErrorDisplay(e));
    } else if (show) {
      this._setError(toErrorDisplay(e));
    }
  }

  /** The player said "error" without an error event: never leave a blank box. */
  private _fallbackError(player: SprintPlayerApi): void {
    setTimeout(() => {
      if (this._player !== player || this._error) return;
      this._setError(mediaErrorDisplay(this._video));
    }, 0);
  }
}
