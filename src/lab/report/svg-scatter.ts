/**
 * A small self-contained SVG scatter plot with a y = x diagonal and a band
 * around it, for comparing a prediction (x) with a measurement (y) on the same
 * scale. No library, so report.html stays one file. Pure: data in, markup out.
 */
import { escapeXml, niceStep } from './svg-chart.js';

export type ScatterMarker = 'circle' | 'square' | 'triangle';

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** Shown on hover (an SVG <title>). */
  readonly note?: string;
}

export interface ScatterSeries {
  readonly label: string;
  readonly color: string;
  readonly marker: ScatterMarker;
  readonly points: readonly ScatterPoint[];
}

export interface ScatterOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Both axes run 0 → max; points beyond are drawn on the edge. */
  readonly max: number;
  /** Half-width of the band around y = x; 0 draws none. */
  readonly band: number;
  readonly size?: number;
}

const MARGIN = { left: 48, right: 190, top: 24, bottom: 36 };
const MARKER_R = 4;

/** The element and geometry of a marker centred on (cx, cy). */
function markerShape(marker: ScatterMarker, cx: number, cy: number): { tag: string; geometry: string } {
  const at = (v: number): string => v.toFixed(1);
  const r = MARKER_R;
  if (marker === 'square') return { tag: 'rect', geometry: `x="${at(cx - r)}" y="${at(cy - r)}" width="${2 * r}" height="${2 * r}"` };
  if (marker === 'triangle') return { tag: 'path', geometry: `d="M${at(cx)},${at(cy - r - 1)}L${at(cx + r + 1)},${at(cy + r)}L${at(cx - r - 1)},${at(cy + r)}Z"` };
  return { tag: 'circle', geometry: `cx="${at(cx)}" cy="${at(cy)}" r="${r}"` };
}

function markerOf(className: string, marker: ScatterMarker, cx: number, cy: number, color: string, note?: string): string {
  const { tag, geometry } = markerShape(marker, cx, cy);
  // A <title> inside the marker is what the browser shows on hover.
  const title = note === undefined ? '' : `<title>${escapeXml(note)}</title>`;
  return `<${tag} class="${className}" ${geometry} fill="${color}" fill-opacity="0.75" stroke="${color}">${title}</${tag}>`;
}

export function renderScatter(series: readonly ScatterSeries[], options: ScatterOptions): string {
  const size = options.size ?? 360;
  const width = MARGIN.left + size + MARGIN.right;
  const height = MARGIN.top + size + MARGIN.bottom;
  const max = options.max;
  const clamp = (v: number): number => Math.min(Math.max(v, 0), max);
  const x = (v: number): number => MARGIN.left + (clamp(v) / max) * size;
  const y = (v: number): number => MARGIN.top + size - (clamp(v) / max) * size;
  const at = (v: number): string => v.toFixed(1);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">`);
  parts.push(`<text x="${MARGIN.left}" y="14" class="title">${escapeXml(options.title)}</text>`);
  const step = niceStep(max, 6);
  for (let v = 0; v <= max + 1e-9; v += step) {
    const label = Number(v.toPrecision(6));
    parts.push(`<line x1="${at(x(0))}" x2="${at(x(max))}" y1="${at(y(v))}" y2="${at(y(v))}" class="grid"/>`);
    parts.push(`<line x1="${at(x(v))}" x2="${at(x(v))}" y1="${at(y(0))}" y2="${at(y(max))}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 4}" y="${at(y(v) + 3)}" class="tick" text-anchor="end">${label}</text>`);
    parts.push(`<text x="${at(x(v))}" y="${at(y(0) + 13)}" class="tick" text-anchor="middle">${label}</text>`);
  }
  parts.push(`<rect x="${at(x(0))}" y="${at(y(max))}" width="${size}" height="${size}" fill="none" stroke="#bbb"/>`);
  parts.push(`<text x="${at(x(max / 2))}" y="${height - 4}" class="tick" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  const midY = at(y(max / 2));
  parts.push(`<text x="10" y="${midY}" class="tick" transform="rotate(-90 10 ${midY})" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);

  const b = Math.min(Math.max(options.band, 0), max);
  if (b > 0) {
    // The strip |y − x| ≤ b, cut to the square.
    const corners: [number, number][] = [[0, 0], [0, b], [max - b, max], [max, max], [max, max - b], [b, 0]];
    parts.push(`<path class="band" d="M${corners.map(([px, py]) => `${at(x(px))},${at(y(py))}`).join('L')}Z" fill="#999" fill-opacity="0.15" stroke="none"/>`);
  }
  parts.push(`<line class="diagonal" x1="${at(x(0))}" y1="${at(y(0))}" x2="${at(x(max))}" y2="${at(y(max))}" stroke="#555" stroke-dasharray="5 4"/>`);

  for (const s of series) {
    for (const p of s.points) parts.push(markerOf('point', s.marker, x(p.x), y(p.y), s.color, p.note));
  }

  // Legend to the right of the plot: one row per series, then the guides.
  const legendX = MARGIN.left + size + 16;
  let legendY = MARGIN.top + 10;
  for (const s of series) {
    parts.push(markerOf('legend-marker', s.marker, legendX + MARKER_R, legendY - 3, s.color));
    parts.push(`<text x="${legendX + 14}" y="${legendY + 1}" class="legend">${escapeXml(`${s.label} (${s.points.length})`)}</text>`);
    legendY += 16;
  }
  parts.push(`<line x1="${legendX}" x2="${legendX + 10}" y1="${legendY - 3}" y2="${legendY - 3}" stroke="#555" stroke-dasharray="3 2"/>`);
  parts.push(`<text x="${legendX + 14}" y="${legendY + 1}" class="legend">y = x</text>`);
  if (b > 0) {
    legendY += 16;
    parts.push(`<rect x="${legendX}" y="${legendY - 8}" width="10" height="10" fill="#999" fill-opacity="0.3"/>`);
    parts.push(`<text x="${legendX + 14}" y="${legendY + 1}" class="legend">±${Number(b.toPrecision(3))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
