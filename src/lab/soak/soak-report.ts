/** soak.html and the terminal summary of a soak. Pure: a SoakResult in, text out. */
import { FAULT_KINDS } from '../../server/fault-spec.js';
import { escapeXml, renderChart } from '../report/svg-chart.js';
import { linkRateAt } from './link-schedule.js';
import type { SoakResult } from './soak-types.js';

const MB = 1024 * 1024;

function mb(bytes: number | null): string {
  return bytes === null ? '–' : `${(bytes / MB).toFixed(1)} MB`;
}

/** Label → value rows shared by the terminal and the HTML report. */
export function soakFigures(soak: SoakResult): [string, string][] {
  // FAULT_KINDS order: object key order would put the integer-like '404' first.
  const faults = FAULT_KINDS.map((kind) => `${kind} ${soak.faults[kind]}`).join(', ');
  const outages = soak.linkEvents.filter((e) => e.kind === 'outage');
  const steps = soak.linkEvents.filter((e) => e.kind === 'rate');
  return [
    ['verdict', soak.passed ? 'PASS (no fatal error, no hole in the buffer)' : 'FAIL'],
    ['played', `${soak.durationS} s with ${soak.player}; final position ${soak.finalPositionS.toFixed(1)} s`],
    ['origin faults', `${soak.faultsTotal} (${faults}); spec ${soak.faultSpec} = ${soak.faultSpecExpanded}`],
    ['link faults', `${outages.length} outage(s) (${outages.map((e) => `${e.durationS.toFixed(0)} s at ${e.atS.toFixed(0)} s`).join(', ') || 'none'}), ${steps.length} rate step(s) (${steps.map((e) => `${e.rateMbps} Mbit/s for ${e.durationS.toFixed(0)} s at ${e.atS.toFixed(0)} s`).join(', ') || 'none'})`],
    ['recoveries', `${soak.recoveries} (${Object.entries(soak.errorsByCode).map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}); ${soak.rangeResumes} Range resumes`],
    ['fatal errors', `${soak.fatalErrors}${soak.fatalMessages.length > 0 ? `: ${soak.fatalMessages.join(' | ')}` : ''}`],
    ['buffer gaps', `${soak.bufferGaps} not jumped; ${soak.jumpedGaps} jumped (0.1-0.5 s), ${soak.slivers} slivers (≤ 0.1 s)`],
    ['stalls', `${soak.stalls.length} (${soak.stallSeconds.toFixed(1)} s): ${(['link fault', 'gap jump', 'other'] as const).map((cause) => `${soak.stalls.filter((s) => s.cause === cause).length} ${cause}`).join(', ')}`],
    ['max SourceBuffer', mb(soak.maxSourceBufferBytes)],
    ['max JS heap', `${mb(soak.maxHeapBytes)}; growth over the second half ${soak.heapGrowthBytesPerMin === null ? '–' : `${(soak.heapGrowthBytesPerMin / 1024).toFixed(0)} KB/min`}`],
  ];
}

export function formatSoakSummary(soak: SoakResult): string {
  const rows = soakFigures(soak);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

const STYLE =
  'body{font:14px system-ui,sans-serif;margin:24px;max-width:1100px}table{border-collapse:collapse;margin:8px 0}' +
  'td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}' +
  '.title{font-size:12px;font-weight:600}.tick,.legend{font-size:10px;fill:#555}.grid{stroke:#eee}.pass{color:#070}.fail{color:#b00}';

export function renderSoakReport(soak: SoakResult, meta: { createdAt: string; command: string }): string {
  const xMax = soak.durationS;
  const linkPoints: [number, number][] = [];
  for (let t = 0; t <= xMax; t += 1) linkPoints.push([t, linkRateAt(soak.linkEvents, soak.baseRateMbps, t)]);
  const linkChart = renderChart([{ label: 'bottleneck rate (0: outage)', color: '#555', points: linkPoints, step: true }], {
    title: 'Link faults',
    yLabel: 'Mbit/s',
    xMax,
    width: 900,
    height: 120,
  });
  const bufferChart = renderChart([{ label: 'buffer ahead', color: '#2ca02c', points: soak.bufferAhead.map(([t, s]) => [t, s]), fill: true }], {
    title: 'Buffer ahead of the playhead',
    yLabel: 's',
    xMax,
    width: 900,
  });
  const memoryChart = renderChart(
    [
      { label: 'JS heap', color: '#1f77b4', points: soak.memory.flatMap(([t, heap]) => (heap === null ? [] : [[t, heap / MB] as const])) },
      { label: 'SourceBuffer', color: '#d62728', points: soak.memory.flatMap(([t, , buffer]) => (buffer === null ? [] : [[t, buffer / MB] as const])) },
    ],
    { title: 'Memory over time', yLabel: 'MB', xMax, width: 900 },
  );
  const rows = soakFigures(soak).map(([label, value]) => `<tr><th>${escapeXml(label)}</th><td>${escapeXml(value)}</td></tr>`).join('');
  const gaps = soak.gaps
    .map((g) => `<tr><td>${g.seenAtS.toFixed(0)}</td><td>${g.fromS.toFixed(2)}–${g.toS.toFixed(2)}</td><td>${g.behind ? 'behind' : 'ahead'}</td></tr>`)
    .join('');
  const stalls = soak.stalls
    .map((s) => `<tr><td>${s.atS.toFixed(1)}</td><td>${s.durationS.toFixed(2)}</td><td>${s.positionS.toFixed(1)}</td><td>${s.cause}</td></tr>`)
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sprint soak</title><style>${STYLE}</style></head><body>` +
    `<h1 class="${soak.passed ? 'pass' : 'fail'}">Sprint soak: ${soak.passed ? 'pass' : 'fail'}</h1>` +
    `<div>${escapeXml(meta.createdAt)} · <code>${escapeXml(meta.command)}</code></div>` +
    `<table>${rows}</table>${linkChart}${bufferChart}${memoryChart}` +
    (gaps ? `<h2>Holes in the buffer</h2><table><tr><th>seen at s</th><th>hole</th><th>where</th></tr>${gaps}</table>` : '') +
    (stalls ? `<h2>Stalls</h2><table><tr><th>at s</th><th>seconds</th><th>position</th><th>cause</th></tr>${stalls}</table>` : '') +
    '</body></html>'
  );
}
