import { describe, expect, it } from 'vitest';
import type { ProbeDownload } from '../page/lab-result.js';
import type { ProbeCell } from './model-fit.js';
import { ProbeDatasetError, parseProbeDataset, toProbeDataset } from './probe-dataset.js';

const download: ProbeDownload = {
  bytes: 1_000_000, periodS: 8, index: 0, url: '/probe/1000000?0', startTime: 1000, requestStart: 1001,
  responseStart: 1050, responseEnd: 2400, encodedBodySize: 1_000_000, protocol: 'h2', idleBeforeMs: undefined,
};
const cell: ProbeCell = {
  cell: 2, label: '5/80/1 pp255', network: { fairShareMbps: 2.4, baseRttMs: 81, loadedRttMs: 160, competitors: 1 },
  downloads: [download, { ...download, index: 1, startTime: 9000, requestStart: 9000, responseStart: 9100, responseEnd: 10500, idleBeforeMs: 6600 }],
};

function text(value: unknown): string {
  return JSON.stringify(value);
}

describe('probe dataset', () => {
  it('round-trips the cells the fit reads, dropping what it does not', () => {
    const extra = { ...cell, downloads: cell.downloads.map((d) => ({ ...d, transferSize: 123 })) };
    const dataset = toProbeDataset([extra], '2026-12-04T19:22:00.000Z', 'probe grid, client at 255');
    const back = parseProbeDataset(text(dataset), 'mem.json');
    expect(back.cells).toEqual([cell]);
    expect(back.recordedAt).toBe('2026-12-04T19:22:00.000Z');
    expect(back.description).toBe('probe grid, client at 255');
    expect(Object.keys(back.cells[0]?.downloads[0] ?? {})).not.toContain('transferSize');
  });

  it('rejects what is not a dataset with a typed error that says where', () => {
    const good = toProbeDataset([cell], '2026-12-04T19:22:00.000Z', 'x');
    const cases: [string, string][] = [
      ['{', 'invalid JSON'],
      [text([]), 'top level is not an object'],
      [text({ ...good, format: 'other' }), 'format is "other"'],
      [text({ ...good, version: 2 }), 'version 2 is not supported'],
      [text({ ...good, recordedAt: 'yesterday' }), 'recordedAt is not a date'],
      [text({ ...good, cells: [] }), 'cells is not a non-empty array'],
      [text({ ...good, cells: [{ ...cell, network: { ...cell.network, loadedRttMs: -1 } }] }), 'cells[0].network.loadedRttMs is not a positive number'],
      [text({ ...good, cells: [{ ...cell, network: { ...cell.network, competitors: 1.5 } }] }), 'cells[0].network.competitors is not a count'],
      [text({ ...good, cells: [{ ...cell, downloads: [{ ...download, bytes: 0 }] }] }), 'cells[0].downloads[0].bytes is not a positive number'],
      [text({ ...good, cells: [{ ...cell, downloads: [{ ...download, responseEnd: 10 }] }] }), 'cells[0].downloads[0] ends before its request was sent'],
      [text({ ...good, cells: [{ ...cell, downloads: [{ ...download, idleBeforeMs: 'long' }] }] }), 'cells[0].downloads[0].idleBeforeMs is not a number'],
    ];
    for (const [input, message] of cases) {
      let caught: unknown;
      try {
        parseProbeDataset(input, 'bad.json');
      } catch (error) {
        caught = error;
      }
      expect(caught, message).toBeInstanceOf(ProbeDatasetError);
      expect((caught as ProbeDatasetError).message).toContain('bad.json: not a probe dataset');
      expect((caught as ProbeDatasetError).message).toContain(message);
    }
  });
});
