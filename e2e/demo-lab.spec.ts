/**
 * Lab mode end to end, as a person runs it: `npm run demo:lab` (here with
 * --rate 20 --rtt 40 --queue 1 --competitors 1, cubic, 1 ms ACK jitter) builds
 * the lab, calibrates, serves the page from the server namespace and relays
 * the host's loopback into the client namespace; the browser on the host opens
 * the comparison page and plays Sprint, then dash.js, each alone against the
 * competitor for 60 s after 5 s of the competitor alone, with the ABR both
 * default to in the lab runner (dynamic): the runner's conditions, so the
 * page's numbers compare with `npm run lab -- --players sprint,dashjs
 * --duration 60`. The first test checks the machinery (lab, page, fair share,
 * numbers in physical bounds, Ctrl-C leaves no namespace); the second the
 * claim itself: Sprint's fraction of fair share, read from the DOM, above
 * dash.js's. Needs Linux and root (CI runs as root); skipped otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { LAB_DEMO_READY } from '../src/demo/server/lab-demo.js';
import { labHostProblem } from '../src/lab/network-lab.js';
import { listNamespaces } from '../src/lab/cleanup.js';
import { REPO_ROOT } from '../src/server/start-origin.js';

const problem = labHostProblem();
const TURN_S = 60;

/** A port P with P..P+4 all free on 127.0.0.1 (the page and the four players' origins). */
async function freePortBlock(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const checks = await Promise.all([0, 1, 2, 3, 4].map((i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('no block of 5 free ports');
}

function waitForOutput(child: ChildProcess, output: { text: string }, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo:lab did not print ${pattern} in ${timeoutMs / 1000} s:\n${output.text}`)), timeoutMs);
    const check = (): void => {
      const match = output.text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo:lab exited (${code}):\n${output.text}`));
    });
    check();
  });
}

interface PaneNumbers {
  fraction: number;
  fairShareMbps: number;
  busyRateMbps: number;
  busyS: number;
  mediaMB: number;
  stalls: number;
}

test.describe.serial('lab mode', () => {
  test.skip(problem !== undefined, `the shaped-link demo needs the network lab: ${problem}`);
  test.setTimeout(330_000);
  const result: Record<string, PaneNumbers> = {};

  test('npm run demo:lab: the comparison page plays Sprint and dash.js through the shaped link and measures both', async ({ page }) => {
    const port = await freePortBlock();
    const output = { text: '' };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo-lab.ts', '--no-build', '--rate', '20', '--rtt', '40', '--queue', '1', '--competitors', '1', '--port', String(port)],
      { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    let runId: string | undefined;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    try {
      runId = (await waitForOutput(child, output, /lab (\w+): calibrating/, 60_000))[1];
      const url = (await waitForOutput(child, output, new RegExp(`${LAB_DEMO_READY}(\\S+)`), 90_000))[1]!;
      const goodputMbps = Number(output.text.match(/goodput ([\d.]+) Mbit\/s/)?.[1]);

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${url}?players=sprint,dashjs&abr=dynamic&turnS=${TURN_S}&autostart=turns`);
      await expect(page.getByTestId('page-mode')).toHaveAttribute('data-mode', 'lab');
      await expect(page.getByTestId('page-mode')).toHaveAttribute('data-fair-share', 'lab');
      await expect(page.getByTestId('turn-status')).toHaveAttribute('data-turn', 'done', { timeout: 2 * (TURN_S + 5) * 1000 + 60_000 });

      const read = async (player: string, key: string) => Number(await page.getByTestId(`pane-${player}-${key}`).getAttribute('data-value'));
      for (const player of ['sprint', 'dashjs']) {
        result[player] = {
          fraction: await read(player, 'fraction'),
          fairShareMbps: (await read(player, 'fair-share')) / 1e6,
          busyRateMbps: (await read(player, 'busy-rate')) / 1e6,
          busyS: await read(player, 'busy'),
          mediaMB: (await read(player, 'bytes')) / 1e6,
          stalls: await read(player, 'stalls'),
        };
        await expect(page.getByTestId(`pane-${player}-throughput-fair`)).toHaveCount(1);
      }
      const summary = `calibrated goodput ${goodputMbps} Mbit/s; ${JSON.stringify(result)}`;
      console.log(`lab-mode e2e: ${summary}`);
      test.info().annotations.push({ type: 'lab-mode fractions', description: summary });
      await page.screenshot({ path: test.info().outputPath('lab-mode.png'), fullPage: true });

      for (const player of ['sprint', 'dashjs']) {
        const r = result[player]!;
        // One player and one competitor share the link: fair share = goodput ÷ 2.
        expect(r.fairShareMbps).toBeCloseTo(goodputMbps / 2, 1);
        // Played, busy for a good part of its turn, and never faster than the link.
        expect(r.busyS).toBeGreaterThan(10);
        expect(r.busyRateMbps).toBeLessThan(goodputMbps * 1.02);
        expect(r.fraction).toBeGreaterThan(0.2);
      }
      expect(errors).toEqual([]);
    } finally {
      // What a terminal's Ctrl-C does: SIGINT to the whole process group.
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
      const exited = await new Promise<boolean>((resolve) => {
        if (child.exitCode !== null) return resolve(true);
        const timer = setTimeout(() => resolve(false), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      expect(exited, `demo:lab exits after Ctrl-C:\n${output.text}`).toBe(true);
      if (runId) expect((await listNamespaces()).filter((ns) => ns.includes(`-${runId}-`))).toEqual([]);
    }
  });

  // In 60 s both players behave much like bulk flows and differ by ±0.1 run to run on a busy
  // 2-core host (docs/demo.md), so the default suite reports the comparison and asserts it only
  // where asked (SPRINT_ASSERT_FAIRNESS=1, e.g. on a quiet machine): fairness is measured, not timed.
  test('Sprint against dash.js: fraction of fair share from the same run, read from the page', () => {
    expect(result.sprint, 'the first lab-mode test measured both players').toBeDefined();
    const summary = `Sprint ${result.sprint!.fraction.toFixed(2)} vs dash.js ${result.dashjs!.fraction.toFixed(2)}`;
    test.info().annotations.push({ type: 'fraction of fair share', description: summary });
    console.log(`demo lab mode: ${summary}`);
    if (process.env.SPRINT_ASSERT_FAIRNESS === '1') expect(result.sprint!.fraction, summary).toBeGreaterThan(result.dashjs!.fraction);
  });
});
