/**
 * A pane's two figures as Lit templates over fixed-size SVG viewBoxes (they
 * scale with the pane's width, never with their data, so nothing moves as
 * numbers arrive): throughput per busy period with the fair-share lines and
 * download sizes underneath, and the request waterfall.
 */
import { html, nothing, svg } from 'lit';
import type { RunRecord } from '../player/types.js';
import type { ChartPoint } from '../ui/chart.js';
import type { BusyPeriod } from './busy-periods.js';
import { throughputChart, waterfall } from './chart-geometry.js';
import type { FairShareStep } from './fair-share-timeline.js';
import type { WaterfallBar } from './pane-metrics.js';

export const CHART_W = 600;
const THROUGHPUT_H = 110;
const SIZES_H = 28;
const WATERFALL_H = 84;
export const THROUGHPUT_WINDOW_MS = 60_000;
export const WATERFALL_WINDOW_MS = 30_000;

/** Lowest rung to highest; audio is grey. */
export const LEVEL_COLOURS = ['#5b8def', '#39b8c9', '#57c785', '#c8c04a', '#ea944a', '#e5566b', '#c46be0', '#ffffff'];
export const AUDIO_COLOUR = '#8b8b96';

export function levelColour(contentType: string, level: number): string {
  if (contentType !== 'video') return AUDIO_COLOUR;
  return LEVEL_COLOURS[Math.min(level, LEVEL_COLOURS.length - 1)] ?? AUDIO_COLOUR;
}

const mbits = (bps: number): string => `${+(bps / 1e6).toPrecision(3)} Mbit/s`;
const megabytes = (bytes: number): string => `${+(bytes / 1e6).toPrecision(2)} MB`;

export interface ThroughputFigureInput {
  readonly testid: string;
  readonly nowMs: number;
  readonly periods: readonly BusyPeriod[];
  readonly runs: readonly RunRecord[];
  readonly estimate: readonly ChartPoint[];
  readonly fairShare: readonly FairShareStep[];
  /** Whether this player has a fair-share estimate of its own (ours). */
  readonly hasEstimate: boolean;
}

export function renderThroughputFigure(input: ThroughputFigureInput) {
  const axis = { nowMs: input.nowMs, windowMs: THROUGHPUT_WINDOW_MS, width: CHART_W };
  const g = throughputChart({ axis, height: THROUGHPUT_H, sizesHeight: SIZES_H, ...input });
  const hasFair = g.fairPath !== '';
  return html`
    <figure class="figure">
      <figcaption>
        <span>Throughput per busy period, last 60 s</span><span class="scale">max ${mbits(g.maxBps)}</span>
      </figcaption>
      <svg
        class="chart"
        data-testid=${input.testid}
        data-points=${g.dots.length}
        data-fair-share=${hasFair ? 'true' : 'false'}
        viewBox="0 0 ${CHART_W} ${THROUGHPUT_H}"
        preserveAspectRatio="none"
        role="img"
        aria-label=${`Throughput of each busy period over the last 60 seconds, up to ${mbits(g.maxBps)}${hasFair ? ', with the fair share dashed' : ''}`}
      >
        ${g.gridYs.map((y) => svg`<line class="grid" x1="0" x2=${CHART_W} y1=${y} y2=${y}></line>`)}
        ${hasFair ? svg`<path class="fair" data-testid=${`${input.testid}-fair`} d=${g.fairPath}></path>` : nothing}
        ${g.estimatePath ? svg`<path class="estimate" d=${g.estimatePath}></path>` : nothing}
        ${g.runs.map((r) => svg`<line class="run" x1=${r.x1} x2=${r.x2} y1=${r.y} y2=${r.y}></line>`)}
        ${g.dots.map((d) => svg`<circle class="dot" cx=${d.x} cy=${d.y} r="3.5"></circle>`)}
      </svg>
      <svg
        class="chart sizes"
        data-testid=${`${input.testid}-sizes`}
        data-bars=${g.sizeBars.length}
        viewBox="0 0 ${CHART_W} ${SIZES_H}"
        preserveAspectRatio="none"
        role="img"
        aria-label=${`Bytes of each busy period, up to ${megabytes(g.maxBytes)}`}
      >
        ${g.sizeBars.map((b) => svg`<rect class="size" x=${b.x - 2} y=${b.y} width="4" height=${b.h}></rect>`)}
      </svg>
      <div class="legend" aria-hidden="true">
        <span><i class="key dot"></i>busy period</span>
        ${input.runs.length > 0 ? html`<span><i class="key run"></i>Sprint run</span>` : nothing}
        ${input.hasEstimate ? html`<span><i class="key estimate"></i>its fair-share estimate</span>` : nothing}
        <span><i class="key fair"></i>${hasFair ? 'true fair share' : 'fair share unknown'}</span>
        <span class="scale">bars: bytes, max ${megabytes(g.maxBytes)}</span>
      </div>
    </figure>
  `;
}

export function renderWaterfallFigure(testid: string, nowMs: number, bars: readonly WaterfallBar[], maxVideoInFlight: number) {
  const axis = { nowMs, windowMs: WATERFALL_WINDOW_MS, width: CHART_W };
  const g = waterfall(bars, axis, WATERFALL_H);
  return html`
    <figure class="figure">
      <figcaption>
        <span>Requests in flight, last 30 s</span><span class="scale">most video at once: ${maxVideoInFlight}</span>
      </figcaption>
      <svg
        class="chart"
        data-testid=${testid}
        data-bars=${g.rects.length}
        data-max-video-in-flight=${maxVideoInFlight}
        viewBox="0 0 ${CHART_W} ${WATERFALL_H}"
        preserveAspectRatio="none"
        role="img"
        aria-label=${`Request waterfall: ${g.rects.length} requests in the last 30 seconds, at most ${maxVideoInFlight} video requests in flight at once`}
      >
        <line class="grid" x1="0" x2=${CHART_W} y1=${g.audioTop - 1} y2=${g.audioTop - 1}></line>
        ${g.rects.map((r) => svg`<rect x=${r.x} y=${r.y} width=${r.w} height=${r.h} fill=${levelColour(r.contentType, r.level)}></rect>`)}
      </svg>
      <div class="legend" aria-hidden="true">
        <span>video rung</span>
        ${LEVEL_COLOURS.slice(0, 6).map((c, i) => html`<i class="swatch" style=${`background:${c}`} title=${`level ${i}`}></i>`)}
        <span>low → high</span>
        <span><i class="swatch" style=${`background:${AUDIO_COLOUR}`}></i>audio (lower band)</span>
      </div>
    </figure>
  `;
}
