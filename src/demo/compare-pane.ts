/**
 * <sprint-compare-pane>: one player of the comparison page. Its video, Start
 * and Stop, an ABR choice, and live numbers from the player-agnostic
 * measurement (the same for every player), re-rendered at most 4 times a
 * second. Our player's own stats add its Sprint runs and fair-share estimate.
 *
 * Test hooks (data-testid, `<p>` = the player name): pane-<p>, pane-<p>-status,
 * -start, -stop, -abr, -time, -bitrate, -resolution, -buffer, -startup,
 * -stalls, -qoe, -bytes, -busy, -busy-rate, -fair-share, -fraction (its
 * `data-value` is the raw number), -runs, -throughput (data-points,
 * data-fair-share), -throughput-sizes, -waterfall (data-bars,
 * data-max-video-in-flight), -errors.
 */
import { LitElement, html, nothing } from 'lit';
import { isOurPlayer, type PlayerName } from '../compare/player-adapter.js';
import { formatBitrate, formatDimensions, formatMbits, formatMs, formatSeconds, UNKNOWN } from '../ui/format.js';
import { comparePaneStyles } from './compare-pane-styles.js';
import { DEMO_ABR_NAMES } from './demo-config.js';
import { renderThroughputFigure, renderWaterfallFigure } from './pane-charts.js';
import type { PaneSession, PaneSnapshot } from './pane-session.js';
import { renderRuns } from './pane-runs.js';

export const PLAYER_TITLES: Readonly<Record<PlayerName, string>> = {
  sprint: 'Sprint',
  'sprint-serial': 'Sprint, one request at a time',
  sequential: 'Sequential (our player)',
  dashjs: 'dash.js',
  shaka: 'Shaka Player',
};

/** Re-render period: 4 Hz is enough to read and keeps four panes cheap. */
export const PANE_REFRESH_MS = 250;

const fixed = (value: number | undefined, digits: number): string => (value === undefined || !Number.isFinite(value) ? UNKNOWN : value.toFixed(digits));

export class SprintComparePane extends LitElement {
  static override properties = {
    session: { attribute: false },
    src: { type: String },
    abr: { type: String },
    sharedOrigin: { type: Boolean, attribute: 'shared-origin' },
    _snap: { state: true },
  };

  static override styles = comparePaneStyles;

  declare session: PaneSession | undefined;
  /** Absolute MPD URL on this pane's media origin. */
  declare src: string;
  /** Our ABR name, or '' for the player's default. */
  declare abr: string;
  /** The server gave no origin of its own for this pane: its requests cannot be told apart. */
  declare sharedOrigin: boolean;
  declare private _snap: PaneSnapshot | undefined;

  private _timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.session = undefined;
    this.src = '';
    this.abr = '';
    this.sharedOrigin = false;
    this._snap = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._timer = setInterval(() => this.refresh(), PANE_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
  }

  /** Takes a new snapshot from the session (the page calls it on status changes too). */
  refresh(): void {
    const session = this.session;
    if (!session || session.status === 'idle') return;
    this._snap = session.snapshot(performance.now());
  }

  async start(): Promise<void> {
    await this.session?.start(this.src, this.abr || undefined);
    this.refresh();
  }

  async stop(): Promise<void> {
    await this.session?.stop();
    this.refresh();
  }

  private _onAbrChange(e: Event): void {
    this.abr = (e.target as HTMLSelectElement).value;
    if (this.abr && this.session?.running) this.session.setAbr(this.abr);
    this.dispatchEvent(new CustomEvent('pane-abr-change', { detail: { abr: this.abr }, bubbles: true, composed: true }));
  }

  private _number(key: string, label: string, text: string, value?: number, extraClass = '') {
    const id = this.session?.options.player ?? 'x';
    return html`<div class=${`cell ${extraClass}`}>
      <dt>${label}</dt>
      <dd data-testid=${`pane-${id}-${key}`} data-value=${value === undefined || !Number.isFinite(value) ? '' : String(value)}>${text}</dd>
    </div>`;
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const id = session.options.player;
    const s = this._snap;
    const m = s?.metrics;
    const status = session.status;
    const running = session.running;
    // While it runs: the fair share now; afterwards: the one its fraction is relative to.
    const fairShown = running ? session.options.fairShare.valueAt(s?.nowMs ?? performance.now()) : (m?.meanFairShareBps ?? session.options.fairShare.valueAt(performance.now()));
    const canChooseAbr = id !== 'shaka';
    const resolution = s && s.videoWidth > 0 ? formatDimensions(s.videoWidth, s.videoHeight) : UNKNOWN;
    const stalls = m ? `${m.stalls.length}${m.stallMs > 0 ? ` · ${formatSeconds(m.stallMs / 1000)}` : ''}` : UNKNOWN;
    return html`
      <section class="pane" data-testid=${`pane-${id}`} aria-labelledby="title">
        <header>
          <h2 id="title">${PLAYER_TITLES[id]}</h2>
          <span class="status" data-status=${status} data-testid=${`pane-${id}-status`}>${status}</span>
          <span class="spacer"></span>
          <label class="abr">
            <span class="visually-hidden">ABR for ${PLAYER_TITLES[id]}</span>
            <select
              data-testid=${`pane-${id}-abr`}
              .value=${canChooseAbr ? this.abr : ''}
              ?disabled=${!canChooseAbr}
              title=${canChooseAbr ? (s?.abrApplied ? `runs: ${s.abrApplied}` : 'ABR') : 'Shaka runs its own ABR (defaults)'}
              @change=${this._onAbrChange}
            >
              <option value="">${canChooseAbr ? 'default ABR' : 'Shaka ABR'}</option>
              ${canChooseAbr ? DEMO_ABR_NAMES.map((name) => html`<option value=${name} ?selected=${this.abr === name}>${name}</option>`) : nothing}
            </select>
          </label>
          <button data-testid=${`pane-${id}-start`} @click=${() => void this.start()}>${running ? 'Restart' : 'Start'}</button>
          <button data-testid=${`pane-${id}-stop`} ?disabled=${!running} @click=${() => void this.stop()}>Stop</button>
        </header>
        <div class="top">
        <div class="video-box">
          ${session.video}
          ${s && s.errors.length > 0
            ? html`<div class="errors" role="alert" data-testid=${`pane-${id}-errors`}>${s.errors.slice(-3).join('\n')}</div>`
            : nothing}
        </div>
        <div class="side">
        <p class="scheduler">${s?.scheduler || UNKNOWN} · ABR ${s?.abrApplied || UNKNOWN}${this.sharedOrigin ? ' · shares the page origin' : ''}</p>
        <dl class="numbers">
          ${this._number('time', 'Position', formatSeconds(s?.positionS), s?.positionS)}
          ${this._number('bitrate', 'Bitrate', m?.playing ? formatBitrate(m.playing.bandwidth) : UNKNOWN, m?.playing?.bandwidth)}
          ${this._number('resolution', 'Resolution', resolution)}
          ${this._number('buffer', 'Buffer', formatSeconds(m?.bufferAheadS), m?.bufferAheadS)}
          ${this._number('startup', 'Startup', formatMs(m?.startupMs), m?.startupMs)}
          ${this._number('stalls', 'Stalls', stalls, m?.stalls.length)}
          ${this._number('qoe', 'QoE / min', fixed(m?.qoe?.qoePerMinute, 1), m?.qoe?.qoePerMinute)}
          ${this._number('bytes', 'Media', m ? `${(m.mediaBytes / 1e6).toFixed(1)} MB` : UNKNOWN, m?.mediaBytes)}
          ${this._number('busy', 'Busy', m ? formatSeconds(m.busyMs / 1000) : UNKNOWN, m ? m.busyMs / 1000 : undefined)}
          ${this._number('busy-rate', 'Busy rate', formatMbits(m?.busyThroughputBps), m?.busyThroughputBps)}
          ${this._number('fair-share', 'Fair share', formatMbits(fairShown), fairShown)}
          ${this._number('fraction', 'Of fair share', fixed(m?.fraction, 2), m?.fraction, 'fraction')}
        </dl>
        ${renderRuns(id, s?.sprint)}
        </div>
        </div>
        ${renderThroughputFigure({
          testid: `pane-${id}-throughput`,
          nowMs: s?.nowMs ?? 0,
          periods: m?.periods ?? [],
          runs: s?.sprint?.runs ?? [],
          estimate: s?.estimate ?? [],
          fairShare: session.options.fairShare.steps,
          hasEstimate: isOurPlayer(id),
        })}
        ${renderWaterfallFigure(`pane-${id}-waterfall`, s?.nowMs ?? 0, m?.bars ?? [], m?.maxVideoInFlight ?? 0)}
      </section>
    `;
  }
}

export function defineComparePane(): void {
  if (!customElements.get('sprint-compare-pane')) customElements.define('sprint-compare-pane', SprintComparePane);
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-compare-pane': SprintComparePane;
  }
}
