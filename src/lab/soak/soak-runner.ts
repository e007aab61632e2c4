/**
 * `npm run lab -- --soak 600 --faults mixed --players sprint --out DIR`: one
 * player for many minutes behind the shaped link (the cell's rate, RTT and
 * competitors), with origin faults on every media request (the /__faults/
 * prefix) and the link schedule's outages and rate steps, sampled once a
 * second. Writes DIR/results.json (the runner's schema plus `soak`),
 * report.html (the runner's report) and soak.html (faults, buffer, memory).
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureCertificate } from '../../../scripts/cert.js';
import { ensureLabMedia } from '../../../scripts/dash-media/lab-media.js';
import type { PlayerName } from '../../compare/player-adapter.js';
import { formatFaultSpec, parseFaultSpec } from '../../server/fault-spec.js';
import { FAULT_PREFIX } from '../../server/faults.js';
import { createLab, formatCalibration, type Lab } from '../network-lab.js';
import { playerPageQuery } from '../page/page-params.js';
import { renderReport } from '../report/report-html.js';
import { describeCell } from '../runner/cell-runner.js';
import { LAB_PAGE_PATH, ensureLabPageBuilt } from '../runner/ensure-build.js';
import { launchLabBrowser } from '../runner/lab-browser.js';
import { startLabOrigin } from '../runner/origin-process.js';
import { formatElapsed, Progress } from '../runner/progress.js';
import type { CellConfig, LabCalibration } from '../runner/results.js';
import { assembleRunResult } from '../runner/run-metrics.js';
import { LinkDriver } from './link-driver.js';
import { soakLinkSchedule } from './link-schedule.js';
import { loopedManifest } from './looped-manifest.js';
import { runSoakPage } from './soak-page.js';
import { SoakRecorder } from './soak-recorder.js';
import { formatSoakSummary, renderSoakReport } from './soak-report.js';
import { summarizeSoak } from './soak-summary.js';
import type { SoakResults } from './soak-types.js';

export interface SoakOptions {
  readonly durationS: number;
  /** A fault spec or preset (src/server/fault-spec.ts); 'none' for a soak without origin faults. */
  readonly faults: string;
  readonly player: PlayerName;
  readonly abr: string;
  readonly cell: CellConfig;
  readonly outDir: string;
  readonly build: boolean;
  readonly settleS: number;
}

/** Extra presentation past the soak's end, so it never runs out of media. */
const MEDIA_SLACK_S = 60;

/** Writes media/lab/soak-<n>x.mpd (the lab MPD's Period repeated) and returns its URL path. */
async function writeSoakManifest(manifestPath: string, durationS: number): Promise<string> {
  const original = await readFile(manifestPath, 'utf8');
  const single = loopedManifest(original, 1).durationS;
  const copies = Math.ceil((durationS + MEDIA_SLACK_S) / single);
  const name = `soak-${copies}x.mpd`;
  await writeFile(path.join(path.dirname(manifestPath), name), loopedManifest(original, copies).text);
  return `/media/lab/${name}`;
}

export async function runSoak(options: SoakOptions, repoRoot: string, command: string, signal: AbortSignal): Promise<number> {
  const progress = new Progress();
  const log = (line: string): void => progress.log(line);
  const started = Date.now();
  const outDir = path.resolve(repoRoot, options.outDir);
  await mkdir(outDir, { recursive: true });
  const spec = parseFaultSpec(options.faults);
  const media = await ensureLabMedia(undefined, log);
  if (options.build) await ensureLabPageBuilt(repoRoot, log);
  const { spkiHash } = await ensureCertificate();
  const manifestPath = await writeSoakManifest(media.manifest, options.durationS);
  const src = options.faults === 'none' ? manifestPath : `${FAULT_PREFIX}${options.faults}${manifestPath}`;
  const c = options.cell;
  log(`soak: ${options.player} for ${options.durationS} s, ${describeCell(c)}; origin faults ${options.faults} (${formatFaultSpec(spec)}); output ${outDir}`);

  const lab: Lab = await createLab({
    rateMbps: c.rateMbps, rttMs: c.rttMs, queueBdp: c.queueBdp, jitterMs: c.jitterMs, competitors: c.competitors,
    congestionControl: c.cc, log: (line) => log(`  [lab] ${line}`),
  });
  const schedule = soakLinkSchedule(options.durationS, c.rateMbps);
  const driver = new LinkDriver(lab, schedule, c.rateMbps, log);
  let lastElapsedS = 0;
  try {
    // The soak measures recovery, not the transport ceiling: no ceiling probe.
    const calibration: LabCalibration = { ...(await lab.calibrate()), ceiling: null };
    log(formatCalibration(calibration).replace(/^/gm, '  '));
    const origin = await startLabOrigin(lab, repoRoot, path.join(outDir, 'origin-log.jsonl'));
    const competitors = c.competitors > 0 ? await lab.startCompetitors() : undefined;
    const browser = await launchLabBrowser(lab, spkiHash);
    try {
      await new Promise((resolve) => setTimeout(resolve, options.settleS * 1000));
      const recorder = new SoakRecorder();
      const url = `${origin.url}${LAB_PAGE_PATH}?${playerPageQuery({ player: options.player, abr: options.abr, src, durationS: options.durationS })}`;
      const outcome = await runSoakPage(browser, {
        url,
        timeoutMs: (options.durationS + 120) * 1000,
        signal,
        onSample: (sample) => {
          recorder.add(sample);
          progress.update(
            `  soak ${formatElapsed(sample.elapsedS)}/${formatElapsed(options.durationS)}: position ${sample.positionS.toFixed(1)} s, ` +
              `buffer ${sample.bufferAheadS.toFixed(1)} s, heap ${((sample.heapUsedBytes ?? 0) / 1048576).toFixed(1)} MB`,
          );
        },
        onTick: async (elapsedS) => {
          lastElapsedS = elapsedS;
          await driver.tick(elapsedS);
        },
      });
      await driver.restore(lastElapsedS);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the origin log's last lines
      const records = await origin.records();
      await writeFile(path.join(outDir, 'soak-page.json'), JSON.stringify(outcome.result));
      // The origin logs paths without the fault prefix; the run's metrics match on them.
      const page = { ...outcome.result, src: outcome.result.src.replace(/\/__faults\/[^/]+/, ''), errors: [...outcome.result.errors, ...outcome.pageErrors] };
      const run = assembleRunResult({
        cell: 0, config: c, fairShareMbps: calibration.fairShareMbps, page, origin: records,
        competitors: (competitors?.flows ?? []).map((flow) => ({
          samples: flow.samples.map((s) => ({ endMs: flow.startedAt + s.endS * 1000, durationMs: (s.endS - s.startS) * 1000, mbps: s.mbps })),
        })),
        rawFile: 'soak-page.json',
      });
      const soak = summarizeSoak({
        durationS: options.durationS, faultSpec: options.faults, faultSpecExpanded: formatFaultSpec(spec), linkEvents: driver.done,
        baseRateMbps: c.rateMbps, recorder, origin: records, page: outcome.result, finalPositionS: outcome.lastPositionS,
      });
      const passed = soak.passed && outcome.pageErrors.length === 0;
      const results: SoakResults = {
        version: 1, createdAt: new Date().toISOString(), command, players: [options.player], grid: 'soak', calibration,
        cells: [{ cell: 0, config: c, calibration, delayLineFlagged: null, wallSeconds: (Date.now() - started) / 1000 }],
        runs: [run], probe: [], failures: [...(passed ? [] : ['soak did not pass']), ...outcome.pageErrors], soak,
      };
      await writeFile(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
      await writeFile(path.join(outDir, 'report.html'), renderReport(results));
      await writeFile(path.join(outDir, 'soak.html'), renderSoakReport(soak, { createdAt: results.createdAt, command }));
      log(`\n${formatSoakSummary(soak)}`);
      log(`\nsoak done in ${formatElapsed((Date.now() - started) / 1000)}: ${path.join(outDir, 'results.json')}, soak.html, report.html`);
      await competitors?.stop();
      return passed ? 0 : 1;
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await driver.restore(lastElapsedS).catch(() => undefined);
    await lab.close();
  }
}
