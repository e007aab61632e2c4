/**
 * Lab smoke test: the runner's smoke grid (20 Mbit/s, 40 ms, 1 BDP, one cubic
 * competitor) with dash.js and our sequential player, 30 s each, through the
 * real shaped network. Asserts only what must hold; the numbers themselves are
 * for people (lab-results/e2e-smoke/report.html). Needs Linux and root.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { EXPECTED_GOODPUT_FRACTION } from '../src/lab/calibrate.js';
import type { LabResults } from '../src/lab/runner/results.js';
import { calibrationTolerance } from '../src/lab/testing/calibration-tolerance.js';

const OUT = path.resolve('lab-results/e2e-smoke');
const DURATION_S = 30;
/** Short ceiling measurements: here they only have to run and be sane (the figures come from `npm run lab`). */
const CEILING_S = 8;

function notRunnable(): string | undefined {
  if (process.platform !== 'linux') return `the lab needs Linux network namespaces (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the lab must run as root (network namespaces, qdiscs)';
  return undefined;
}

function runLab(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/lab/runner/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('lab smoke: dash.js and sequential play behind the shaped link with sane metrics', async () => {
  const reason = notRunnable();
  test.skip(reason !== undefined, reason ?? '');
  test.setTimeout(300_000);
  await rm(OUT, { recursive: true, force: true });

  const { code, output } = await runLab(['--grid', 'smoke', '--players', 'dashjs,sequential', '--duration', String(DURATION_S), '--settle', '3', '--ceiling', String(CEILING_S), '--out', OUT]);
  expect(code, output.slice(-3000)).toBe(0);
  const results = JSON.parse(await readFile(path.join(OUT, 'results.json'), 'utf8')) as LabResults;

  const calibration = results.calibration;
  expect(calibration).not.toBeNull();
  if (!calibration) return;
  // Within 10% with a punctual delay line; gross bounds when the host starved it, which the lab must report.
  const tolerance = calibrationTolerance(calibration);
  if (tolerance.starved) expect(calibration.warnings.some((w) => w.startsWith('delay line:'))).toBe(true);
  const expectedGoodput = calibration.configured.rateMbps * EXPECTED_GOODPUT_FRACTION;
  expect(Math.abs(calibration.goodputMbps - expectedGoodput) / expectedGoodput).toBeLessThan(tolerance.goodput);
  expect(calibration.idleRtt.medianMs).toBeGreaterThan(40 - 1);
  expect(calibration.idleRtt.medianMs).toBeLessThan(40 + tolerance.rttOverMs);

  // The transport-ceiling probe ran after calibration: three paths, each a plausible share of the link.
  const ceiling = calibration.ceiling;
  expect(ceiling, 'calibration.ceiling').not.toBeNull();
  expect(ceiling?.measurements.map((m) => m.kind)).toEqual(['bulk', 'h2-pipelined', 'http1-back-to-back']);
  expect(ceiling?.measurements.map((m) => m.protocols.join('/'))).toEqual(['tcp', 'h2', 'http/1.1']);
  for (const fraction of [ceiling?.bulk, ceiling?.h2Pipelined, ceiling?.http1BackToBack]) {
    expect(fraction ?? 0).toBeGreaterThan(0.1);
    expect(fraction ?? 9).toBeLessThan(1.9);
  }

  expect(results.runs.map((r) => r.player)).toEqual(['dashjs', 'sequential']);
  for (const run of results.runs) {
    const where = `${run.player}: ${JSON.stringify({ ...run, series: undefined })}`;
    expect(run.finalPositionS, where).toBeGreaterThan(DURATION_S / 3);
    expect(run.playedS, where).toBeGreaterThan(DURATION_S / 3);
    expect(run.downloadFraction, where).not.toBeNull();
    expect(run.downloadFraction ?? 0, where).toBeGreaterThan(0);
    expect(run.downloadFraction ?? 2, where).toBeLessThanOrEqual(1.3);
    expect(run.meanBitrateKbps ?? 0, where).toBeGreaterThan(400);
    expect(run.meanBitrateKbps ?? Infinity, where).toBeLessThan(16_000);
    expect(run.rebufferRatio ?? -1, where).toBeGreaterThanOrEqual(0);
    expect(run.rebufferRatio ?? 2, where).toBeLessThanOrEqual(1);
    expect(run.startupMs ?? 0, where).toBeGreaterThan(0);
    expect(run.startupMs ?? Infinity, where).toBeLessThan(20_000);
    expect(run.mediaBytes, where).toBeGreaterThan(0);
    expect(run.activeSeconds, where).toBeLessThanOrEqual(DURATION_S + 1);
    expect(run.competitorFraction ?? 0, where).toBeGreaterThan(0);
    expect(run.connections, where).toBeGreaterThanOrEqual(1);
    expect(run.protocols, where).toContain('h2');
    expect(run.predictedFraction, where).toBeNull();
  }
});
