/**
 * Sprint's data plane. Instead of one segment whenever the buffer dips below
 * target (an on-off pattern that restarts TCP's ramp every few seconds), it:
 *  - holds off while the free buffer is too small for a download big enough to
 *    reach the target fraction of fair share (the throughput model's size);
 *  - then starts a **run**: segments back to back until the buffer cap, with the
 *    next request issued while the connection still has about two BDPs of bytes
 *    to come, so the server never waits for a request and TCP never idles (but
 *    never more than a second's transfer queued, so the segment needed next is
 *    not held up behind, or interleaved with, ones needed later);
 *  - starts a run regardless of size when the buffer falls below a low-water
 *    mark (a stall costs more than unfairness), and at startup; once the startup
 *    buffer is reached, the startup run's filling goes on as a 'continued' run
 *    that carries the model's prediction.
 * Video and audio share one run so audio requests never split a video run.
 */
import {
  DEFAULT_MODEL_PARAMETERS,
  LINUX_RESTART_WINDOW_BYTES,
  continuedFraction,
  downloadSizeFor,
  type ModelParameters,
  type NetworkState,
} from '../model/throughput-model.js';
import type {
  DownloadScheduler,
  FetchOrder,
  Pipelining,
  RunEvent,
  RunModelInputs,
  RunReason,
  SchedulerDecision,
  SchedulerState,
  TrackSchedulingState,
} from './types.js';

/** A run's planned size, the model's prediction for it, and what that prediction came from. */
export interface RunPlan {
  readonly bytes: number;
  readonly predictedFraction: number;
  readonly model: RunModelInputs;
}

export interface SprintSchedulerOptions {
  /** Fraction of fair share a run should reach. */
  readonly targetFraction: number;
  /** Below this much media ahead, a run starts whatever its size. */
  readonly lowWaterS: number;
  /** Most segments in flight per track (a coalesced request counts each segment it carries). */
  readonly maxInFlight: number;
  /** Issue the next request when fewer than this many BDPs of bytes are still to come on the connection. */
  readonly pipelineBdps: number;
  /**
   * Pipelining floor where the BDP is unknown or tiny, bytes. Early in a run segments are
   * small (low startup rungs) and the estimate is missing: a floor of a few segments keeps
   * the next request's RTT hidden behind the bytes still to come.
   */
  readonly minPipelineBytes: number;
  /**
   * The floor gives way to at most this many seconds of transfer at the measured rate.
   * At a low share a 256 KB floor queues seconds of responses: the segment needed next
   * then waits behind (or, once the origin's in-order queue gives up, is interleaved
   * with) segments needed later, and a short startup buffer runs dry (lab, 5 Mbit/s,
   * 80 ms, three competitors: a 0.5 s stall at 3.9 s while four audio and two video
   * responses shared a 1.2 Mbit/s share).
   */
  readonly maxQueuedS: number;
  /** Connection idle longer than this restarts the window (Linux's RTO floor is 200 ms). */
  readonly idleRestartMs: number;
  /**
   * Segments per request where byte ranges can be coalesced (SegmentBase). The ABR
   * decides once per request, so this trades request count for adaptation granularity.
   */
  readonly coalesceSegments: number;
  /** Prior for the number of competing flows, which a page cannot observe. */
  readonly competingFlowsPrior: number;
  /**
   * 'pipelined': the next request goes out while the current one still has bytes to come
   * (over HTTP/1.x, where that would open a second connection, requests go one at a time
   * regardless: see `pipelining`).
   * 'serial': one request at a time across all tracks, back to back (an experiment: in the
   * lab an h2 download that sends nothing while it receives reached more of its fair share,
   * see docs/lab.md "Transport ceiling").
   */
  readonly requestOverlap: 'pipelined' | 'serial';
  readonly model: ModelParameters;
}

export const DEFAULT_SPRINT_OPTIONS: SprintSchedulerOptions = {
  targetFraction: 0.9,
  lowWaterS: 10,
  maxInFlight: 4,
  pipelineBdps: 2,
  minPipelineBytes: 256 * 1024,
  maxQueuedS: 1,
  idleRestartMs: 200,
  coalesceSegments: 3,
  competingFlowsPrior: 1,
  requestOverlap: 'pipelined',
  model: DEFAULT_MODEL_PARAMETERS,
};

/** The names a SprintScheduler goes by, one per request mode: results and the lab tell run-based schedulers by them. */
export const SPRINT_SCHEDULER_NAMES = ['sprint', 'sprint-serial'] as const;
export type SprintSchedulerName = (typeof SPRINT_SCHEDULER_NAMES)[number];

export function isSprintSchedulerName(name: string): name is SprintSchedulerName {
  return (SPRINT_SCHEDULER_NAMES as readonly string[]).includes(name);
}

/** How often to look at pipelining progress inside a run, ms. */
const RUN_TICK_MS = 20;
/**
 * Transfer time still to come below which the next request goes out. The scheduler looks
 * every RUN_TICK_MS, but a page decoding video fires timers late by tens of ms, and the
 * rate it multiplies is the estimate's lower EWMA (demo on loopback: 119 Mbit/s estimated
 * while 1 MB segments arrived in 20-30 ms; with 40 ms of slack no two video requests overlapped).
 */
const LOOK_SLACK_MS = 100;

export class SprintScheduler implements DownloadScheduler {
  readonly name: SprintSchedulerName;
  private readonly options: SprintSchedulerOptions;
  /** Why the run under way started; undefined between runs. */
  private runReason: RunReason | undefined;

  constructor(options: Partial<SprintSchedulerOptions> = {}) {
    this.options = { ...DEFAULT_SPRINT_OPTIONS, ...options };
    this.name = this.options.requestOverlap === 'serial' ? 'sprint-serial' : 'sprint';
  }

  bufferGoalS(limits: { readonly maxBufferS: number }): number {
    return limits.maxBufferS;
  }

  /** How requests overlap over a connection speaking `protocol`, a nextHopProtocol value (see Pipelining). */
  pipelining(protocol: string | undefined): Pipelining {
    if (this.options.requestOverlap === 'serial') return 'serial';
    return multiplexes(protocol) ? 'pipelined' : 'unavailable';
  }

  /** The model's view of the network from the page's estimates; undefined until there are any. */
  networkState(state: SchedulerState): NetworkState | undefined {
    const n = state.network;
    const fairShareBps = n.fairShareBps ?? n.throughputBps;
    if (fairShareBps === undefined || n.baseRttMs === undefined) return undefined;
    const idleMs = n.lastActivityMs === undefined ? Infinity : state.nowMs - n.lastActivityMs;
    return {
      fairShareBps,
      baseRttMs: n.baseRttMs,
      loadedRttMs: Math.max(n.baseRttMs, n.loadedRttMs ?? n.baseRttMs),
      idleRestart: idleMs > this.options.idleRestartMs + n.baseRttMs,
      restartWindowBytes: LINUX_RESTART_WINDOW_BYTES,
      competingFlows: this.options.competingFlowsPrior,
    };
  }

  /** Planned run size in bytes and its predicted fraction, for a restarted connection. */
  plan(state: SchedulerState): RunPlan | undefined {
    const network = this.networkState(state);
    if (!network) return undefined;
    const restarted = { ...network, idleRestart: true };
    const bytes = downloadSizeFor(this.options.targetFraction, restarted, this.options.model);
    const capBytes = (mediaBitrate(state) / 8) * state.maxBufferS;
    return runPlan(Math.min(bytes, capBytes), { network: restarted, deliveredBytes: 0, params: this.options.model });
  }

  decide(state: SchedulerState): SchedulerDecision {
    const active = state.tracks.filter((t) => t.nextSegmentIndex < t.segmentCount);
    if (active.length === 0) return this.endRun(state, { orders: [], recheckInMs: undefined });
    let run: RunEvent | undefined;
    if (this.runReason === undefined) {
      const start = this.shouldStart(state, active);
      if (!start.start) return { orders: [], recheckInMs: start.recheckInMs };
      this.runReason = start.reason;
      run = { kind: 'start', atMs: state.nowMs, reason: start.reason, ...(start.plan ? planFields(start.plan) : {}) };
    } else if (this.runReason === 'startup' && state.startupComplete) {
      // Startup is over: the buffer goes on filling on the same busy connection, as a run of
      // its own that the model can predict (it joins the ramp part-way; no restart).
      const plan = this.continuationPlan(state, active);
      if (plan) {
        this.runReason = 'continued';
        run = { kind: 'start', atMs: state.nowMs, reason: 'continued', ...planFields(plan) };
      }
    }
    const orders: FetchOrder[] = [];
    const serial = this.pipelining(state.network.protocol) !== 'pipelined';
    // A finishing request makes the driver decide again, so one in flight needs no polling. A
    // track with nothing left to order may still have its last request in flight.
    if (serial && state.tracks.some((t) => t.inFlight.length > 0)) return { orders, recheckInMs: undefined, ...(run ? { run } : {}) };
    // Orders go out until the connection has its budget of bytes to come, one at a time to
    // the track furthest behind, so audio and video stay level on the one connection. Several
    // per look: on a fast link a response can end before the next look.
    const budget = this.pipelineBudgetBytes(state);
    let outstanding = state.tracks.reduce((sum, t) => sum + outstandingBytes(t), 0);
    const planned = active.map((t) => ({ track: t, aheadS: t.requestedAheadS, inFlight: t.inFlight.length, left: t.segmentCount - t.nextSegmentIndex }));
    for (;;) {
      const next = planned
        .filter((p) => p.left > 0 && p.aheadS < state.maxBufferS && this.pipelineHasRoom(p.inFlight, outstanding, budget))
        .sort((a, b) => a.aheadS - b.aheadS)[0];
      if (!next) break;
      const { track } = next;
      const room = Math.ceil((state.maxBufferS - next.aheadS) / Math.max(0.1, track.nextSegmentDurationS));
      const segmentCount = Math.min(next.left, track.coalescable ? Math.max(1, Math.min(this.options.coalesceSegments, room)) : 1);
      orders.push({ contentType: track.contentType, segmentCount });
      outstanding += segmentCount * segmentGuessBytes(track);
      next.aheadS += segmentCount * track.nextSegmentDurationS;
      next.inFlight += segmentCount; // the state lists segments in flight, as the next look will see them
      next.left -= segmentCount;
      if (serial) break;
    }
    const full = active.every((t) => t.requestedAheadS >= state.maxBufferS);
    if (full && orders.length === 0) return this.endRun(state, { orders, recheckInMs: this.untilRoom(state, active), ...(run ? { run } : {}) });
    return { orders, recheckInMs: RUN_TICK_MS, ...(run ? { run } : {}) };
  }

  private endRun(state: SchedulerState, decision: SchedulerDecision): SchedulerDecision {
    if (this.runReason === undefined) return decision;
    this.runReason = undefined;
    return { ...decision, run: { kind: 'end', atMs: state.nowMs } };
  }

  /** The bytes that fill the buffer from here, and their predicted fraction on the connection as it is. */
  private continuationPlan(state: SchedulerState, active: readonly TrackSchedulingState[]): RunPlan | undefined {
    const network = this.networkState(state);
    if (!network) return undefined;
    const bytes = active.reduce((sum, t) => sum + (Math.max(0, state.maxBufferS - t.requestedAheadS) * t.currentBandwidth) / 8, 0);
    if (!(bytes > 0)) return undefined;
    return runPlan(bytes, { network, deliveredBytes: state.network.busyBytes ?? 0, params: this.options.model });
  }

  private shouldStart(
    state: SchedulerState,
    active: readonly TrackSchedulingState[],
  ): { start: true; reason: Exclude<RunReason, 'continued'>; plan?: RunPlan } | { start: false; recheckInMs: number | undefined } {
    if (!state.startupComplete) return { start: true, reason: 'startup' };
    const ahead = Math.min(...active.map((t) => t.requestedAheadS));
    const plan = this.plan(state);
    if (ahead < Math.min(this.options.lowWaterS, state.maxBufferS / 2)) return { start: true, reason: 'low-buffer', ...(plan ? { plan } : {}) };
    if (!plan) return { start: true, reason: 'startup' };
    const runS = (plan.bytes * 8) / mediaBitrate(state);
    const free = state.maxBufferS - ahead;
    // A run that cannot fit even in an empty buffer starts at the low-water mark instead.
    const needed = Math.min(runS, state.maxBufferS - this.options.lowWaterS);
    if (free >= needed) return { start: true, reason: 'model', plan };
    if (!state.playing || state.playbackRate <= 0) return { start: false, recheckInMs: undefined };
    return { start: false, recheckInMs: Math.max(50, ((needed - free) * 1000) / state.playbackRate) };
  }

  /**
   * Whether one more request for a track with `inFlight` segments in flight keeps the pipe full
   * without queueing too much behind it. `outstanding` is what is still to come on the
   * whole connection (all tracks share it); `budget` undefined means there is no
   * throughput sample yet.
   */
  private pipelineHasRoom(inFlight: number, outstanding: number, budget: number | undefined): boolean {
    if (inFlight === 0) return true;
    if (inFlight >= this.options.maxInFlight) return false;
    // Until the first download has been measured, each order commits the ABR to a rung
    // picked on its default estimate: one request at a time until there is a sample.
    if (budget === undefined) return false;
    return outstanding < budget;
  }

  /** Bytes the connection should still have to come before the next request goes out. */
  private pipelineBudgetBytes(state: SchedulerState): number | undefined {
    const n = state.network;
    const rate = n.throughputBps ?? n.fairShareBps;
    if (rate === undefined) return undefined;
    const rtt = pipeliningRttMs(n.baseRttMs, n.loadedRttMs);
    const bdp = rtt !== undefined ? (rate / 8) * (rtt / 1000) : 0;
    const floor = Math.min(this.options.minPipelineBytes, (rate / 8) * this.options.maxQueuedS);
    // Less than LOOK_SLACK_MS of transfer left: order now, or on a fast link (loopback, a
    // LAN) the response ends before the next look and the connection idles.
    const untilNextLooks = (rate / 8) * (LOOK_SLACK_MS / 1000);
    return Math.max(floor, this.options.pipelineBdps * bdp, untilNextLooks);
  }

  private untilRoom(state: SchedulerState, active: readonly TrackSchedulingState[]): number | undefined {
    if (!state.playing || state.playbackRate <= 0) return undefined;
    const ahead = Math.min(...active.map((t) => t.requestedAheadS));
    return Math.max(50, ((ahead - state.maxBufferS + 1) * 1000) / state.playbackRate);
  }
}

/**
 * Whether requests can overlap on one connection over `protocol` (a nextHopProtocol value).
 * HTTP/1.x cannot; h2, h3 and anything newer can. Unknown (hidden cross-origin without
 * Timing-Allow-Origin) counts as yes. The player passes the manifest's protocol until the
 * first media response gives the media origin's.
 */
export function multiplexes(protocol: string | undefined): boolean {
  return protocol === undefined || protocol === '' || !/^http\//i.test(protocol);
}

/**
 * Queueing can make the loaded RTT several times the base RTT, but not
 * unboundedly. The estimator takes samples only from requests sent on an idle
 * connection, yet one slow answer (server think time, a cache miss) still
 * lifts its average, and pipelining "two BDPs" of that would queue requests
 * for seconds.
 */
const MAX_LOADED_OVER_BASE_RTT = 5;

export function pipeliningRttMs(baseRttMs: number | undefined, loadedRttMs: number | undefined): number | undefined {
  if (loadedRttMs === undefined) return baseRttMs;
  if (baseRttMs === undefined) return loadedRttMs;
  return Math.min(loadedRttMs, MAX_LOADED_OVER_BASE_RTT * baseRttMs);
}

/**
 * The model's prediction for a run of `bytes` from the inputs a run carries: the lab asks it
 * again about the bytes a run received. A restarted connection has delivered nothing, where
 * continuedFraction is predictedFraction's restart case.
 */
export function predictionFromInputs(model: RunModelInputs, bytes: number): number {
  return continuedFraction(model.deliveredBytes, bytes, model.network, model.params);
}

function runPlan(bytes: number, model: RunModelInputs): RunPlan {
  return { bytes, predictedFraction: predictionFromInputs(model, bytes), model };
}

function planFields(plan: RunPlan): Pick<RunEvent, 'plannedBytes' | 'predictedFraction' | 'model'> {
  return { plannedBytes: plan.bytes, predictedFraction: plan.predictedFraction, model: plan.model };
}

/** A segment's size at the track's current bitrate, for requests whose size is not known yet. */
function segmentGuessBytes(track: TrackSchedulingState): number {
  return (track.currentBandwidth / 8) * track.nextSegmentDurationS;
}

/** Bytes still to come for a track's requests in flight. */
function outstandingBytes(track: TrackSchedulingState): number {
  const guess = segmentGuessBytes(track);
  return track.inFlight.reduce((sum, f) => sum + Math.max(0, (f.bytesExpected ?? guess) - f.bytesLoaded), 0);
}

/** Bits/s of media the tracks currently download (video + audio). */
function mediaBitrate(state: SchedulerState): number {
  return Math.max(1, state.tracks.reduce((sum, t) => sum + t.currentBandwidth, 0));
}
