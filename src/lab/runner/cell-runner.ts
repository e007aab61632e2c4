/**
 * One grid cell: build the shaped network, calibrate, start the origin in the
 * server namespace and the competitors, then run each player (or the probe
 * page) in Chromium in the client namespace, one at a time, while the
 * competitors keep running. Everything is torn down even when a step fails.
 */
import { describeClientHttp1, describeClientPingpong } from '../options.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { PlayerName } from '../../compare/player-adapter.js';
import {
  createLab, diffDelayLineStats, formatCalibration, judgeLateness, type BulkFlow, type Calibration, type Competitors, type Lab,
} from '../network-lab.js';
import type { LabPlayerResult, LabProbeResult } from '../page/lab-result.js';
import { DEFAULT_LAB_SRC, DEFAULT_PROBE_BASE, playerPageQuery, probePageQuery } from '../page/page-params.js';
import type { ProbeOptions } from './cli-args.js';
import { LAB_PAGE_PATH } from './ensure-build.js';
import { launchLabBrowser, runLabPage } from './lab-browser.js';
import { LAB_ORIGIN_PORT, startLabOrigin } from './origin-process.js';
import { describeSenderGaps, describeSenderIdle, startOriginCapture, type OriginCapture } from '../capture/origin-capture.js';
import { summarizeSenderIdle, type ConnectionGaps } from '../capture/sender-gaps.js';
import { analyzeProbe, modelProbeBytes, type ProbeSizeResult } from './probe-analysis.js';
import { ensureProbeObjects } from '../../../scripts/dash-media/lab-media.js';
import { formatElapsed, type Progress } from './progress.js';
import { assembleRunResult, type CompetitorSamples } from './run-metrics.js';
import type { CellConfig, CellResult, LabCalibration, RunResult } from './results.js';
import { NO_PINGPONG_THRESH } from '../ceiling/diagnostic-paths.js';
import { runCeilingProbe } from '../ceiling/probe.js';
import { formatCeilingSummary, summarizeCeiling, type CeilingSummary } from '../ceiling/summary.js';

export interface CellSpec {
  readonly index: number;
  readonly total: number;
  readonly config: CellConfig;
  readonly players: readonly PlayerName[];
  readonly abr: string;
  readonly maxBufferS?: number | undefined;
  readonly durationS: number;
  readonly settleS: number;
  readonly probe: ProbeOptions | undefined;
  /** Seconds per transport-ceiling measurement; 0 skips the probe. */
  readonly ceilingS: number;
  /** Record each player's origin traffic and report where the sender idled (src/lab/capture). */
  readonly capture?: boolean;
}

export interface RunnerEnvironment {
  readonly repoRoot: string;
  readonly outDir: string;
  readonly spkiHash: string;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

export interface CellOutcome {
  readonly cell: CellResult | undefined;
  readonly runs: RunResult[];
  readonly probe: ProbeSizeResult[];
  readonly failures: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function describeCell(c: CellConfig): string {
  return `${c.rateMbps} Mbit/s, RTT ${c.rttMs} ms, queue ${c.queueBdp} BDP, ${c.competitors} competitor(s), ${c.cc}, jitter ${c.jitterMs} ms` +
    describeClientPingpong(c.clientPingpongThresh) + describeClientHttp1(c.clientHttp1);
}

/** A flow's per-second samples on the epoch clock. */
function competitorSamples(flow: BulkFlow): CompetitorSamples {
  return {
    samples: flow.samples.map((s) => ({ endMs: flow.startedAt + s.endS * 1000, durationMs: (s.endS - s.startS) * 1000, mbps: s.mbps })),
  };
}

export async function runCell(spec: CellSpec, env: RunnerEnvironment): Promise<CellOutcome> {
  const { progress } = env;
  const started = Date.now();
  const cellDir = path.join(env.outDir, `cell-${spec.index}`);
  await mkdir(cellDir, { recursive: true });
  const label = `cell ${spec.index + 1}/${spec.total}`;
  progress.log(`\n${label}: ${describeCell(spec.config)}`);
  const c = spec.config;
  const lab = await createLab({
    rateMbps: c.rateMbps, rttMs: c.rttMs, queueBdp: c.queueBdp, jitterMs: c.jitterMs, competitors: c.competitors,
    congestionControl: c.cc, log: (line) => progress.log(`  [lab] ${line}`),
    ...(c.clientPingpongThresh === undefined ? {} : { clientPingpongThresh: c.clientPingpongThresh }),
  });
  let browser: Browser | undefined;
  const outcome: CellOutcome = { cell: undefined, runs: [], probe: [], failures: [] };
  try {
    const linkCalibration = await lab.calibrate();
    progress.log(formatCalibration(linkCalibration).replace(/^/gm, '  '));
    const delayBefore = await lab.delayStats();
    const origin = await startLabOrigin(lab, env.repoRoot, path.join(cellDir, 'origin-log.jsonl'));
    const competitors = await lab.startCompetitors();
    const ceiling = await measureCeiling(spec, lab, linkCalibration, competitors, progress);
    const calibration: LabCalibration = { ...linkCalibration, ceiling };
    await writeFile(path.join(cellDir, 'calibration.json'), JSON.stringify(calibration, null, 2));
    browser = await launchLabBrowser(lab, env.spkiHash, { http1: c.clientHttp1 === true });
    const pageUrl = (query: string): string => `${origin.url}${LAB_PAGE_PATH}?${query}`;

    if (spec.probe) {
      await sleep(spec.settleS * 1000);
      const probe = await runProbe(spec, env, lab, browser, pageUrl, calibration, cellDir, label);
      outcome.probe.push(...probe.results);
      outcome.failures.push(...probe.errors);
    }
    for (const [i, player] of (spec.probe ? [] : spec.players).entries()) {
      if (env.signal.aborted) break;
      // Competitors alone first, so each player starts into the same steady state.
      await sleep(spec.settleS * 1000);
      const url = pageUrl(playerPageQuery({ player, abr: spec.abr, src: DEFAULT_LAB_SRC, durationS: spec.durationS, ...(spec.maxBufferS === undefined ? {} : { maxBufferS: spec.maxBufferS }) }));
      const playerLabel = `${label} player ${i + 1}/${spec.players.length} ${player}`;
      let capture: OriginCapture | undefined;
      try {
        if (spec.capture) capture = await startOriginCapture(lab, path.join(cellDir, `${player}.pcap`), LAB_ORIGIN_PORT);
        const { result, pageErrors } = await runLabPage(browser, url, {
          timeoutMs: (spec.durationS + 90) * 1000,
          signal: env.signal,
          onStatus: (s) => progress.update(
            `  ${playerLabel}: ${formatElapsed(s.elapsedS)}/${formatElapsed(spec.durationS)}` +
              (s.currentTime === undefined ? '' : `, position ${s.currentTime.toFixed(1)} s, buffer ${(s.bufferAheadS ?? 0).toFixed(1)} s`) +
              `  (total ${formatElapsed((Date.now() - started) / 1000)})`,
          ),
        });
        const wire = capture ? await stopCapture(capture, path.join(cellDir, `${player}.wire.json`), playerLabel, progress) : undefined;
        capture = undefined;
        if (result.mode !== 'player') throw new Error('lab page returned a probe result');
        const page: LabPlayerResult = { ...result, errors: [...result.errors, ...pageErrors] };
        const rawFile = path.join(`cell-${spec.index}`, `${player}.json`);
        await writeFile(path.join(env.outDir, rawFile), JSON.stringify(page));
        await sleep(500); // let the origin's log stream flush the last records
        const run = assembleRunResult({
          cell: spec.index,
          config: c,
          fairShareMbps: calibration.fairShareMbps,
          page,
          origin: await origin.records(),
          competitors: competitors.flows.map(competitorSamples),
          rawFile,
        });
        const runWithWire = wire ? { ...run, senderIdle: summarizeSenderIdle(wire, runWindowsEpochS(run, page)) } : run;
        outcome.runs.push(runWithWire);
        progress.log(`  ${playerLabel} (${run.scheduler}): fraction ${fmt(run.downloadFraction)}, bitrate ${fmt(run.meanBitrateKbps, 0)} kbit/s, ` +
          `rebuffer ${fmt(run.rebufferRatio, 3)}, QoE ${fmt(run.qoe?.qoe ?? null, 1)} (${fmt(run.qoe?.qoePerMinute ?? null, 1)}/min), ` +
          `played ${run.playedS.toFixed(1)} s, ${run.mediaRequests} requests on ${run.connections} connection(s)` +
          (run.errors.length > 0 ? `; errors: ${run.errors.slice(0, 3).join(' | ')}` : ''));
        const idle = runWithWire.senderIdle;
        if (idle) progress.log(`  ${playerLabel}: ${describeSenderIdle(idle, run.sprintRunList.length > 0)}`);
      } catch (error) {
        const message = `${playerLabel}: ${(error as Error).message}`;
        outcome.failures.push(message);
        progress.log(`  FAILED ${message}`);
      } finally {
        // Still set only when the page failed: keep what was captured for the post-mortem.
        if (capture) await stopCapture(capture, path.join(cellDir, `${player}.wire.json`), playerLabel, progress);
      }
    }
    await competitors.stop();
    const delayAfter = await lab.delayStats();
    const delayLineFlagged = delayAfter ? judgeLateness(delayBefore ? diffDelayLineStats(delayAfter, delayBefore) : delayAfter).flagged : null;
    if (delayLineFlagged) progress.log('  WARNING: the delay line released >1% of packets more than 1 ms late during this cell');
    return { ...outcome, cell: { cell: spec.index, config: c, calibration, delayLineFlagged, wallSeconds: (Date.now() - started) / 1000 } };
  } finally {
    await browser?.close().catch(() => undefined);
    await lab.close();
  }
}

/** Stops a player's capture, keeps its quiet spells next to it and prints them; undefined when unreadable. */
async function stopCapture(capture: OriginCapture, file: string, playerLabel: string, progress: Progress): Promise<ConnectionGaps[] | undefined> {
  try {
    const connections = await capture.stop();
    await writeFile(file, JSON.stringify(connections));
    for (const line of describeSenderGaps(connections)) progress.log(`  ${playerLabel} ${line}`);
    return connections;
  } catch (error) {
    progress.log(`  ${playerLabel}: capture unreadable: ${(error as Error).message}`);
    return undefined;
  }
}

/** Sprint's runs on the capture's clock: the page's run times are since load(), on its performance clock. */
function runWindowsEpochS(run: RunResult, page: LabPlayerResult): { startEpochS: number; endEpochS: number }[] {
  const loadEpochS = (page.measurement.timeOrigin + page.loadStartedAt) / 1000;
  return run.sprintRunList.map((r) => ({ startEpochS: loadEpochS + r.startS, endEpochS: loadEpochS + r.startS + r.durationS }));
}

/** The transport ceiling under this cell's competitors (src/lab/ceiling), or null when skipped. */
async function measureCeiling(spec: CellSpec, lab: Lab, calibration: Calibration, competitors: Competitors, progress: Progress): Promise<CeilingSummary | null> {
  if (spec.ceilingS <= 0) return null;
  // (b) again with the client out of pingpong mode, in the same round, so each cell shows
  // how much of the h2 ceiling is the client's ACK policy; pointless when already at 255.
  const diagnostics = lab.configured.clientPingpongThresh === NO_PINGPONG_THRESH ? [] : (['h2-pipelined-no-pingpong'] as const);
  const result = await runCeilingProbe(lab, calibration, {
    competitors,
    durationS: spec.ceilingS,
    warmupS: Math.max(3, spec.settleS),
    diagnostics,
    log: (line) => progress.update(`  ceiling: ${line}`),
  });
  const summary = summarizeCeiling(result);
  progress.log(`  ${formatCeilingSummary(summary)}`);
  return summary;
}

async function runProbe(
  spec: CellSpec,
  env: RunnerEnvironment,
  lab: Lab,
  browser: Browser,
  pageUrl: (query: string) => string,
  calibration: Calibration,
  cellDir: string,
  label: string,
): Promise<{ results: ProbeSizeResult[]; errors: string[] }> {
  const probe = spec.probe as ProbeOptions;
  const network = {
    fairShareMbps: calibration.fairShareMbps,
    baseRttMs: calibration.idleRtt.medianMs,
    loadedRttMs: calibration.loadedRtt.medianMs,
    competitors: lab.options.competitors,
  };
  const target = probe.modelTarget;
  const modelBytes = target === undefined ? null : modelProbeBytes(target, network);
  if (target !== undefined) {
    env.progress.log(modelBytes === null
      ? `  model: no size reaches ${target} of fair share on this link; probing the given sizes only`
      : `  model: ${modelBytes} B for ${target} of fair share on this link`);
  }
  const sizes = modelBytes === null ? probe.sizes : [...probe.sizes, modelBytes];
  const periodsS = modelBytes === null ? probe.periodsS : [...probe.periodsS, probe.modelPeriodS];
  if (sizes.length === 0) return { results: [], errors: [`${label} probe: no size to probe`] };
  if (modelBytes !== null) await ensureProbeObjects([modelBytes]);
  const expectedS = sizes.reduce((sum, bytes, i) => {
    const transferS = (bytes * 8) / (calibration.fairShareMbps * 1e6) / 0.2; // generous: 20% of fair share
    return sum + probe.count * Math.max(periodsS[i] ?? 0, transferS);
  }, 0);
  const url = pageUrl(probePageQuery({ sizes, periodsS, count: probe.count, base: DEFAULT_PROBE_BASE }));
  const { result, pageErrors } = await runLabPage(browser, url, {
    timeoutMs: (expectedS + 120) * 1000,
    signal: env.signal,
    onStatus: (s) => env.progress.update(`  ${label} probe: ${s.phase ?? ''} ${formatElapsed(s.elapsedS)}`),
  });
  if (result.mode !== 'probe') throw new Error('lab page returned a player result');
  const page: LabProbeResult = result;
  await writeFile(path.join(cellDir, 'probe.json'), JSON.stringify(page));
  const isModelSized = (r: ProbeSizeResult) => r.bytes === modelBytes && r.periodS === probe.modelPeriodS;
  const results = analyzeProbe(page.downloads, network, spec.index).map((r) => (isModelSized(r) ? { ...r, modelTarget: target ?? null } : r));
  for (const r of results) {
    const why = r.modelTarget === null ? '' : ` (the model's size for ${r.modelTarget})`;
    env.progress.log(`  probe ${r.bytes} B${why} every ${r.periodS} s (n=${r.count}, ${r.protocols.join('/')}): measured ${fmt(r.measuredFraction)} of fair share, model ${fmt(r.predictedFraction)}`);
  }
  return { results, errors: [...page.errors, ...pageErrors].map((e) => `${label} probe: ${e}`) };
}

function fmt(value: number | null, digits = 2): string {
  return value === null ? '–' : value.toFixed(digits);
}
