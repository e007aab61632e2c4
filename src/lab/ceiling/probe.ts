/**
 * The transport ceiling probe: on the lab link with its competitors running,
 * measures (a) a second bulk TCP flow, (b) Chromium downloading ~1 MB objects
 * back to back from the origin over h2 with N requests in flight, and (c) the
 * same over HTTP/1.1, one request at a time on one connection. Each result is
 * bytes over busy time as a fraction of the calibrated fair share, so a
 * player's results can be read against what its transport could reach.
 * On request it then measures diagnostic paths (diagnostic-paths.ts) for the
 * first origin, to tell HTTP/2 from pipelining as the cause of (b)'s figure.
 */
import { loadavg } from 'node:os';
import { readClientPingpongThresh, setClientPingpongThresh } from '../topology.js';
import { ensureCertificate } from '../../../scripts/cert.js';
import type { Calibration, Competitors, Lab } from '../network-lab.js';
import { diagnosticDownload, needsStreamObject, streamObjectBytes, type DiagnosticPath } from './diagnostic-paths.js';
import { measureBrowser, measureBulk, type BrowserMeasurementSpec, type ProbeContext } from './measure.js';
import type { CeilingMeasurement } from './measurement.js';
import { startOriginUnderTest, type OriginKind } from './origin-under-test.js';
import { createProbeSite } from './probe-site.js';

export interface CeilingProbeOptions {
  /** Seconds per measurement (default 25). */
  readonly durationS?: number;
  /** Seconds into each measurement where its steady part starts (default 5). */
  readonly steadyFromS?: number;
  /** Requests in flight for the h2 download, 2–4 (default 2). */
  readonly inFlight?: number;
  /** Origins whose h2 and HTTP/1.1 downloads are measured (default ['node']): the first is "the" origin. */
  readonly origins?: readonly OriginKind[];
  /** Already running competitors; otherwise the probe starts calibration.competitors flows and stops them. */
  readonly competitors?: Competitors;
  /** Seconds the competitors run before the first measurement (default 5). */
  readonly warmupS?: number;
  /** Seconds between measurements, so one flow's end does not overlap the next one's start (default 3). */
  readonly pauseS?: number;
  /** Diagnostic paths measured after (b) and (c) of the first origin, in this order (default none). */
  readonly diagnostics?: readonly DiagnosticPath[];
  readonly log?: (line: string) => void;
}

export interface OriginCeiling {
  readonly origin: OriginKind;
  readonly h2Pipelined: CeilingMeasurement;
  readonly http1BackToBack: CeilingMeasurement;
}

export interface CeilingResult {
  readonly fairShareMbps: number;
  readonly goodputMbps: number;
  readonly competitors: number;
  readonly jitterMs: number;
  /** Client's net.ipv4.tcp_pingpong_thresh in effect (kernel default 1): the h2 figure depends on it (docs/lab.md). */
  readonly clientPingpongThresh?: number;
  readonly durationS: number;
  /** (a) a late bulk TCP flow (iperf3). */
  readonly bulk: CeilingMeasurement;
  /** (b) and (c) from the first origin in options.origins. */
  readonly h2Pipelined: CeilingMeasurement;
  readonly http1BackToBack: CeilingMeasurement;
  /** (b) and (c) for every origin measured, in options.origins order. */
  readonly byOrigin: readonly OriginCeiling[];
  /** The diagnostic paths asked for, from the first origin, in options.diagnostics order; absent when none. */
  readonly diagnostics?: readonly CeilingMeasurement[];
  /** os.loadavg() before and after: CPU load distorts these figures. */
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describe(m: CeilingMeasurement): string {
  return `${m.kind} (${m.source}, ${m.protocols.join('/')}): ${m.mbps.toFixed(2)} Mbit/s = ${m.fraction.toFixed(2)} of fair share ` +
    `(from ${m.steadyFromS} s ${m.steadyFraction.toFixed(2)}), competitor ${m.competitorMbps.toFixed(2)} Mbit/s`;
}

type OriginSpec = Pick<BrowserMeasurementSpec, 'origin' | 'baseUrl' | 'port' | 'site' | 'spkiHash'>;

async function measureDiagnostics(
  context: ProbeContext,
  common: OriginSpec & { readonly inFlight: number },
  paths: readonly DiagnosticPath[],
  pauseMs: number,
  log: (line: string) => void,
): Promise<CeilingMeasurement[]> {
  const measurements: CeilingMeasurement[] = [];
  for (const path of paths) {
    await sleep(pauseMs);
    const { clientPingpongThresh, ...download } = diagnosticDownload(path, common.site.streamPath);
    const spec = { ...common, kind: path, ...download };
    const measurement = clientPingpongThresh === undefined
      ? await measureBrowser(context, spec)
      : await withClientPingpongThresh(context.lab, clientPingpongThresh, () => measureBrowser(context, spec));
    log(describe(measurement));
    measurements.push(measurement);
  }
  return measurements;
}

/** Runs `measure` with the client namespace's threshold at `thresh`, then puts the previous value back. */
async function withClientPingpongThresh<T>(lab: Lab, thresh: number, measure: () => Promise<T>): Promise<T> {
  const previous = await readClientPingpongThresh(lab.namespaces);
  if (previous === undefined) throw new Error('this kernel has no net.ipv4.tcp_pingpong_thresh to set');
  await setClientPingpongThresh(lab.namespaces, thresh);
  try {
    return await measure();
  } finally {
    await setClientPingpongThresh(lab.namespaces, previous);
  }
}

export async function runCeilingProbe(lab: Lab, calibration: Calibration, options: CeilingProbeOptions = {}): Promise<CeilingResult> {
  const durationS = options.durationS ?? 25;
  const inFlight = options.inFlight ?? 2;
  const origins = options.origins ?? ['node'];
  const pauseMs = (options.pauseS ?? 3) * 1000;
  const log = options.log ?? (() => undefined);
  const diagnostics = options.diagnostics ?? [];
  if (origins.length === 0) throw new Error('runCeilingProbe: at least one origin');
  const before = loadavg();
  const certificate = await ensureCertificate();
  const site = await createProbeSite(
    needsStreamObject(diagnostics) ? { streamBytes: streamObjectBytes(calibration.configured.rateMbps, durationS) } : {},
  );
  const ownCompetitors = options.competitors === undefined;
  const competitors = options.competitors ?? (await lab.startCompetitors(calibration.competitors));
  const context: ProbeContext = { lab, calibration, competitors, durationS, steadyFromS: options.steadyFromS };
  try {
    await sleep((options.warmupS ?? 5) * 1000);
    const bulk = await measureBulk(context);
    log(describe(bulk));
    const byOrigin: OriginCeiling[] = [];
    let diagnosed: CeilingMeasurement[] = [];
    for (const origin of origins) {
      const running = await startOriginUnderTest(lab, origin, site.dir, certificate);
      try {
        const common = { origin, baseUrl: running.baseUrl, port: running.port, site, spkiHash: certificate.spkiHash };
        await sleep(pauseMs);
        const h2Pipelined = await measureBrowser(context, { ...common, kind: 'h2-pipelined', inFlight });
        log(describe(h2Pipelined));
        await sleep(pauseMs);
        const http1BackToBack = await measureBrowser(context, { ...common, kind: 'http1-back-to-back', inFlight: 1 });
        log(describe(http1BackToBack));
        byOrigin.push({ origin, h2Pipelined, http1BackToBack });
        if (byOrigin.length === 1) diagnosed = await measureDiagnostics(context, { ...common, inFlight }, diagnostics, pauseMs, log);
      } finally {
        await running.stop();
      }
    }
    const first = byOrigin[0] as OriginCeiling;
    return {
      fairShareMbps: calibration.fairShareMbps,
      goodputMbps: calibration.goodputMbps,
      competitors: competitors.flows.length,
      jitterMs: calibration.configured.jitterMs,
      ...(calibration.configured.clientPingpongThresh === undefined ? {} : { clientPingpongThresh: calibration.configured.clientPingpongThresh }),
      durationS,
      bulk,
      h2Pipelined: first.h2Pipelined,
      http1BackToBack: first.http1BackToBack,
      byOrigin,
      ...(diagnosed.length > 0 ? { diagnostics: diagnosed } : {}),
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    if (ownCompetitors) await competitors.stop();
    await site.remove();
  }
}
