/**
 * report.html: one self-contained page (inline SVG and CSS, no scripts) showing,
 * per cell and player, throughput against the fair-share line and the
 * competitors, buffer, bitrate and request activity, plus the summary table,
 * the probe results and the model's predicted vs measured fractions. Pure:
 * results in, markup out.
 */
import { describeClientHttp1, describeClientPingpong } from '../options.js';
import type { CeilingSummary } from '../ceiling/summary.js';
import type { LabResults, RunResult } from '../runner/results.js';
import type { ProbeSizeResult } from '../runner/probe-analysis.js';
import { renderModelScatter } from './model-scatter.js';
import { SUMMARY_COLUMNS, summaryRows } from './summary-table.js';
import { escapeXml, renderChart, type ChartSeries } from './svg-chart.js';

const PLAYER_COLORS: Readonly<Record<string, string>> = { sprint: '#1a9850', sequential: '#2166ac', dashjs: '#d73027', shaka: '#8e44ad' };
const COMPETITOR_COLORS = ['#f39c12', '#e67e22', '#b9770e', '#7e5109'];
const CONNECTION_COLORS = ['#2c3e50', '#16a085', '#c0392b', '#8e44ad', '#d35400'];

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; background: #fafafa; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; font-size: 12px; margin: .5rem 0; } th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: right; } td { white-space: nowrap; } th { background: #eee; }
td:nth-child(-n+3) { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 4px; } .panel { background: #fff; border: 1px solid #ddd; padding: 6px; margin-bottom: 10px; }
svg .title { font-size: 12px; font-weight: 600; } svg .tick { font-size: 10px; fill: #555; } svg .legend { font-size: 10px; } svg .grid { stroke: #eee; }
.bar { height: 14px; display: inline-block; vertical-align: middle; } .bars td { text-align: left; } .fair { border-left: 2px dashed #555; height: 18px; display: inline-block; vertical-align: middle; }
.muted { color: #666; font-size: 12px; } .warn { color: #b00; }`;

const fmt = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '–' : value.toFixed(digits));

function colorOf(player: string): string {
  return PLAYER_COLORS[player] ?? '#555';
}

/** Bars of download fraction per player and cell, with the fair-share mark at 1.0. */
function fractionBars(runs: readonly RunResult[]): string {
  const scale = 200; // px per 1.0 of fair share
  const rows = runs.map((r) => {
    const player = Math.max(0, r.downloadFraction ?? 0);
    const competitor = Math.max(0, r.competitorFraction ?? 0);
    return `<tr><td>${r.rateMbps}/${r.rttMs}/${r.competitors}</td><td>${escapeXml(r.player)}</td>` +
      `<td><span class="bar" style="width:${Math.min(player, 1.6) * scale}px;background:${colorOf(r.player)}"></span> ${fmt(r.downloadFraction)}</td>` +
      `<td><span class="bar" style="width:${Math.min(competitor, 1.6) * scale}px;background:${COMPETITOR_COLORS[0]}"></span> ${fmt(r.competitorFraction)}</td></tr>`;
  });
  return `<table class="bars"><tr><th>rate/RTT/comp</th><th>player</th><th>player: fraction of fair share while downloading (bar 200 px = 1.0)</th><th>competitor: fraction of fair share</th></tr>${rows.join('')}</table>`;
}

function runPanel(run: RunResult): string {
  const s = run.series;
  const xMax = run.durationS;
  const binned = (values: readonly number[]): [number, number][] => values.map((v, i) => [(i + 0.5) * s.binS, v]);
  const throughput: ChartSeries[] = [
    { label: `${run.player}`, color: colorOf(run.player), points: binned(s.throughputMbps), fill: true },
    ...s.competitorMbps.map((points, i) => ({ label: `competitor ${i + 1}`, color: COMPETITOR_COLORS[i % COMPETITOR_COLORS.length] ?? '#f39c12', points })),
    { label: 'fair share', color: '#333', points: [[0, run.fairShareMbps], [xMax, run.fairShareMbps]], dashed: true },
  ];
  const charts = [
    renderChart(throughput, { title: `throughput (${s.binS} s bins) vs fair share`, yLabel: 'Mbit/s', xMax }),
    renderChart([{ label: 'buffer ahead', color: '#555', points: s.bufferS, fill: true }], { title: 'buffer level', yLabel: 's', xMax }),
    renderChart(
      [
        { label: 'played', color: colorOf(run.player), points: s.playedKbps, step: true },
        { label: 'requested', color: '#999', points: s.requestedKbps, step: true, dashed: true },
      ],
      { title: 'video bitrate', yLabel: 'kbit/s', xMax },
    ),
    renderChart([{ label: 'media requests in flight', color: colorOf(run.player), points: s.inFlight, step: true, fill: true }], { title: 'request activity', yLabel: 'requests', xMax }),
    renderChart(
      s.connections.map((c, i) => ({ label: `conn ${c.socketId} (${c.protocol}, ${c.requests} req)`, color: CONNECTION_COLORS[i % CONNECTION_COLORS.length] ?? '#000', points: binned(c.mbps) })),
      { title: 'origin: bytes per connection', yLabel: 'Mbit/s', xMax },
    ),
  ];
  const facts = [
    `scheduler ${escapeXml(run.scheduler)}`, `ABR ${escapeXml(run.abrApplied)}`,
    `download fraction <b>${fmt(run.downloadFraction)}</b>`, `competitor ${fmt(run.competitorFraction)}`,
    `bitrate ${fmt(run.meanBitrateKbps, 0)} kbit/s`, `rebuffer ${run.rebufferRatio === null ? '–' : (100 * run.rebufferRatio).toFixed(1)}%`,
    `QoE <b>${fmt(run.qoe?.qoe, 1)}</b> (${fmt(run.qoe?.qoePerMinute, 1)}/min; ${fmt(run.qoe?.rebufferS, 1)} s stalled in ${run.stalls} stall(s))`,
    `startup ${fmt(run.startupMs, 0)} ms`, `${run.switches} switches`, `${(run.mediaBytes / 1e6).toFixed(1)} MB in ${run.activeSeconds.toFixed(1)} s active`,
    `${run.mediaRequests} requests, ≤ ${run.maxInFlight} in flight, ${run.connections} connection(s) ${escapeXml(run.protocols.join('/'))}`,
    ...(run.predictedFraction === null ? [] : [`predicted fraction ${fmt(run.predictedFraction)} (Sprint runs: ${run.sprintRuns}, measured by the player ${fmt(run.sprintMeasuredFraction)})`]),
  ];
  const errors = run.errors.length > 0 ? `<div class="warn">errors: ${escapeXml(run.errors.slice(0, 5).join(' | '))}</div>` : '';
  return `<div class="panel"><h3 style="color:${colorOf(run.player)}">${escapeXml(run.player)}</h3><div class="muted">${facts.join(' · ')}</div>${errors}<div class="charts">${charts.join('')}</div></div>`;
}

function probeTable(probe: readonly ProbeSizeResult[]): string {
  const rows = probe.map((p) =>
    `<tr><td>${p.cell}</td><td>${p.bytes.toLocaleString('en')}${p.modelTarget === null ? '' : ` (model's size for ${p.modelTarget})`}</td><td>${p.periodS}</td><td>${p.count}</td><td>${fmt(p.meanDownloadMs, 0)}</td>` +
      `<td><b>${fmt(p.measuredFraction)}</b></td><td>${fmt(p.predictedFraction)}</td><td>${(100 * p.idleRestartShare).toFixed(0)}%</td>` +
      `<td>${fmt(p.network.fairShareMbps)}</td><td>${fmt(p.network.baseRttMs, 1)} / ${fmt(p.network.loadedRttMs, 1)}</td><td>${escapeXml(p.protocols.join('/'))}</td></tr>`,
  );
  return `<table><tr><th>cell</th><th>bytes</th><th>every s</th><th>n</th><th>mean download ms</th><th>measured fraction</th><th>model</th><th>idle restarts</th><th>fair share Mbit/s</th><th>RTT idle / loaded ms</th><th>protocol</th></tr>${rows.join('')}</table>`;
}

const CEILING_PATHS: Readonly<Record<string, string>> = {
  bulk: '(a) bulk TCP flow',
  'h2-pipelined': '(b) h2, pipelined',
  'http1-back-to-back': '(c) HTTP/1.1, back to back',
  'h2-pipelined-no-pingpong': '(b) again, client out of pingpong mode',
};

/** The cell's transport ceiling: what each path reached against the same competitors. Older results have none. */
function ceilingTable(ceiling: CeilingSummary | null | undefined): string {
  if (!ceiling) return '<div class="muted">transport ceiling: not measured in this run</div>';
  const rows = [...ceiling.measurements, ...(ceiling.diagnostics ?? [])].map((m) =>
    `<tr><td>${escapeXml(CEILING_PATHS[m.kind] ?? m.kind)}</td><td>${escapeXml(m.source)}</td><td>${escapeXml(m.protocols.join('/'))}</td>` +
      `<td><b>${fmt(m.fraction)}</b></td><td>${fmt(m.steadyFraction)}</td><td>${fmt(m.mbps)}</td><td>${fmt(m.competitorMbps)}</td>` +
      `<td>${m.tcp ? fmt(m.tcp.meanCwnd, 0) : '–'}</td><td>${m.tcp ? `${(100 * m.tcp.retransmitRate).toFixed(2)}%` : '–'}</td><td>${m.requests}</td></tr>`,
  );
  return `<h3>Transport ceiling (${ceiling.durationS} s per path, ${ceiling.inFlight} in flight over h2)</h3>` +
    `<table><tr><th>path</th><th>origin</th><th>protocol</th><th>fraction of fair share</th><th>from ${ceiling.steadyFromS} s</th>` +
    `<th>Mbit/s</th><th>competitor Mbit/s</th><th>server cwnd</th><th>retransmitted</th><th>requests</th></tr>${rows.join('')}</table>`;
}

export function renderReport(results: LabResults): string {
  const header = SUMMARY_COLUMNS.map((c) => `<th>${escapeXml(c.title)}</th>`).join('');
  const table = summaryRows(results.runs).map((row) => `<tr>${row.map((cell) => `<td>${escapeXml(cell)}</td>`).join('')}</tr>`).join('');
  const cells = results.cells.map((cell) => {
    const c = cell.calibration;
    const runs = results.runs.filter((r) => r.cell === cell.cell);
    return `<h2>cell ${cell.cell + 1}: ${cell.config.rateMbps} Mbit/s, RTT ${cell.config.rttMs} ms, queue ${cell.config.queueBdp} BDP, ${cell.config.competitors} competitor(s), ${cell.config.cc}, jitter ${cell.config.jitterMs} ms${describeClientPingpong(cell.config.clientPingpongThresh)}${describeClientHttp1(cell.config.clientHttp1)}</h2>` +
      `<div class="muted">calibration: goodput ${fmt(c.goodputMbps)} Mbit/s, fair share ${fmt(c.fairShareMbps)} Mbit/s, idle RTT ${fmt(c.idleRtt.medianMs, 1)} ms, loaded RTT ${fmt(c.loadedRtt.medianMs, 1)} ms, full-queue RTT ${fmt(c.fullQueueRttMs, 1)} ms, queue ≈ ${Math.round(c.queueEstimateBytes)} B; cell took ${cell.wallSeconds.toFixed(0)} s</div>` +
      c.warnings.map((w) => `<div class="warn">calibration warning: ${escapeXml(w)}</div>`).join('') +
      ceilingTable(c.ceiling) +
      (cell.delayLineFlagged ? '<div class="warn">delay line: more than 1% of packets released >1 ms late during this cell</div>' : '') +
      runs.map(runPanel).join('');
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sprint lab report</title><style>${STYLE}</style></head><body>` +
    `<h1>Sprint lab report</h1><div class="muted">${escapeXml(results.createdAt)} · <code>${escapeXml(results.command)}</code> · grid ${escapeXml(results.grid)}</div>` +
    results.failures.map((f) => `<div class="warn">failed: ${escapeXml(f)}</div>`).join('') +
    (results.runs.length > 0 ? `<h2>Share of the bottleneck</h2>${fractionBars(results.runs)}<h2>Summary</h2><table><tr>${header}</tr>${table}</table>` : '') +
    (results.probe.length > 0 ? `<h2>Probe: fraction of fair share per object size</h2>${probeTable(results.probe)}` : '') +
    renderModelScatter(results) +
    cells.join('') +
    '</body></html>';
}
