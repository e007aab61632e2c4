/**
 * Builds the shaped link, calibrates it, runs competing bulk flows (and an
 * optional late flow for fairness checks), prints per-second throughput and
 * delay-line lateness, and tears everything down.
 *   npx tsx src/lab/net-cli.ts --rate 20 --rtt 40 --queue 1 --competitors 1 --cc cubic --jitter 1
 */
import { describeClientPingpong } from './options.js';
import type { Calibration } from './calibrate.js';
import { EXPECTED_GOODPUT_FRACTION, formatCalibration } from './calibrate.js';
import type { BulkFlow } from './competitors.js';
import { diffDelayLineStats, formatDelayLineStats, judgeLateness } from './delay-stats.js';
import { createLab } from './lab.js';
import { NET_CLI_USAGE, parseNetCliArgs, type NetCliArgs } from './net-cli-args.js';
import { labHostProblem } from './preflight.js';
import { busiestOnPort, type TcpConnectionInfo } from './tcp-info.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Per-second throughput of each flow on a shared clock (seconds since `t0`). */
function throughputTable(flows: readonly BulkFlow[], t0: number): string {
  const rows = new Map<number, Map<string, number>>();
  for (const flow of flows) {
    const offsetS = (flow.startedAt - t0) / 1000;
    for (const sample of flow.samples) {
      const second = Math.round(offsetS + sample.endS);
      const row = rows.get(second) ?? new Map<string, number>();
      row.set(flow.name, sample.mbps);
      rows.set(second, row);
    }
  }
  const names = flows.map((flow) => flow.name);
  const lines = [`   t(s)  ${names.map((n) => n.padStart(14)).join('')}         total`];
  for (const second of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(second) ?? new Map<string, number>();
    const cells = names.map((name) => (row.has(name) ? (row.get(name) ?? 0).toFixed(2) : '-').padStart(14));
    const total = [...row.values()].reduce((sum, v) => sum + v, 0);
    lines.push(`${String(second).padStart(7)}  ${cells.join('')}${total.toFixed(2).padStart(14)}`);
  }
  return lines.join('\n');
}

async function runExperiment(args: NetCliArgs): Promise<number> {
  const lab = await createLab(args.lab);
  try {
    const k = lab.configured;
    console.log(
      `lab ${lab.runId}: ${k.rateMbps} Mbit/s, RTT ${k.rttMs} ms, queue ${k.queueBdp} BDP (${k.queueLimitBytes} B), ` +
        `ACK-path jitter 0–${k.jitterMs} ms, ${k.congestionControl}, backend ${lab.delayBackend}` +
        describeClientPingpong(k.clientPingpongThresh),
    );
    let calibration: Calibration | undefined;
    if (args.calibrate) {
      calibration = await lab.calibrate();
      console.log(formatCalibration(calibration));
    }
    const delayBefore = await lab.delayStats();
    const competitors = await lab.startCompetitors();
    const t0 = Date.now();
    const flows: BulkFlow[] = [...competitors.flows];
    let lateFlow: BulkFlow | undefined;
    if (args.lateFlow) {
      await sleep(args.lateFlow.startAfterS * 1000);
      lateFlow = await lab.startBulkFlow('late-flow', args.lateFlow.durationS);
      flows.push(lateFlow);
    }
    const lateEnd = lateFlow && args.lateFlow ? lateFlow.startedAt + args.lateFlow.durationS * 1000 : 0;
    const endAt = Math.max(t0 + args.durationS * 1000, lateEnd);
    // Poll sender state: a flow's socket disappears from ss when it ends.
    const lastTcp = new Map<number, TcpConnectionInfo>();
    while (Date.now() < endAt) {
      for (const flow of flows) {
        const connection = busiestOnPort(await lab.serverTcpConnections(), flow.port);
        if (connection) lastTcp.set(flow.port, connection);
      }
      await sleep(Math.min(1_000, Math.max(0, endAt - Date.now())));
    }
    await lateFlow?.done();
    await competitors.stop();
    console.log(`\nper-second throughput (Mbit/s):\n${throughputTable(flows, t0)}`);
    for (const flow of flows) {
      const tcp = lastTcp.get(flow.port);
      const loss = tcp && tcp.dataSegsOut > 0 ? `, retransmitted ${tcp.retransSegs}/${tcp.dataSegsOut} segments (${((100 * tcp.retransSegs) / tcp.dataSegsOut).toFixed(3)}%), ${tcp.congestionControl}` : '';
      console.log(`  ${flow.name}: mean ${flow.meanMbps().toFixed(2)} Mbit/s${loss}`);
    }

    const goodput = calibration?.goodputMbps ?? k.rateMbps * EXPECTED_GOODPUT_FRACTION;
    const summary: Record<string, unknown> = {
      configured: k,
      calibration,
      flows: flows.map((f) => ({ name: f.name, meanMbps: f.meanMbps(), tcp: lastTcp.get(f.port), samples: f.samples })),
    };
    if (lateFlow) {
      const fairShare = goodput / (competitors.flows.length + 1);
      const whole = lateFlow.meanMbps() / fairShare;
      const afterFirst5s = lateFlow.meanMbps(5) / fairShare;
      console.log(
        `late flow: ${(whole * 100).toFixed(1)}% of fair share (${fairShare.toFixed(2)} Mbit/s) over its life, ` +
          `${(afterFirst5s * 100).toFixed(1)}% after its first 5 s`,
      );
      summary['lateFlowFairShareFraction'] = { whole, afterFirst5s, fairShareMbps: fairShare };
    }
    const delayAfter = await lab.delayStats();
    let exitCode = 0;
    if (delayAfter) {
      const during = delayBefore ? diffDelayLineStats(delayAfter, delayBefore) : delayAfter;
      console.log(`\n${formatDelayLineStats(during)}`);
      summary['delayLine'] = during;
      if (judgeLateness(during).flagged) exitCode = 3;
    }
    console.log(`\nbottleneck counters: ${JSON.stringify(await lab.shaperCounters())}`);
    if (args.json) console.log(JSON.stringify(summary));
    return exitCode;
  } finally {
    await lab.close();
  }
}

async function main(): Promise<void> {
  let args: NetCliArgs;
  try {
    args = parseNetCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${NET_CLI_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(NET_CLI_USAGE);
    return;
  }
  const problem = labHostProblem();
  if (problem !== undefined) {
    console.error(`net-cli: ${problem}`);
    process.exit(2);
  }
  process.exitCode = await runExperiment(args);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
