/**
 * A deterministic trace-driven session: the real DownloadScheduler and the
 * real AbrController, a fake clock, the fluid link of link.ts and the buffer
 * of playback.ts. It mirrors DownloadDriver: after every event it builds the
 * same SchedulerState, carries out the orders (several segments per order
 * and several requests in flight are fine), asks the controller for each
 * segment's level at request time with the context buildAbrContext makes,
 * feeds the real throughput, RTT and fair-share estimators (body bytes
 * arrive as chunks every CHUNK_MS, as fetch delivers them), and appends in order.
 */
import { resolveAbr, type AbrSpec } from '../abr/registry.js';
import { summarizeQoe, type QoeSummary } from '../abr/qoe.js';
import type { PlaybackPhase } from '../abr/types.js';
import { buildAbrContext, type AbrTrackView } from '../player/abr-context.js';
import { DEFAULT_CONFIG } from '../player/config.js';
import { SequentialScheduler } from '../scheduler/sequential.js';
import type { DownloadScheduler, RunEvent, SchedulerState } from '../scheduler/types.js';
import { SimEstimators } from './estimators.js';
import { advanceLink, bytesLoaded, isComplete, nextLinkEventMs, type Transfer } from './link.js';
import type { SimMedia } from './media.js';
import { SimPlayback, type StallRecord } from './playback.js';
import type { CapacityTrace } from './traces.js';

export interface SimulationOptions {
  readonly trace: CapacityTrace;
  readonly media: SimMedia;
  /** A built-in name, a controller or a factory, as PlayerConfig.abr. */
  readonly abr: AbrSpec;
  readonly rttMs?: number;
  readonly scheduler?: DownloadScheduler;
  readonly bufferTargetS?: number;
  readonly startupBufferS?: number;
  /** Sprint's cap on the buffer a run may build (PlayerConfig.maxBufferS). */
  readonly maxBufferS?: number;
  /** Give controllers the real sizes of the next segments (AbrContext.upcomingSegmentBytes). */
  readonly exposeSegmentSizes?: boolean;
  /** How many upcoming segments' sizes to expose. */
  readonly lookaheadSegments?: number;
  /** Stop here even if playback has not ended (default: 3 × media + 60 s). */
  readonly maxSessionMs?: number;
}

export interface SegmentRecord {
  readonly index: number;
  readonly level: number;
  readonly bitrateBps: number;
  readonly bytes: number;
  readonly requestMs: number;
  readonly firstByteMs: number;
  /** undefined when the session stopped before it arrived. */
  readonly endMs: number | undefined;
  readonly bufferAtRequestS: number;
  readonly phase: PlaybackPhase;
  readonly reason: string | undefined;
  /** Stall seconds attributed to this segment. */
  readonly rebufferS: number;
}

export interface SimulationResult {
  readonly trace: string;
  readonly abr: string;
  readonly scheduler: string;
  readonly segments: readonly SegmentRecord[];
  readonly stalls: readonly StallRecord[];
  readonly startupDelayS: number | undefined;
  readonly sessionMs: number;
  /** True when playback reached the end of the media. */
  readonly ended: boolean;
  readonly maxInFlight: number;
  /** Run events of a run-based scheduler, in order. */
  readonly runs: readonly RunEvent[];
  readonly qoe: QoeSummary;
}

/** Body bytes are reported to the fair-share estimator at least this often while downloading. */
const CHUNK_MS = 50;

type PendingRecord = Omit<SegmentRecord, 'endMs' | 'rebufferS'> & { endMs: number | undefined };

export function simulate(options: SimulationOptions): SimulationResult {
  const { trace, media } = options;
  const rttMs = options.rttMs ?? 40;
  const scheduler = options.scheduler ?? new SequentialScheduler();
  const abr = resolveAbr(options.abr);
  abr.reset?.();
  const config = {
    bufferTargetS: options.bufferTargetS ?? DEFAULT_CONFIG.bufferTargetS,
    startupBufferS: options.startupBufferS ?? DEFAULT_CONFIG.startupBufferS,
    maxBufferS: options.maxBufferS ?? DEFAULT_CONFIG.maxBufferS,
  };
  const maxSessionMs = options.maxSessionMs ?? media.segmentCount * media.segmentDurationS * 3000 + 60_000;
  const track: AbrTrackView = {
    contentType: 'video',
    levels: media.levels,
    segmentCount: media.segmentCount,
    referenceAt: (i) => (i >= 0 && i < media.segmentCount ? { durationS: media.segmentDurationS } : undefined),
  };
  const playback = new SimPlayback(media.segmentDurationS, media.segmentCount, config.startupBufferS);
  const estimators = new SimEstimators();
  const runs: RunEvent[] = [];
  const records: PendingRecord[] = [];
  const transfers: Transfer[] = [];
  const ready = new Set<number>();
  let nowMs = 0;
  let nextIndex = 0;
  let lastLevel: number | undefined;
  /** When the last request in flight completed; undefined before any. */
  let idleSinceMs: number | undefined;
  let recheckAtMs: number | undefined;
  let maxInFlight = 0;

  const schedulerState = (): SchedulerState => ({
    nowMs,
    playing: playback.playing,
    playbackRate: 1,
    startupComplete: playback.startupComplete,
    bufferTargetS: config.bufferTargetS,
    startupBufferS: config.startupBufferS,
    maxBufferS: config.maxBufferS,
    network: estimators.network(nowMs),
    tracks: [
      {
        contentType: 'video',
        nextSegmentIndex: nextIndex,
        segmentCount: media.segmentCount,
        nextSegmentDurationS: nextIndex < media.segmentCount ? media.segmentDurationS : 0,
        requestedAheadS: Math.max(0, nextIndex * media.segmentDurationS - playback.positionS),
        bufferedAheadS: playback.bufferS,
        inFlight: transfers.map((t) => ({ segmentIndex: t.segmentIndex, startedMs: t.requestMs, bytesLoaded: bytesLoaded(t), bytesExpected: t.bytes })),
        currentBandwidth: media.levels[lastLevel ?? 0]?.bandwidth ?? 0,
      },
    ],
  });

  const upcomingBytes = (index: number): number[][] | undefined => {
    if (!options.exposeSegmentSizes) return undefined;
    const count = Math.min(options.lookaheadSegments ?? 5, media.segmentCount - index);
    return media.levels.map((_, level) => Array.from({ length: count }, (_, k) => media.segmentBytes(level, index + k)));
  };

  const issue = (): void => {
    const index = nextIndex++;
    const context = buildAbrContext(
      track,
      index,
      lastLevel,
      playback.startupComplete,
      {
        nowMs,
        positionS: playback.positionS,
        bufferLevelS: playback.bufferS,
        throughputBps: estimators.throughput.estimateBps(),
        throughputSamples: estimators.throughput.recentBps(),
        rttMs: estimators.rtt.loadedRttMs(),
        fairShareBps: estimators.fairShare.estimateBps(nowMs),
        playbackRate: 1,
        stalled: playback.stalled,
      },
      { bufferTargetS: scheduler.bufferGoalS?.(config) ?? config.bufferTargetS },
      { idleSinceMs: transfers.length === 0 ? idleSinceMs : undefined, upcomingSegmentBytes: upcomingBytes(index) },
    );
    const decision = abr.choose(context);
    const level = Math.max(0, Math.min(media.levels.length - 1, Math.round(decision.level)));
    lastLevel = level;
    const bytes = media.segmentBytes(level, index);
    transfers.push({ segmentIndex: index, requestMs: nowMs, firstByteMs: nowMs + rttMs, bytes, remainingBits: bytes * 8 });
    maxInFlight = Math.max(maxInFlight, transfers.length);
    records[index] = {
      index,
      level,
      bitrateBps: media.levels[level]!.bandwidth,
      bytes,
      requestMs: nowMs,
      firstByteMs: nowMs + rttMs,
      endMs: undefined,
      bufferAtRequestS: context.bufferLevelS,
      phase: context.phase,
      reason: decision.reason,
    };
  };

  const decide = (): void => {
    const decision = scheduler.decide(schedulerState());
    if (decision.run) runs.push(decision.run);
    for (const order of decision.orders) {
      if (order.contentType !== 'video') continue;
      for (let i = 0; i < order.segmentCount && nextIndex < media.segmentCount; i++) issue();
    }
    // At least 1 ms, so a scheduler asking for an immediate recheck cannot stall the clock.
    recheckAtMs = decision.recheckInMs === undefined ? undefined : nowMs + Math.max(1, decision.recheckInMs);
    estimators.setBusy(transfers.length > 0, nowMs);
  };

  const complete = (transfer: Transfer): void => {
    transfers.splice(transfers.indexOf(transfer), 1);
    const record = records[transfer.segmentIndex]!;
    record.endMs = nowMs;
    if (transfers.length === 0) idleSinceMs = nowMs;
    estimators.downloaded(transfer.requestMs, transfer.firstByteMs, nowMs, transfer.bytes);
    ready.add(transfer.segmentIndex);
    while (ready.delete(playback.appendedCount)) playback.append(nowMs);
  };

  decide();
  while (!playback.ended && nowMs < maxSessionMs) {
    const chunkAtMs = transfers.length > 0 ? nowMs + CHUNK_MS : Infinity;
    const next = Math.min(nextLinkEventMs(transfers, trace, nowMs), chunkAtMs, playback.nextEmptyMs(nowMs), recheckAtMs ?? Infinity, maxSessionMs);
    const dtMs = Math.max(0, next - nowMs);
    const bytes = advanceLink(transfers, trace, nowMs, dtMs);
    playback.advance(dtMs);
    nowMs = next;
    estimators.chunk(nowMs, bytes);
    for (const t of transfers.filter((t) => t.firstByteMs <= nowMs && isComplete(t))) complete(t);
    playback.update(nowMs);
    if (recheckAtMs !== undefined && recheckAtMs <= nowMs) recheckAtMs = undefined;
    decide();
  }
  playback.finish(nowMs);

  const rebuffer = playback.rebufferBySegment();
  const segments: SegmentRecord[] = records.map((r) => ({ ...r, rebufferS: rebuffer.get(r.index) ?? 0 }));
  // Segments that arrived, and one still awaited by a stall open when the session stopped.
  const played = segments.filter((s) => s.endMs !== undefined || s.rebufferS > 0);
  return {
    trace: trace.name,
    abr: abr.name,
    scheduler: scheduler.name,
    segments,
    stalls: playback.stalls,
    startupDelayS: playback.startupMs === undefined ? undefined : playback.startupMs / 1000,
    sessionMs: nowMs,
    ended: playback.ended,
    maxInFlight,
    runs,
    qoe: summarizeQoe(
      played.map((s) => ({ bitrateBps: s.bitrateBps, rebufferS: s.rebufferS, durationS: media.segmentDurationS, atMs: s.requestMs })),
      (playback.startupMs ?? nowMs) / 1000,
    ),
  };
}
