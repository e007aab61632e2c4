/**
 * Probe mode analysis: fraction of fair share each object size got during its
 * downloads, next to the throughput model's prediction for the same network
 * state (from calibration). Pure.
 */
import {
  DEFAULT_MODEL_PARAMETERS,
  LINUX_RESTART_WINDOW_BYTES,
  downloadSizeFor,
  predictedFraction,
  type ModelParameters,
  type NetworkState,
} from '../../model/throughput-model.js';
import type { ProbeDownload } from '../page/lab-result.js';
import { meanOrNull } from './metrics.js';

export interface ProbeNetwork {
  readonly fairShareMbps: number;
  /** Idle RTT median from calibration. */
  readonly baseRttMs: number;
  /** Loaded RTT median from calibration. */
  readonly loadedRttMs: number;
  readonly competitors: number;
}

export interface ProbeSizeResult {
  readonly cell: number;
  readonly bytes: number;
  readonly periodS: number;
  readonly count: number;
  /** Σ bytes ÷ (Σ download time × fair share); download time = request sent → last byte. */
  readonly measuredFraction: number | null;
  /** Each download's own fraction. */
  readonly fractions: readonly number[];
  readonly meanDownloadMs: number | null;
  /** The model's prediction, averaged over the downloads (each with its own idle-restart state). */
  readonly predictedFraction: number | null;
  /** Share of downloads that started after an idle longer than the RTO (window restart). */
  readonly idleRestartShare: number;
  readonly meanIdleBeforeMs: number | null;
  readonly protocols: readonly string[];
  readonly network: ProbeNetwork;
  /** The fraction of fair share the model picked this size for (--probe-model-target); null for sizes given by hand. */
  readonly modelTarget: number | null;
}

/** Linux's minimum RTO; an idle connection restarts its window after ≈ RTT + this. */
const LINUX_RTO_MIN_MS = 200;

export function probeNetworkState(network: ProbeNetwork, idleRestart: boolean): NetworkState {
  return {
    fairShareBps: network.fairShareMbps * 1e6,
    baseRttMs: network.baseRttMs,
    loadedRttMs: Math.max(network.loadedRttMs, network.baseRttMs),
    idleRestart,
    restartWindowBytes: LINUX_RESTART_WINDOW_BYTES,
    competingFlows: network.competitors,
  };
}

function downloadMs(d: ProbeDownload): number {
  return d.responseEnd - (d.requestStart > 0 ? d.requestStart : d.startTime);
}

/** Whether the connection sat idle past its RTO before this download. The first download idles one period. */
export function restartsWindow(d: ProbeDownload, network: ProbeNetwork): boolean {
  const idleMs = d.idleBeforeMs ?? d.periodS * 1000;
  return idleMs > network.loadedRttMs + LINUX_RTO_MIN_MS;
}

/** Groups the downloads by size and schedule; `params` lets the model fit (lab/report/model-fit.ts) try other parameters. */
export function analyzeProbe(
  downloads: readonly ProbeDownload[],
  network: ProbeNetwork,
  cell: number,
  params: ModelParameters = DEFAULT_MODEL_PARAMETERS,
): ProbeSizeResult[] {
  const groups = new Map<string, ProbeDownload[]>();
  for (const d of downloads) {
    const key = `${d.bytes}@${d.periodS}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const fairShareBytesPerMs = (network.fairShareMbps * 1e6) / 8 / 1000;
  return [...groups.values()].map((group) => {
    const first = group[0] as ProbeDownload;
    const times = group.map(downloadMs);
    const totalMs = times.reduce((sum, t) => sum + t, 0);
    const totalBytes = group.reduce((sum, d) => sum + d.bytes, 0);
    const restarts = group.map((d) => restartsWindow(d, network));
    return {
      cell,
      bytes: first.bytes,
      periodS: first.periodS,
      count: group.length,
      measuredFraction: totalMs > 0 ? totalBytes / (totalMs * fairShareBytesPerMs) : null,
      fractions: group.map((d, i) => d.bytes / ((times[i] ?? 0) * fairShareBytesPerMs)),
      meanDownloadMs: meanOrNull(times),
      predictedFraction: meanOrNull(group.map((d, i) => predictedFraction(d.bytes, probeNetworkState(network, restarts[i] ?? true), params))),
      idleRestartShare: restarts.filter(Boolean).length / group.length,
      meanIdleBeforeMs: meanOrNull(group.map((d) => d.idleBeforeMs)),
      protocols: [...new Set(group.map((d) => d.protocol))],
      network,
      modelTarget: null,
    };
  });
}

/** Model-sized probe objects are rounded up to this, so nearby cells share a file. */
const MODEL_PROBE_GRAIN_BYTES = 10_000;

/**
 * The object size the model picks for `target` on this network (a restarted
 * connection, as every spaced probe download is), rounded up to 10 kB; null when the
 * model says no size reaches the target.
 */
export function modelProbeBytes(target: number, network: ProbeNetwork, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number | null {
  const bytes = downloadSizeFor(target, probeNetworkState(network, true), params);
  if (!Number.isFinite(bytes)) return null;
  return Math.ceil(bytes / MODEL_PROBE_GRAIN_BYTES) * MODEL_PROBE_GRAIN_BYTES;
}
