/**
 * <sprint-stats-overlay>: a fixed-size, semi-transparent panel over the video
 * with the player's live numbers (from `player.stats$`) and a throughput chart:
 * one dot per download (from `player.requests$`) over the last `windowS` seconds, the throughput
 * estimate as a step line, Sprint runs as segments at their measured
 * throughput, and a dashed fair-share line: `fairShareBps` when the embedder
 * knows the true fair share (e.g. the lab), otherwise the player's own
 * estimate (`stats.fairShareBps`). It keeps collecting history while closed
 * so opening it shows the recent past; it only re-renders while `open`.
 *
 * Every value cell has a `data-stat` attribute (state, scheduler, abr, video,
 * buffer, last-throughput, estimate, fair-share, rtt, in-flight, transport, startup,
 * stalls, switches, runs) for tests; the fair-share cell's `data-source` says
 * `given`, `estimate` or `none`.
 */
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { Subscription } from 'rxjs';
import type { PlayerStats, SprintPlayerApi } from '../player/types.js';
import type { Pipelining } from '../scheduler/types.js';
import { buildChart, downloadPoint, insertPoint, pruneBefore, type ChartPoint } from './chart.js';
import { chartRuns, fairShareOf, runsSummary } from './overlay-runs.js';
import {
  UNKNOWN,
  formatDimensions,
  formatMbits,
  formatMs,
  formatSeconds,
  qualityLabel,
} from './format.js';
import { closeIcon } from './icons.js';
import { accent, chartEstimate, chartFair, chartRun, chartSample, fg, fgMuted, font, overlayBg } from './theme.js';

/** 'unavailable' is an HTTP/1.x origin: requests go one at a time instead of overlapping. */
const PIPELINING_LABELS: Record<Pipelining, string> = { pipelined: 'pipelined', serial: 'serial', unavailable: 'no pipelining' };

const PANEL_W = 360;
const CHART_W = PANEL_W - 24;
const CHART_H = 64;

export class SprintStatsOverlay extends LitElement {
  static override properties = {
    player: { attribute: false },
    open: { type: Boolean, reflect: true },
    fairShareBps: { attribute: false },
    windowS: { type: Number, attribute: 'window-s' },
    _stats: { state: true },
  };

  declare player: SprintPlayerApi | undefined;
  /** Reflected; the overlay is display:none while closed. */
  declare open: boolean;
  /**
   * Hook for the fair-share line: this player's true fair share of the
   * bottleneck, bits/s. Drawn dashed when set; otherwise the player's own
   * fair-share estimate is drawn (and labelled as an estimate).
   */
  declare fairShareBps: number | undefined;
  /** Seconds of history in the chart. */
  declare windowS: number;

  declare private _stats: PlayerStats | undefined;

  private _sub: Subscription | undefined;
  private _subscribedTo: SprintPlayerApi | undefined;
  private _latest: PlayerStats | undefined;
  private _samples: ChartPoint[] = [];
  private _estimate: ChartPoint[] = [];

  constructor() {
    super();
    this.player = undefined;
    this.open = false;
    this.fairShareBps = undefined;
    this.windowS = 60;
    this._stats = undefined;
  }

  /** The history behind the chart (copies), for tests and embedders. */
  get history(): { samples: ChartPoint[]; estimate: ChartPoint[] } {
    return { samples: [...this._samples], estimate: [...this._estimate] };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('player') && this.isConnected) this._subscribe();
    if (changed.has('open') && this.open) this._stats = this._latest;
  }

  private _subscribe(): void {
    if (this._sub && this._subscribedTo === this.player) return;
    this._unsubscribe();
    const player = this.player;
    if (this._subscribedTo !== player) {
      this._samples = [];
      this._estimate = [];
      this._latest = undefined;
      this._stats = undefined;
    }
    this._subscribedTo = player;
    if (!player) return;
    // Every finished download is a dot; stats$ (every ~500 ms) adds the
    // latest sample too, in case requests$ missed one.
    this._sub = player.stats$.subscribe((s) => this._onStats(s));
    this._sub.add(
      player.requests$.subscribe((r) => {
        const p = downloadPoint(r);
        if (p) insertPoint(this._samples, p);
      }),
    );
  }

  private _unsubscribe(): void {
    this._sub?.unsubscribe();
    this._sub = undefined;
  }

  private _onStats(s: PlayerStats): void {
    const sample = s.lastThroughput;
    if (sample) insertPoint(this._samples, { atMs: sample.atMs, bps: sample.bitsPerSecond });
    const lastEstimate = this._estimate[this._estimate.length - 1];
    if (s.throughputBps !== undefined && lastEstimate?.bps !== s.throughputBps) {
      this._estimate.push({ atMs: s.atMs, bps: s.throughputBps });
    }
    const cutoff = s.atMs - this.windowS * 1000;
    this._samples = pruneBefore(this._samples, cutoff, false);
    this._estimate = pruneBefore(this._estimate, cutoff, true);
    this._latest = s;
    if (this.open) this._stats = s;
  }

  private _close(): void {
    this.dispatchEvent(new CustomEvent('sprint-stats-toggle', { bubbles: true, composed: false }));
  }

  private _renderChart(s: PlayerStats | undefined) {
    const fair = fairShareOf(this.fairShareBps, s);
    const runs = chartRuns(s);
    const g = buildChart({
      nowMs: s?.atMs ?? 0,
      windowMs: this.windowS * 1000,
      samples: this._samples,
      estimate: this._estimate,
      fairShareBps: fair.bps,
      runs,
      width: CHART_W,
      height: CHART_H,
    });
    const max = `${+(g.maxBps / 1e6).toPrecision(3)} Mbit/s`;
    return html`
      <svg
        class="chart"
        part="chart"
        data-testid="stats-chart"
        viewBox="0 0 ${CHART_W} ${CHART_H}"
        width=${CHART_W}
        height=${CHART_H}
        role="img"
        aria-label=${`Throughput per download over the last ${this.windowS} seconds; scale up to ${max}`}
      >
        ${g.gridYs.map((y) => svg`<line class="grid" x1="0" x2=${CHART_W} y1=${y} y2=${y}></line>`)}
        ${g.fairShareY !== undefined
          ? svg`<line class="fair" data-testid="stats-fair-share-line" x1="0" x2=${CHART_W} y1=${g.fairShareY} y2=${g.fairShareY}></line>`
          : nothing}
        ${g.estimatePath ? svg`<path class="estimate" data-testid="stats-estimate-line" d=${g.estimatePath}></path>` : nothing}
        ${g.runs.map((r) => svg`<line class="run" data-testid="stats-run" x1=${r.x1} x2=${r.x2} y1=${r.y} y2=${r.y}></line>`)}
        ${g.dots.map((d) => svg`<circle class="sample" cx=${d.x} cy=${d.y} r="2.5"></circle>`)}
      </svg>
      <div class="legend" aria-hidden="true">
        <span><i class="key sample"></i>download</span>
        <span><i class="key estimate"></i>estimate</span>
        ${runs.length > 0 ? html`<span><i class="key run"></i>run</span>` : nothing}
        ${fair.source !== 'none' ? html`<span><i class="key fair"></i>${fair.source === 'given' ? 'fair share' : 'fair (est.)'}</span>` : nothing}
        <span class="max">max ${max}</span>
      </div>
    `;
  }

  protected override render() {
    if (!this.open) return nothing;
    const s = this._stats;
    const v = s?.video;
    const video = v ? `${qualityLabel(v)}${v.width && v.height ? ` (${formatDimensions(v.width, v.height)})` : ''}` : UNKNOWN;
    // Pairs share a line; 'video' takes a whole line. Fixed rows, so nothing moves as values arrive.
    const cell = (label: string, key: string, value: string, wide = false, title = value) =>
      html`<dt>${label}</dt><dd class=${wide ? 'wide' : ''} data-stat=${key} title=${title}>${value}</dd>`;
    const fair = fairShareOf(this.fairShareBps, s);
    const runs = runsSummary(s);
    const transport = s?.protocol ? `${s.protocol}${s.pipelining ? ` · ${PIPELINING_LABELS[s.pipelining]}` : ''}` : UNKNOWN;
    return html`
      <section class="panel" part="panel" aria-label="Playback statistics">
        <header>
          <span class="title">Stats</span>
          <button class="close" part="stats-close" data-testid="stats-close" aria-label="Close stats" @click=${this._close}>
            ${closeIcon}
          </button>
        </header>
        <dl>
          ${cell('State', 'state', s?.state ?? UNKNOWN)}
          ${cell('Switches', 'switches', s ? String(s.switches) : UNKNOWN)}
          ${cell('Scheduler', 'scheduler', s?.scheduler || UNKNOWN)}
          ${cell('ABR', 'abr', s?.abr || UNKNOWN)}
          ${cell('Video', 'video', video, true)}
          ${cell('Transport', 'transport', transport, true)}
          ${cell('Buffer', 'buffer', formatSeconds(s?.bufferAheadS))}
          ${cell('In flight', 'in-flight', s ? String(s.requestsInFlight) : UNKNOWN)}
          ${cell('Last dl', 'last-throughput', formatMbits(s?.lastThroughput?.bitsPerSecond))}
          ${cell('Estimate', 'estimate', formatMbits(s?.throughputBps))}
          ${cell('RTT', 'rtt', formatMs(s?.rttMs))}
          <dt>Fair share</dt>
          <dd data-stat="fair-share" data-source=${fair.source} title=${fair.source === 'estimate' ? "the player's own estimate" : fair.source}>
            ${formatMbits(fair.bps)}${fair.source === 'estimate' ? ' est.' : ''}
          </dd>
          ${cell('Startup', 'startup', formatMs(s?.startupMs))}
          ${cell('Stalls', 'stalls', s ? String(s.stalls.length) : UNKNOWN)}
          ${cell('Runs', 'runs', runs.text, true, runs.title)}
        </dl>
        ${this._renderChart(s)}
      </section>
    `;
  }

  static override styles = css`
    :host {
      display: block;
      width: ${PANEL_W}px;
      max-width: calc(100% - 16px);
      max-height: calc(100% - 16px);
      overflow: hidden;
      color: ${fg};
      font-family: ${font};
      font-size: 11.5px;
      line-height: 1.4;
      contain: content;
    }
    :host(:not([open])) {
      display: none;
    }
    .panel {
      box-sizing: border-box;
      width: ${PANEL_W}px;
      padding: 6px 12px 8px;
      border-radius: 8px;
      background: ${overlayBg};
      backdrop-filter: blur(2px);
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      height: 22px;
    }
    .title {
      font-weight: 600;
      letter-spacing: 0.02em;
    }
    .close {
      all: unset;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 32px;
      height: 32px;
      margin-right: -8px;
      border-radius: 6px;
      cursor: pointer;
    }
    .close .icon {
      width: 18px;
      height: 18px;
    }
    .close:focus-visible {
      outline: 2px solid ${accent};
    }
    dl {
      display: grid;
      grid-template-columns: 62px minmax(0, 1fr) 62px minmax(0, 1fr);
      margin: 2px 0 6px;
      column-gap: 6px;
    }
    dt {
      color: ${fgMuted};
      white-space: nowrap;
    }
    dd {
      margin: 0;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      font-variant-numeric: tabular-nums;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    dd.wide {
      grid-column: 2 / -1;
    }
    .chart {
      display: block;
      width: ${CHART_W}px;
      height: ${CHART_H}px;
      background: rgba(255, 255, 255, 0.05);
      border-radius: 4px;
    }
    .grid {
      stroke: rgba(255, 255, 255, 0.1);
      stroke-width: 1;
    }
    .sample {
      fill: ${chartSample};
    }
    .estimate {
      fill: none;
      stroke: ${chartEstimate};
      stroke-width: 2;
    }
    .fair {
      stroke: ${chartFair};
      stroke-width: 1.5;
      stroke-dasharray: 5 4;
    }
    .legend {
      display: flex;
      gap: 10px;
      margin-top: 4px;
      color: ${fgMuted};
      font-size: 11px;
      white-space: nowrap;
    }
    .legend .max {
      margin-left: auto;
      font-variant-numeric: tabular-nums;
    }
    .key {
      display: inline-block;
      width: 10px;
      height: 0;
      margin-right: 4px;
      vertical-align: middle;
      border-top: 2px solid;
    }
    .key.sample {
      width: 6px;
      height: 6px;
      border: none;
      border-radius: 50%;
      background: ${chartSample};
    }
    .key.estimate {
      border-color: ${chartEstimate};
    }
    .run {
      stroke: ${chartRun};
      stroke-width: 3;
    }
    .key.run {
      border-top-width: 3px;
      border-color: ${chartRun};
    }
    .key.fair {
      border-top-style: dashed;
      border-color: ${chartFair};
    }
  `;
}

export function defineSprintStatsOverlay(): void {
  if (typeof customElements !== 'undefined' && !customElements.get('sprint-stats-overlay')) {
    customElements.define('sprint-stats-overlay', SprintStatsOverlay);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sprint-stats-overlay': SprintStatsOverlay;
  }
}
