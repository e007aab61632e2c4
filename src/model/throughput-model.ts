/**
 * The Sprint throughput model: what fraction of its fair share a download of
 * D bytes gets, from the state of the network it starts into. Pure; derived and
 * discussed in docs/model.md.
 *
 * A download that starts after the connection idled past its RTO restarts from
 * the restart window and meets a bottleneck queue the competing flows keep full:
 *  1. slow start doubles the window each loaded RTT until it overruns the queue
 *     and loses packets early, at a window σ·B/n (B = fair-share BDP at the loaded
 *     RTT; n competing flows keep the queue fuller, so the first loss comes sooner).
 *     Where the restart window is already that big, the first burst takes the loss
 *     and the flow goes on from β of it;
 *  2. then congestion avoidance converges on fair share over the competing flows'
 *     loss epochs: the rate approaches C with time constant τ = κ·K·n^γ, where K is
 *     CUBIC's epoch length for a flow of the path's per-flow window (each loss epoch
 *     takes bandwidth back from one competitor, so more competitors take longer),
 *     and never faster than κ_a epochs of additive increase, (1+β)/3·W round trips
 *     each, which is what binds at long RTTs and large windows.
 * The fraction is bytes ÷ (C × time to deliver them).
 */

export interface NetworkState {
  /** Estimated fair-share throughput at the bottleneck, bits/s. */
  readonly fairShareBps: number;
  /** Propagation RTT, ms (the minimum seen). */
  readonly baseRttMs: number;
  /** RTT with the bottleneck queue as the download sees it, ms. */
  readonly loadedRttMs: number;
  /** True when the connection idled past its RTO, so the window restarts (RFC 5681 §4.1). */
  readonly idleRestart: boolean;
  /** Window a restarted download begins with, bytes (Linux: 10 segments). */
  readonly restartWindowBytes: number;
  /** Other long-lived flows at the bottleneck. Unobservable from a page: the prior is 1. */
  readonly competingFlows: number;
}

export interface ModelParameters {
  /** Window, as a fraction of the fair-share BDP, at which slow start meets its first loss. */
  readonly slowStartExitFraction: number;
  /** Convergence time constant in CUBIC epochs, for one competing flow. */
  readonly convergenceEpochs: number;
  /** How convergence time grows with the number of competing flows (τ ∝ n^γ). */
  readonly competitorExponent: number;
  /**
   * How convergence time grows with the loaded RTT beyond CUBIC's epoch
   * (τ ∝ (RTT_loaded / 100 ms)^δ); absent is 0. Results recorded before it existed lack it.
   */
  readonly convergenceRttExponent?: number;
  /**
   * Convergence time in additive-increase epochs, the floor under the CUBIC term: an epoch
   * is the (1−β)·W packets of a per-flow window W at CUBIC's Reno-friendly rate of
   * 3(1−β)/(1+β) packets per round trip, i.e. (1+β)/3·W loaded RTTs. Absent: no floor
   * (results recorded before it existed lack it).
   */
  readonly additiveEpochs?: number;
  /** Sender's maximum segment size, bytes. */
  readonly mssBytes: number;
  /** CUBIC's C (RFC 9438 §4.2). */
  readonly cubicC: number;
  /** CUBIC's multiplicative decrease β (RFC 9438 §4.6). */
  readonly cubicBeta: number;
}

/**
 * σ, κ, γ: priors fitted to two points measured at 20 Mbit/s, 40 ms, 1 BDP, one cubic
 * competitor; κ_a: fitted to the probe datasets in docs/data (docs/model.md).
 */
export const DEFAULT_MODEL_PARAMETERS: ModelParameters = {
  slowStartExitFraction: 0.3,
  convergenceEpochs: 1.35,
  competitorExponent: 0.5,
  additiveEpochs: 3,
  mssBytes: 1448,
  cubicC: 0.4,
  cubicBeta: 0.7,
};

export const LINUX_RESTART_WINDOW_BYTES = 10 * 1448;

/** The loaded RTT at which convergenceRttExponent leaves τ as CUBIC's epochs alone. */
export const CONVERGENCE_REFERENCE_RTT_MS = 100;

/** CUBIC's epoch K = ∛(W_max·(1−β)/C), seconds, for a flow whose window peaks at `windowPackets`. */
export function cubicEpochS(windowPackets: number, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number {
  return Math.cbrt((Math.max(1, windowPackets) * (1 - params.cubicBeta)) / params.cubicC);
}

/**
 * Additive increase's epoch, seconds: (1−β)·W packets at 3(1−β)/(1+β) packets per round
 * trip (RFC 9438 §4.3's Reno-friendly rate) take (1+β)/3·W round trips.
 */
export function additiveEpochS(windowPackets: number, rttMs: number, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number {
  return (((1 + params.cubicBeta) / 3) * Math.max(1, windowPackets) * rttMs) / 1000;
}

/**
 * Time constant of convergence to fair share, seconds: CUBIC's epochs, or additive
 * increase's where that is slower (long RTTs, large windows: one competitor at 80 ms).
 */
export function convergenceTimeS(network: NetworkState, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number {
  const flows = Math.max(1, network.competingFlows + 1);
  const linkBytesPerS = (network.fairShareBps / 8) * flows;
  const queueS = Math.max(0, network.loadedRttMs - network.baseRttMs) / 1000;
  const pathWindowBytes = linkBytesPerS * (network.baseRttMs / 1000 + queueS);
  const windowPackets = pathWindowBytes / flows / params.mssBytes;
  const epochs = params.convergenceEpochs * Math.max(1, network.competingFlows) ** params.competitorExponent;
  const rttFactor = (network.loadedRttMs / CONVERGENCE_REFERENCE_RTT_MS) ** (params.convergenceRttExponent ?? 0);
  const cubicS = epochs * rttFactor * cubicEpochS(windowPackets, params);
  return Math.max(cubicS, (params.additiveEpochs ?? 0) * additiveEpochS(windowPackets, network.loadedRttMs, params));
}

/** Seconds to deliver `bytes` under the model. */
export function downloadTimeS(bytes: number, network: NetworkState, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number {
  assertNetwork(network);
  if (!(bytes > 0)) return 0;
  const rateBytesPerS = network.fairShareBps / 8;
  const rttS = network.loadedRttMs / 1000;
  if (!network.idleRestart) return bytes / rateBytesPerS + rttS; // the window is still open: one request RTT
  const bdp = rateBytesPerS * rttS;
  const w0 = Math.min(network.restartWindowBytes, bdp);
  const firstLossWindow = (params.slowStartExitFraction * bdp) / Math.max(1, network.competingFlows);
  const exitWindow = Math.max(w0, firstLossWindow);
  const rounds = Math.log2(exitWindow / w0);
  const slowStartBytes = w0 * (2 ** rounds - 1);
  if (bytes <= slowStartBytes) return rttS * (1 + Math.log2(bytes / w0 + 1));
  const tau = convergenceTimeS(network, params);
  // A restart burst at or above the first-loss window overruns the full queue itself: the
  // flow goes on from CUBIC's β of that burst, never below where slow start would have left it.
  const burstLoss = w0 >= firstLossWindow;
  const startShare = (burstLoss ? Math.max(params.cubicBeta * w0, firstLossWindow) : exitWindow) / bdp;
  const remaining = bytes - slowStartBytes;
  // Congestion avoidance delivers C·(t − (1−s)·τ·(1 − e^(−t/τ))) bytes by time t: solve for t.
  const delivered = (t: number) => rateBytesPerS * (t - (1 - startShare) * tau * (1 - Math.exp(-t / tau)));
  let lo = remaining / rateBytesPerS;
  let hi = lo + tau;
  while (delivered(hi) < remaining) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (delivered(mid) < remaining) lo = mid;
    else hi = mid;
  }
  return rttS * (1 + rounds) + hi;
}

/** Fraction of fair share a download of `bytes` achieves, in (0, 1]. */
export function predictedFraction(bytes: number, network: NetworkState, params: ModelParameters = DEFAULT_MODEL_PARAMETERS): number {
  if (!(bytes > 0)) return 0;
  return shareOf(bytes, downloadTimeS(bytes, network, params), network);
}

/** Fraction of fair share that `bytes` in `seconds` are, capped at 1. */
function shareOf(bytes: number, seconds: number, network: NetworkState): number {
  return Math.min(1, bytes / ((network.fairShareBps / 8) * seconds));
}

/**
 * Fraction of fair share the next `bytes` get on a connection that has stayed busy since
 * its window last restarted and has delivered `deliveredBytes` since: the restart case's
 * ramp, joined part-way (the request RTT is already paid). With nothing delivered it is
 * predictedFraction's restart case; it tends to 1 as the ramp falls behind.
 */
export function continuedFraction(
  deliveredBytes: number,
  bytes: number,
  network: NetworkState,
  params: ModelParameters = DEFAULT_MODEL_PARAMETERS,
): number {
  if (!(bytes > 0)) return 0;
  if (!(deliveredBytes >= 0)) throw new RangeError(`delivered bytes must be >= 0, got ${deliveredBytes}`);
  const restarted = { ...network, idleRestart: true };
  return shareOf(bytes, downloadTimeS(deliveredBytes + bytes, restarted, params) - downloadTimeS(deliveredBytes, restarted, params), network);
}

/** Smallest download (bytes) whose predicted fraction reaches `target`; Infinity when none within `maxBytes`. */
export function downloadSizeFor(
  target: number,
  network: NetworkState,
  params: ModelParameters = DEFAULT_MODEL_PARAMETERS,
  maxBytes = 4e9,
): number {
  if (!(target > 0 && target < 1)) throw new RangeError(`target fraction must be in (0, 1), got ${target}`);
  if (predictedFraction(maxBytes, network, params) < target) return Infinity;
  let lo = 1;
  let hi = maxBytes;
  while (hi / lo > 1.001) {
    const mid = Math.sqrt(lo * hi);
    if (predictedFraction(mid, network, params) >= target) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}

function assertNetwork(network: NetworkState): void {
  const ok =
    network.fairShareBps > 0 &&
    network.baseRttMs > 0 &&
    network.loadedRttMs >= network.baseRttMs &&
    network.restartWindowBytes > 0 &&
    network.competingFlows >= 0;
  if (!ok) throw new RangeError(`invalid network state ${JSON.stringify(network)}`);
}
