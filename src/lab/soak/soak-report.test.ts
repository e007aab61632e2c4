import { describe, expect, it } from 'vitest';
import { formatSoakSummary, renderSoakReport } from './soak-report.js';
import type { SoakResult } from './soak-types.js';

const soak: SoakResult = {
  durationS: 600, player: 'sprint', faultSpec: 'mixed', faultSpecExpanded: '5xx=0.02,seed=1',
  faults: { '5xx': 3, '404': 1, reset: 2, truncate: 2, stall: 1 }, faultsTotal: 9, baseRateMbps: 20,
  linkEvents: [{ atS: 90, kind: 'outage', durationS: 10 }, { atS: 170, kind: 'rate', durationS: 40, rateMbps: 2 }],
  recoveries: 12, errorsByCode: { SEGMENT_LOAD_FAILED: 9, REQUEST_TIMEOUT: 3 }, fatalErrors: 0, fatalMessages: [],
  bufferGaps: 0, gaps: [], jumpedGaps: 3, slivers: 2, rangeResumes: 4, stalls: [{ atS: 180, durationS: 1.5, positionS: 170, cause: 'link fault' }], stallSeconds: 1.5,
  maxSourceBufferBytes: 80 * 1024 * 1024, maxHeapBytes: 20 * 1024 * 1024, heapGrowthBytesPerMin: 1024,
  memory: [[0, 1e7, 0], [10, 1.1e7, 5e6]], bufferAhead: [[0, 0], [10, 12]], memoryStepS: 10, finalPositionS: 590, passed: true,
};

describe('soak report', () => {
  it('summarizes the figures for the terminal', () => {
    const text = formatSoakSummary(soak);
    expect(text).toContain('PASS');
    expect(text).toContain('9 (5xx 3, 404 1, reset 2, truncate 2, stall 1)');
    expect(text).toContain('1 outage(s) (10 s at 90 s), 1 rate step(s) (2 Mbit/s for 40 s at 170 s)');
    expect(text).toContain('80.0 MB');
  });

  it('renders a self-contained page with the link, buffer and memory charts', () => {
    const html = renderSoakReport(soak, { createdAt: '2026-11-23', command: 'npm run lab -- --soak 600' });
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('Memory over time');
    expect(html).toContain('link fault');
  });
});
