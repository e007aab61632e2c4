/**
 * The probe's individual measurements, each while the competitors run: a bulk
 * TCP flow (iperf3), and a Chromium download from an origin under test. Each
 * also samples the sender's socket with ss in the server namespace.
 */
import type { Calibration, Competitors, Lab } from '../network-lab.js';
import { runBrowserDownload } from './browser-download.js';
import {
  BROWSER_PROTOCOL,
  browserFigures,
  competitorMbpsDuring,
  DEFAULT_STEADY_FROM_S,
  toFraction,
  type BrowserMeasurementKind,
  type CeilingMeasurement,
} from './measurement.js';
import type { OriginKind } from './origin-under-test.js';
import type { ProbeSite } from './probe-site.js';
import { SsSampler, summarizeSsSamples } from './ss-sampler.js';

export interface ProbeContext {
  readonly lab: Lab;
  readonly calibration: Calibration;
  readonly competitors: Competitors;
  readonly durationS: number;
  /** Seconds into each measurement where its steady part starts (default 5). */
  readonly steadyFromS?: number;
}

const sleepUntil = (epochMs: number | undefined) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, (epochMs ?? 0) - Date.now())));

/** `startAtMs`: epoch ms before which the flow must not start (so every measurement joins the competitors alike). */
export async function measureBulk(context: ProbeContext, startAtMs?: number): Promise<CeilingMeasurement> {
  const { lab, calibration, competitors, durationS } = context;
  const steadyFromS = context.steadyFromS ?? DEFAULT_STEADY_FROM_S;
  await sleepUntil(startAtMs);
  const flow = await lab.startBulkFlow('ceiling-bulk', durationS);
  const sampler = new SsSampler(lab, flow.port);
  sampler.start();
  await flow.done();
  const samples = await sampler.stop();
  const endedAt = flow.startedAt + durationS * 1000;
  const mbps = flow.meanMbps();
  return {
    kind: 'bulk',
    source: 'iperf3',
    protocols: ['tcp'],
    inFlight: 1,
    bytes: Math.round((mbps * 1e6 * durationS) / 8),
    busyMs: durationS * 1000,
    mbps,
    fraction: toFraction(mbps, calibration.fairShareMbps),
    steadyFraction: toFraction(flow.meanMbps(steadyFromS), calibration.fairShareMbps),
    steadyFromS,
    requests: 1,
    competitorMbps: competitorMbpsDuring(competitors.flows.map((f) => f.samples), flow.startedAt, endedAt),
    tcp: samples.length ? summarizeSsSamples(samples) : undefined,
    errors: [],
    requestTimes: [],
  };
}

export interface BrowserMeasurementSpec {
  readonly kind: BrowserMeasurementKind;
  readonly origin: OriginKind;
  readonly baseUrl: string;
  readonly port: number;
  readonly inFlight: number;
  readonly site: ProbeSite;
  readonly spkiHash: string;
  /** Objects to fetch instead of the site's ~1 MB ones (paths relative to baseUrl). */
  readonly objectPaths?: readonly string[];
  /** Cancel the body still downloading when the duration is up (for objects larger than the run). */
  readonly cutAtDuration?: boolean;
  /** The probe page to open; default baseUrl + index.html (same origin as the objects). */
  readonly pageUrl?: string;
  /** Epoch ms before which the download must not start; the browser is launched and the page loaded before. */
  readonly startAtMs?: number;
}

export async function measureBrowser(context: ProbeContext, spec: BrowserMeasurementSpec): Promise<CeilingMeasurement> {
  const { lab, calibration, competitors, durationS } = context;
  const sampler = new SsSampler(lab, spec.port);
  sampler.start();
  const run = await runBrowserDownload({
    executablePath: await lab.chromiumExecutable(),
    spkiHash: spec.spkiHash,
    pageUrl: spec.pageUrl ?? `${spec.baseUrl}index.html`,
    objectUrls: (spec.objectPaths ?? spec.site.objectPaths).map((p) => `${spec.baseUrl}${p}`),
    cutAtDuration: spec.cutAtDuration ?? false,
    ...(spec.startAtMs !== undefined ? { startAtMs: spec.startAtMs } : {}),
    inFlight: spec.inFlight,
    durationMs: durationS * 1000,
    http1: BROWSER_PROTOCOL[spec.kind] === 'http1',
  });
  const samples = (await sampler.stop()).filter((s) => s.atMs >= run.startedAtMs && s.atMs <= run.endedAtMs);
  const steadyFromS = context.steadyFromS ?? DEFAULT_STEADY_FROM_S;
  const figures = browserFigures(run.result, steadyFromS);
  return {
    kind: spec.kind,
    source: spec.origin,
    protocols: figures.protocols,
    inFlight: spec.inFlight,
    bytes: figures.bytes,
    busyMs: figures.busyMs,
    mbps: figures.mbps,
    fraction: toFraction(figures.mbps, calibration.fairShareMbps),
    steadyFraction: toFraction(figures.steadyMbps, calibration.fairShareMbps),
    steadyFromS,
    requests: run.result.requests.length,
    competitorMbps: competitorMbpsDuring(competitors.flows.map((f) => f.samples), run.startedAtMs, run.endedAtMs),
    tcp: samples.length ? summarizeSsSamples(samples) : undefined,
    errors: run.result.errors,
    requestTimes: figures.requestTimes,
  };
}
