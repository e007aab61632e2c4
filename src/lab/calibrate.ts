/**
 * Per-run calibration, before any player runs: idle RTT, the RTT while one
 * bulk flow fills the queue (so the queue limit as seen by packets), the
 * link's goodput with one flow alone, and the fair share.
 */
import { startBulkFlow } from './competitors.js';
import { diffDelayLineStats, judgeLateness, type DelayLineStats } from './delay-stats.js';
import { describeClientPingpong, type CongestionControl, type DelayBackendKind } from './options.js';
import { EchoServer, probeRtt, probeRttSeries, summarizeWindow, type RttSeries, type RttSummary } from './rtt-probe.js';

export const CALIBRATION_PORTS = { echo: 9000, bulk: 5200 } as const;

const IDLE_PROBES = { count: 20, intervalMs: 10 } as const;
const BULK_SECONDS = 6;
/** Slow start and the first queue fill are over by then at the lab's rates and RTTs. */
const STEADY_FROM_S = 2;
/**
 * Probes cover the whole bulk flow: slow start's overshoot is what reliably
 * fills the drop-tail queue (cubic's own refill cycle can take longer than the
 * flow), so the maximum RTT over the flow measures the queue limit.
 */
const LOADED_PROBES = { count: BULK_SECONDS * 100, intervalMs: 10 } as const;
/** TCP/IP header overhead at MTU 1500 with timestamps: 1448 payload bytes per 1500. */
export const EXPECTED_GOODPUT_FRACTION = 1448 / 1500;

export interface ConfiguredLink {
  rateMbps: number;
  rttMs: number;
  upDelayMs: number;
  downDelayMs: number;
  queueBdp: number;
  queueLimitBytes: number;
  burstBytes: number;
  jitterMs: number;
  congestionControl: CongestionControl;
  delayBackend: DelayBackendKind;
  /** The client namespace's net.ipv4.tcp_pingpong_thresh in effect (kernel default 1). */
  clientPingpongThresh?: number;
}

export interface Calibration {
  configured: ConfiguredLink;
  idleRtt: RttSummary;
  /** RTT while one bulk flow saturates the link (steady part, after slow start). */
  loadedRtt: RttSummary;
  /**
   * RTT with a full queue: p99 over the whole bulk flow, slow-start overshoot
   * included. p99 rather than the maximum, because on a busy host single
   * probes are delayed by scheduling (softirq deferral), not by the queue.
   */
  fullQueueRttMs: number;
  /** Highest RTT over the whole bulk flow (reported, not trusted). */
  peakRttMs: number;
  /** Steady loaded p95 minus the idle median: the typical standing queue. */
  queueDelayP95Ms: number;
  /** Full-queue RTT minus the idle median. */
  queueDelayMaxMs: number;
  /** Queue size implied by queueDelayMaxMs at the configured rate. */
  queueEstimateBytes: number;
  /** One bulk flow alone, steady part, application bytes. */
  goodputMbps: number;
  competitors: number;
  /** goodput ÷ (competitors + 1). */
  fairShareMbps: number;
  /** Delay-line counters during calibration (tun backend only). */
  delayLine?: DelayLineStats;
  /** Anything more than 10% off what was configured, or delay-line trouble. */
  warnings: string[];
}

export interface CalibrationContext {
  clientNs: string;
  serverNs: string;
  serverAddress: string;
  configured: ConfiguredLink;
  competitors: number;
  delayStats: () => Promise<DelayLineStats | undefined>;
}

export async function calibrate(context: CalibrationContext): Promise<Calibration> {
  const { configured } = context;
  const delayBefore = await context.delayStats();
  const echo = await EchoServer.start(context.serverNs, CALIBRATION_PORTS.echo);
  try {
    const idleRtt = await probeRtt(context.clientNs, context.serverAddress, echo.port, IDLE_PROBES);
    const flow = await startBulkFlow({
      name: 'calibration',
      port: CALIBRATION_PORTS.bulk,
      serverNs: context.serverNs,
      clientNs: context.clientNs,
      serverAddress: context.serverAddress,
      durationS: BULK_SECONDS,
    });
    let loaded: RttSeries;
    try {
      loaded = await probeRttSeries(context.clientNs, context.serverAddress, echo.port, LOADED_PROBES);
      await flow.done();
    } finally {
      await flow.stop();
    }
    const flowEnd = flow.startedAt + BULK_SECONDS * 1000;
    const loadedRtt = summarizeWindow(loaded, flow.startedAt + STEADY_FROM_S * 1000, flowEnd);
    const wholeFlow = summarizeWindow(loaded, flow.startedAt, flowEnd);
    const goodputMbps = flow.meanMbps(STEADY_FROM_S, BULK_SECONDS);
    const delayAfter = await context.delayStats();
    const delayLine = delayAfter && delayBefore ? diffDelayLineStats(delayAfter, delayBefore) : delayAfter;
    const queueDelayMaxMs = wholeFlow.p99Ms - idleRtt.medianMs;
    const calibration: Calibration = {
      configured,
      idleRtt,
      loadedRtt,
      fullQueueRttMs: wholeFlow.p99Ms,
      peakRttMs: wholeFlow.maxMs,
      queueDelayP95Ms: loadedRtt.p95Ms - idleRtt.medianMs,
      queueDelayMaxMs,
      queueEstimateBytes: Math.round(((queueDelayMaxMs / 1000) * configured.rateMbps * 1e6) / 8),
      goodputMbps,
      competitors: context.competitors,
      fairShareMbps: goodputMbps / (context.competitors + 1),
      warnings: [],
      ...(delayLine ? { delayLine } : {}),
    };
    calibration.warnings = calibrationWarnings(calibration);
    return calibration;
  } finally {
    await echo.stop();
  }
}

function offBy(measured: number, expected: number): number {
  return expected === 0 ? 0 : Math.abs(measured - expected) / expected;
}

/** What a reader of the run should distrust. Pure, so the thresholds are testable. */
export function calibrationWarnings(c: Omit<Calibration, 'warnings'>): string[] {
  const warnings: string[] = [];
  const expectedGoodput = c.configured.rateMbps * EXPECTED_GOODPUT_FRACTION;
  if (offBy(c.goodputMbps, expectedGoodput) > 0.1) {
    warnings.push(`goodput ${c.goodputMbps.toFixed(2)} Mbit/s is >10% off the expected ${expectedGoodput.toFixed(2)}`);
  }
  // Allow 1 ms of stack overhead on top of the configured propagation delay.
  if (Math.abs(c.idleRtt.medianMs - c.configured.rttMs) > Math.max(0.1 * c.configured.rttMs, 1)) {
    warnings.push(`idle RTT ${c.idleRtt.medianMs.toFixed(2)} ms is >10% off the configured ${c.configured.rttMs} ms`);
  }
  if (offBy(c.queueEstimateBytes, c.configured.queueLimitBytes) > 0.25) {
    warnings.push(
      `queue seen by packets ~${Math.round(c.queueEstimateBytes)} B vs configured ${c.configured.queueLimitBytes} B (>25% off)`,
    );
  }
  if (c.delayLine) {
    const verdict = judgeLateness(c.delayLine);
    if (verdict.flagged) {
      warnings.push(
        `delay line: ${(verdict.lateFraction * 100).toFixed(2)}% of packets >1 ms late, ${verdict.drops} dropped`,
      );
    }
  }
  return warnings;
}

export function formatCalibration(c: Calibration): string {
  const k = c.configured;
  const rtt = (s: RttSummary): string =>
    `median ${s.medianMs.toFixed(2)} p95 ${s.p95Ms.toFixed(2)} max ${s.maxMs.toFixed(2)} ms (n=${s.samples}, lost ${s.lost})`;
  return [
    `calibration: ${k.rateMbps} Mbit/s, RTT ${k.rttMs} ms (${k.upDelayMs} up + ${k.downDelayMs} down), ` +
      `queue ${k.queueBdp} BDP = ${k.queueLimitBytes} B, burst ${k.burstBytes} B, ACK jitter 0–${k.jitterMs} ms, ` +
      `${k.congestionControl}, delay backend ${k.delayBackend}` +
      describeClientPingpong(k.clientPingpongThresh),
    `  idle RTT:   ${rtt(c.idleRtt)}`,
    `  loaded RTT: ${rtt(c.loadedRtt)}`,
    `  over the whole flow: p99 ${c.fullQueueRttMs.toFixed(2)} ms (full queue), max ${c.peakRttMs.toFixed(2)} ms`,
    `  queue delay p95 ${c.queueDelayP95Ms.toFixed(1)} ms, full ${c.queueDelayMaxMs.toFixed(1)} ms ≈ ${Math.round(c.queueEstimateBytes)} B`,
    `  goodput ${c.goodputMbps.toFixed(2)} Mbit/s (${((100 * c.goodputMbps) / k.rateMbps).toFixed(1)}% of rate); ` +
      `fair share with ${c.competitors} competitor(s): ${c.fairShareMbps.toFixed(2)} Mbit/s`,
    ...c.warnings.map((w) => `  WARNING: ${w}`),
  ].join('\n');
}
