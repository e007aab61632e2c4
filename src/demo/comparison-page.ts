/**
 * <sprint-comparison>: the comparison page. One pane per player (Sprint, our
 * player with the sequential scheduler, dash.js, Shaka), each on its own media
 * origin, all playing the same stream; started together ("Start all"), one at
 * a time for a fixed time each ("One at a time", what the lab runner does),
 * or pane by pane. It owns the true fair share: fixed from the query string,
 * or in lab mode the calibrated goodput ÷ (competitors + players running).
 *
 * Test hooks: start-all, turns, stop-all, stream, global-abr, turn-status,
 * page-mode (data-mode = lab | unshaped, data-fair-share = none | fixed | lab).
 */
import { LitElement, html, nothing } from 'lit';
import type { PlayerName } from '../compare/player-adapter.js';
import { buildSegmentMap, type SegmentMap } from '../compare/segment-map.js';
import { parseMpd } from '../manifest/parse-mpd.js';
import { PLAYER_TITLES, defineComparePane, type SprintComparePane } from './compare-pane.js';
import { comparisonPageStyles } from './comparison-page-styles.js';
import {
  DEFAULT_SRC, DEMO_ABR_NAMES, LAB_SETTLE_S, fairShareBpsFor, fairShareSource, mediaOriginFor,
  type DemoPageParams, type DemoServerConfig, type FairShareSource,
} from './demo-config.js';
import { FairShareTimeline } from './fair-share-timeline.js';
import { renderModeBanner } from './mode-banner.js';
import { PaneSession } from './pane-session.js';

interface Turn {
  readonly index: number;
  readonly player: PlayerName;
  /** 'settle': the competitors run alone before the player starts. */
  readonly phase: 'settle' | 'play';
  readonly endsAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SprintComparison extends LitElement {
  static override properties = {
    params: { attribute: false },
    config: { attribute: false },
    _src: { state: true },
    _abr: { state: true },
    _turn: { state: true },
    _turnsDone: { state: true },
    _running: { state: true },
  };

  static override styles = comparisonPageStyles;

  declare params: DemoPageParams;
  /** What the server said (undefined when it serves no /__demo/config.json). */
  declare config: DemoServerConfig | undefined;
  declare private _src: string;
  declare private _abr: string;
  declare private _turn: Turn | undefined;
  declare private _turnsDone: boolean;
  declare private _running: number;

  private readonly _timeline = new FairShareTimeline();
  private _fairSource: FairShareSource = { kind: 'none' };
  private _sessions: PaneSession[] = [];
  private readonly _maps = new Map<string, Promise<SegmentMap>>();
  private _turnToken = 0;
  private _ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this._src = DEFAULT_SRC;
    this._abr = '';
    this._turn = undefined;
    this._turnsDone = false;
    this._running = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    defineComparePane();
    this._fairSource = fairShareSource(this.params, this.config);
    this._timeline.set(performance.now(), fairShareBpsFor(this._fairSource, 1));
    this._src = this.params.src ?? this.config?.defaultSrc ?? DEFAULT_SRC;
    this._abr = this.params.abr ?? '';
    this._sessions = this.params.players.map(
      (player) =>
        new PaneSession({
          player,
          origin: this._originOf(player).origin,
          segmentMap: (src) => this._segmentMap(src),
          fairShare: this._timeline,
          onStatus: () => this._onStatus(),
        }),
    );
    // Panes exist once the first render is done.
    if (this.params.autostart === 'all') void this.updateComplete.then(() => this.startAll());
    if (this.params.autostart === 'turns') void this.updateComplete.then(() => this.runTurns());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._turnToken++;
    clearInterval(this._ticker);
    for (const session of this._sessions) void session.stop();
  }

  private _originOf(player: PlayerName) {
    return mediaOriginFor(player, this.config, location);
  }

  private _srcFor(player: PlayerName): string {
    return new URL(this._src, this._originOf(player).origin).href;
  }

  /** The MPD is read once per stream (from the page's origin) to name every request's segment. */
  private _segmentMap(src: string): Promise<SegmentMap> {
    const path = new URL(src).pathname;
    let map = this._maps.get(path);
    if (!map) {
      map = fetch(path, { cache: 'no-store' })
        .then((response) => {
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          return response.text();
        })
        .then((text) => buildSegmentMap(parseMpd(text, src)));
      map.catch(() => this._maps.delete(path));
      this._maps.set(path, map);
    }
    return map;
  }

  private _onStatus(): void {
    this._running = this._sessions.filter((s) => s.running).length;
    this._timeline.set(performance.now(), fairShareBpsFor(this._fairSource, this._running));
    for (const pane of this._panes()) pane.refresh();
  }

  private _panes(): SprintComparePane[] {
    return [...this.renderRoot.querySelectorAll('sprint-compare-pane')];
  }

  async startAll(): Promise<void> {
    this._turnToken++;
    this._turn = undefined;
    this._turnsDone = false;
    await Promise.all(this._panes().map((pane) => pane.start()));
  }

  async stopAll(): Promise<void> {
    this._turnToken++;
    this._turn = undefined;
    this._turnsDone = false;
    clearInterval(this._ticker);
    await Promise.all(this._panes().map((pane) => pane.stop()));
  }

  /**
   * Each pane alone for params.turnS seconds, in page order, after the
   * competitors ran alone for the settle time: the lab runner's conditions.
   */
  async runTurns(): Promise<void> {
    await this.stopAll();
    const token = ++this._turnToken;
    const settleS = this.params.settleS ?? (this.config?.lab ? LAB_SETTLE_S : 0);
    this._ticker = setInterval(() => this.requestUpdate(), 1000);
    const waitUntil = async (endsAt: number): Promise<boolean> => {
      while (token === this._turnToken && performance.now() < endsAt) await sleep(200);
      return token === this._turnToken;
    };
    for (const [index, pane] of this._panes().entries()) {
      const player = pane.session?.options.player;
      if (token !== this._turnToken || !player) return;
      if (settleS > 0) {
        this._turn = { index, player, phase: 'settle', endsAt: performance.now() + settleS * 1000 };
        if (!(await waitUntil(this._turn.endsAt))) return;
      }
      this._turn = { index, player, phase: 'play', endsAt: performance.now() + this.params.turnS * 1000 };
      await pane.start();
      if (!(await waitUntil(this._turn.endsAt))) return;
      await pane.stop();
    }
    clearInterval(this._ticker);
    this._turn = undefined;
    this._turnsDone = true;
  }

  private _onStreamChange(e: Event): void {
    this._src = (e.target as HTMLSelectElement).value;
  }

  private _onGlobalAbr(e: Event): void {
    this._abr = (e.target as HTMLSelectElement).value;
    for (const pane of this._panes()) {
      pane.abr = this._abr;
      if (this._abr && pane.session?.running) pane.session.setAbr(this._abr);
    }
  }

  private _renderTurn() {
    const turn = this._turn;
    if (this._turnsDone) return html`<span class="turn" data-testid="turn-status" data-turn="done">One at a time: done</span>`;
    if (!turn) return html`<span class="turn" data-testid="turn-status" data-turn="none"></span>`;
    const left = Math.max(0, Math.ceil((turn.endsAt - performance.now()) / 1000));
    const what = turn.phase === 'settle' ? `competitors alone before ${PLAYER_TITLES[turn.player]}` : `${PLAYER_TITLES[turn.player]} alone`;
    return html`<span class="turn" data-testid="turn-status" data-turn=${turn.player} data-phase=${turn.phase}>
      ${what}: ${left} s left (${turn.index + 1}/${this._sessions.length})
    </span>`;
  }

  protected override render() {
    const streams = this.config?.streams ?? [{ label: this._src, src: this._src }];
    return html`
      <div class="toolbar" role="toolbar" aria-label="Comparison controls">
        <button class="primary" data-testid="start-all" @click=${() => void this.startAll()}>Start all</button>
        <button data-testid="turns" @click=${() => void this.runTurns()} title="Each player alone, one after the other">
          One at a time (${this.params.turnS} s each)
        </button>
        <button data-testid="stop-all" ?disabled=${this._running === 0 && !this._turn} @click=${() => void this.stopAll()}>Stop all</button>
        <label>
          Stream
          <select data-testid="stream" .value=${this._src} @change=${this._onStreamChange}>
            ${streams.map((s) => html`<option value=${s.src} ?selected=${s.src === this._src}>${s.label}</option>`)}
          </select>
        </label>
        <label>
          ABR (our players, dash.js)
          <select data-testid="global-abr" .value=${this._abr} @change=${this._onGlobalAbr}>
            <option value="">each player's default</option>
            ${DEMO_ABR_NAMES.map((name) => html`<option value=${name} ?selected=${name === this._abr}>${name}</option>`)}
          </select>
        </label>
        ${this._renderTurn()}
      </div>
      ${renderModeBanner(this.config, this._fairSource, this._running)}
      <div class="grid">
        ${this._sessions.map((session) => {
          const player = session.options.player;
          return html`<sprint-compare-pane
            .session=${session}
            .src=${this._srcFor(player)}
            .abr=${this._abr}
            ?shared-origin=${!this._originOf(player).own}
          ></sprint-compare-pane>`;
        })}
      </div>
      ${this._sessions.length === 0 ? html`<p>No players selected.</p>` : nothing}
    `;
  }
}

export function defineComparison(): void {
  if (!customElements.get('sprint-comparison')) customElements.define('sprint-comparison', SprintComparison);
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-comparison': SprintComparison;
  }
}
