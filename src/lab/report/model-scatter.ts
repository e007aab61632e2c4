/**
 * The report's check of the throughput model (issue #4): predicted against
 * measured fraction of fair share, for probe downloads and for every Sprint
 * run the model sized. Pure: results in, markup out.
 */
import type { LabResults } from '../runner/results.js';
import type { SprintRunEntry } from '../runner/sprint-run-list.js';
import { escapeXml } from './svg-chart.js';
import { renderScatter, type ScatterMarker, type ScatterPoint, type ScatterSeries } from './svg-scatter.js';

export const MODEL_PLOT_TITLE = 'Model: predicted vs measured fraction of fair share';
/** Axes run 0–1.2: measured fractions above 1 happen (competitors back off), predictions stop at 1. */
const AXIS_MAX = 1.2;
/** The tolerance the model's unit tests hold it to against the reference measurements. */
const BAND = 0.07;

const PROBE_STYLE = { color: '#2166ac', marker: 'square' as ScatterMarker };
const RUN_STYLES: Readonly<Record<SprintRunEntry['reason'], { color: string; marker: ScatterMarker }>> = {
  model: { color: '#1a9850', marker: 'circle' },
  'low-buffer': { color: '#d95f02', marker: 'triangle' },
  startup: { color: '#7f7f7f', marker: 'circle' },
  continued: { color: '#7570b3', marker: 'triangle' },
};

const two = (v: number): string => v.toFixed(2);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export interface ModelScatterData {
  readonly series: readonly ScatterSeries[];
  /** Sprint runs with a prediction only for their plan that measurement stopped mid-way: left out, their fraction covers only a part. */
  readonly cutShort: number;
}

export function modelScatterData(results: LabResults): ModelScatterData {
  const probe = results.probe.flatMap((p) =>
    p.predictedFraction === null || p.measuredFraction === null
      ? []
      : [{
          x: p.predictedFraction, y: p.measuredFraction,
          note: `cell ${p.cell + 1} probe: ${p.bytes.toLocaleString('en')} B every ${p.periodS} s, n = ${p.count}: predicted ${two(p.predictedFraction)}, measured ${two(p.measuredFraction)}`,
        }],
  );
  const byReason = new Map<SprintRunEntry['reason'], ScatterPoint[]>();
  let cutShort = 0;
  for (const run of results.runs) {
    // Results written before sprintRunList existed have none.
    for (const entry of run.sprintRunList ?? []) {
      if (entry.predictedFraction === null) continue;
      // The model asked about the bytes the run received compares like with like, also for a
      // run cut short (what it got so far is a download of that size); results written
      // before runs carried the model's inputs have only the prediction for the plan.
      const forReceived = entry.predictedForReceived ?? null;
      if (entry.measuredFraction === null || (!entry.complete && forReceived === null)) {
        cutShort += 1;
        continue;
      }
      const x = forReceived ?? entry.predictedFraction;
      const points = byReason.get(entry.reason) ?? [];
      points.push({
        x, y: entry.measuredFraction,
        note: `cell ${run.cell + 1} ${run.player}: run at ${entry.startS.toFixed(1)} s (${entry.reason}` +
          `${entry.plannedBytes === null ? '' : `, planned ${mb(entry.plannedBytes)}`}, got ${mb(entry.bytes)} in ${entry.durationS.toFixed(1)} s` +
          `${entry.complete ? '' : ', cut short'}): predicted ${two(x)}${forReceived === null ? ' for the plan' : ''}, measured ${two(entry.measuredFraction)}`,
      });
      byReason.set(entry.reason, points);
    }
  }
  const series: ScatterSeries[] = [];
  if (probe.length > 0) series.push({ label: 'probe (size, period)', ...PROBE_STYLE, points: probe });
  for (const [reason, points] of byReason) series.push({ label: `Sprint run: ${reason}`, ...RUN_STYLES[reason], points });
  return { series, cutShort };
}

/** The plot with its caption; '' when there is nothing to plot. */
export function renderModelScatter(results: LabResults): string {
  const { series, cutShort } = modelScatterData(results);
  if (series.every((s) => s.points.length === 0)) return '';
  const svg = renderScatter(series, {
    title: MODEL_PLOT_TITLE, xLabel: 'predicted fraction (throughput model)', yLabel: 'measured fraction of calibrated fair share', max: AXIS_MAX, band: BAND,
  });
  const caption = 'x: the model\'s prediction for the planned run size (probe: for the object size). y: bytes ÷ (run start → last byte) ÷ the ' +
    'cell\'s calibrated fair share (probe: Σ bytes ÷ Σ download time). Dashed: y = x; shaded: ±0.07. Startup runs carry no prediction.' +
    (cutShort > 0 ? ` ${cutShort} run(s) cut short by the end of the measurement are left out.` : '');
  return `<h2>${escapeXml(MODEL_PLOT_TITLE)}</h2><div class="panel">${svg}<div class="muted">${escapeXml(caption)}</div></div>`;
}
