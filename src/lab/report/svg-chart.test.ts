import { describe, expect, it } from 'vitest';
import { escapeXml, niceStep, renderChart } from './svg-chart.js';

describe('svg chart', () => {
  it('picks round tick steps', () => {
    expect(niceStep(10)).toBe(2);
    expect(niceStep(90, 8)).toBe(20);
    expect(niceStep(0.7)).toBeCloseTo(0.2, 10);
    expect(niceStep(0)).toBe(1);
  });

  it('renders one path per non-empty series, escaped labels and a legend', () => {
    const svg = renderChart(
      [
        { label: 'player <Mbit/s>', color: '#06c', points: [[0, 1], [1, 3], [2, 2]], fill: true },
        { label: 'fair share', color: '#c60', points: [[0, 2.5], [2, 2.5]], dashed: true },
        { label: 'empty', color: '#999', points: [] },
      ],
      { title: 'throughput', yLabel: 'Mbit/s', xMax: 2 },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('player &lt;Mbit/s&gt;');
    expect(svg.match(/stroke-width="1.5"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(escapeXml('a&"b')).toBe('a&amp;&quot;b');
  });

  it('draws steps as horizontal then vertical moves', () => {
    const svg = renderChart([{ label: 'n', color: '#000', points: [[0, 0], [1, 2]], step: true }], { title: 't', yLabel: 'n', xMax: 1, yMax: 2 });
    expect(svg).toMatch(/d="M48\.0,144\.0H548\.0L548\.0,22\.0"/);
  });
});
