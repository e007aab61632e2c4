/**
 * A small self-contained SVG line/step chart for the report: no library, so
 * report.html stays one file. Pure: data in, markup out.
 */

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Step (hold until the next point) rather than straight lines. */
  readonly step?: boolean;
  readonly dashed?: boolean;
  /** Fill the area under the line, lightly. */
  readonly fill?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly yLabel: string;
  readonly xMax: number;
  /** Default: the data maximum, rounded up. */
  readonly yMax?: number;
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 48, right: 12, top: 22, bottom: 26 };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 1, 2 or 5 × a power of ten, so that about `count` ticks cover `max`. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function pathOf(points: readonly (readonly [number, number])[], step: boolean, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  points.forEach(([px, py], i) => {
    if (i === 0) d += `M${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    else {
      if (step) d += `H${x(px).toFixed(1)}`;
      d += `L${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    }
  });
  return d;
}

export function renderChart(series: readonly ChartSeries[], options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 170;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const dataMax = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p[1])));
  const yStep = niceStep(options.yMax ?? dataMax);
  const yMax = options.yMax ?? Math.max(yStep, Math.ceil((dataMax * 1.05) / yStep) * yStep);
  const xMax = Math.max(options.xMax, 1e-9);
  const x = (v: number): number => MARGIN.left + (Math.min(Math.max(v, 0), xMax) / xMax) * plotW;
  const y = (v: number): number => MARGIN.top + plotH - (Math.min(Math.max(v, 0), yMax) / yMax) * plotH;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}">`);
  parts.push(`<text x="${MARGIN.left}" y="14" class="title">${escapeXml(options.title)}</text>`);
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    parts.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 4}" y="${(y(v) + 3).toFixed(1)}" class="tick" text-anchor="end">${Number(v.toPrecision(6))}</text>`);
  }
  const xStep = niceStep(xMax, 8);
  for (let v = 0; v <= xMax + 1e-9; v += xStep) {
    parts.push(`<text x="${x(v).toFixed(1)}" y="${height - 10}" class="tick" text-anchor="middle">${Number(v.toPrecision(6))}</text>`);
  }
  parts.push(`<text x="${width - MARGIN.right}" y="${height - 1}" class="tick" text-anchor="end">s</text>`);
  parts.push(`<text x="10" y="${MARGIN.top + plotH / 2}" class="tick" transform="rotate(-90 10 ${MARGIN.top + plotH / 2})" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);
  for (const s of series) {
    if (s.points.length === 0) continue;
    const d = pathOf(s.points, s.step ?? false, x, y);
    const first = s.points[0] as readonly [number, number];
    const last = s.points[s.points.length - 1] as readonly [number, number];
    if (s.fill) parts.push(`<path d="${d}L${x(last[0]).toFixed(1)},${y(0).toFixed(1)}L${x(first[0]).toFixed(1)},${y(0).toFixed(1)}Z" fill="${s.color}" fill-opacity="0.18" stroke="none"/>`);
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
  }
  // Legend to the right of the title (≈ 6.5 px per character at 12 px).
  let legendX = MARGIN.left + options.title.length * 6.5 + 16;
  for (const s of series) {
    parts.push(`<rect x="${legendX}" y="6" width="10" height="3" fill="${s.color}"/><text x="${legendX + 14}" y="11" class="legend">${escapeXml(s.label)}</text>`);
    legendX += 24 + s.label.length * 6;
  }
  parts.push('</svg>');
  return parts.join('');
}
