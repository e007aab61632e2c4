import { describe, expect, it } from 'vitest';
import { renderScatter, type ScatterSeries } from './svg-scatter.js';

const options = { title: 'predicted vs measured', xLabel: 'predicted', yLabel: 'measured', max: 1.2, band: 0.07 };

describe('renderScatter', () => {
  const series: ScatterSeries[] = [
    { label: 'probe', color: '#06c', marker: 'square', points: [{ x: 0.3, y: 0.32 }, { x: 0.48, y: 0.42 }] },
    { label: 'runs <a&b>', color: '#190', marker: 'circle', points: [{ x: 0.6, y: 0.6, note: 'run 1 <cut>' }] },
    { label: 'low', color: '#d50', marker: 'triangle', points: [{ x: 0.9, y: 1.5 }] },
  ];
  const svg = renderScatter(series, options);

  it('draws one marker per point, in each series\' shape', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/class="point"/g)).toHaveLength(4);
    expect(svg.match(/<rect class="point"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="point"/g)).toHaveLength(1);
    expect(svg.match(/<path class="point"/g)).toHaveLength(1);
    // Plot square 48..408 × 24..384 for 0..1.2: (0.6, 0.6) sits at its centre.
    expect(svg).toContain('<circle class="point" cx="228.0" cy="204.0"');
  });

  it('draws the y = x diagonal corner to corner and the band around it', () => {
    expect(svg).toContain('<line class="diagonal" x1="48.0" y1="384.0" x2="408.0" y2="24.0"');
    // ±0.07 is 21 px at 300 px per unit: the band starts at (0, 0.07) and ends at (1.2, 1.13).
    expect(svg).toMatch(/<path class="band" d="M48\.0,384\.0L48\.0,363\.0L387\.0,24\.0L408\.0,24\.0L408\.0,45\.0L69\.0,384\.0Z"/);
  });

  it('puts points beyond the axes on the edge, escapes text and counts points in the legend', () => {
    expect(svg).toMatch(/<path class="point" d="M318\.0,19\.0/); // y 1.5 drawn at 1.2 (y = 24, apex 5 px above)
    expect(svg).toContain('<title>run 1 &lt;cut&gt;</title>');
    expect(svg).toContain('runs &lt;a&amp;b&gt; (1)');
    expect(svg).toContain('probe (2)');
    expect(svg).toContain('±0.07');
  });

  it('draws no band when it is 0', () => {
    const bare = renderScatter([{ label: 'p', color: '#000', marker: 'circle', points: [] }], { ...options, band: 0 });
    expect(bare).not.toContain('class="band"');
    expect(bare).toContain('class="diagonal"');
    expect(bare).not.toContain('class="point"');
  });
});
