/**
 * Carries out the scheduler's decisions: gathers the state it decides on,
 * asks the ABR controller for each segment's level at request time, has the
 * segment loader fetch it and appends finished segments to the buffer sink in
 * segment order (several may be in flight and finish out of order).
 */
import { SprintError } from '../errors.js';
import type { ContentType } from '../manifest/types.js';
import type { AbrController } from '../abr/types.js';
import type { DownloadScheduler, NetworkEstimate, RunEvent, SchedulerState, TrackSchedulingState } from '../scheduler/types.js';
import { bufferedAhead, type BufferSink } from '../media/buffer-sink.js';
import type { MediaTrack, TrackSegment } from './media-track.js';
import type { SegmentLoader } from './segment-loader.js';
import type { PlayerConfig, QualitySelection } from './types.js';
import { buildAbrContext, type AbrInputs } from './abr-context.js';
import { StreamSplitter, coalescedRef } from './range-coalescing.js';
import { OrderedAppender } from './ordered-appender.js';
import type { RequestAbandoner } from './request-abandoner.js';
import { seekKeepsPipeline } from './seek-rule.js';

interface InFlight {
  readonly controller: AbortController;
  readonly startedMs: number;
  readonly progress: { bytesLoaded: number; bytesExpected: number | undefined };
  /** Set once the ABR has chosen. */
  level: number | undefined;
}

interface TrackRuntime {
  readonly track: MediaTrack;
  readonly sink: BufferSink;
  readonly appender: OrderedAppender;
  nextIndex: number;
  readonly inFlight: Map<number, InFlight>;
  lastLevel: number | undefined;
  /** When this track's last request finished; undefined while one is in flight. */
  idleSinceMs: number | undefined;
  /** Bumped on every reset; downloads started under an older generation are discarded. */
  generation: number;
}

export interface DownloadDriverDeps {
  readonly video: HTMLVideoElement;
  readonly tracks: readonly MediaTrack[];
  readonly sinks: ReadonlyMap<ContentType, BufferSink>;
  readonly loader: SegmentLoader;
  readonly scheduler: () => DownloadScheduler;
  readonly abr: () => AbrController;
  readonly abrInputs: () => AbrInputs;
  readonly config: () => PlayerConfig;
  readonly quality: () => QualitySelection;
  readonly network: () => NetworkEstimate;
  /** A run-based scheduler started or ended a run. */
  readonly onRun: (event: RunEvent) => void;
  /** The player went from no request in flight to some (true) or back (false). */
  readonly onBusy: (busy: boolean, atMs: number) => void;
  /** Every ABR decision; `changed` when the level differs from the previous segment's. */
  readonly onLevelChosen: (contentType: ContentType, level: number, reason: string | undefined, changed: boolean) => void;
  readonly onAllAppended: () => void;
  readonly onFatal: (error: SprintError) => void;
  /** A recoverable failure the driver worked around (reported as a non-fatal error). */
  readonly onRecovered: (error: SprintError) => void;
  /** Late video requests are abandoned and refetched lower (request-abandoner.ts). */
  readonly abandoner: RequestAbandoner;
}

export class DownloadDriver {
  private readonly runtimes: TrackRuntime[];
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private kickQueued = false;
  private startupComplete = false;
  private stopped = false;
  private busy = false;

  constructor(private readonly deps: DownloadDriverDeps) {
    this.runtimes = deps.tracks.map((track) => {
      const sink = deps.sinks.get(track.contentType)!;
      const appender = new OrderedAppender(sink, {
        afterAppend: () => this.evict(sink),
        onError: (error) => {
          if (!this.stopped) this.fail(error);
        },
        onProgress: () => {
          if (this.runtimes.every((r) => r.appender.nextIndex >= r.track.segmentCount)) this.deps.onAllAppended();
          this.kick();
        },
      });
      return { track, sink, appender, nextIndex: 0, inFlight: new Map(), lastLevel: undefined, idleSinceMs: undefined, generation: 0 };
    });
  }

  /** Estimated bytes held in all SourceBuffers. */
  get bufferedBytes(): number {
    return this.runtimes.reduce((n, rt) => n + rt.sink.estimatedBytes(), 0);
  }

  get requestsInFlight(): number {
    return this.runtimes.reduce((n, rt) => n + rt.inFlight.size, 0);
  }

  /** Starts downloading from `positionS`. */
  start(positionS = 0): void {
    for (const rt of this.runtimes) this.reset(rt, rt.track.indexForTime(positionS));
    this.kick();
  }

  /** Re-decides soon; called on every event that may change the decision. */
  kick(): void {
    if (this.kickQueued || this.stopped) return;
    this.kickQueued = true;
    queueMicrotask(() => {
      this.kickQueued = false;
      if (!this.stopped) this.decide();
    });
  }

  /**
   * After a seek: keep what is buffered from the new position on, refetch from where it ends.
   * A seek into media that runs unbroken up to the next segment to append (a gap jump, a
   * short seek back) keeps the requests in flight too: aborting them would waste a run.
   */
  onSeeking(): void {
    const t = this.deps.video.currentTime;
    for (const rt of this.runtimes) {
      const ahead = bufferedAhead(rt.sink.buffered(), t);
      const nextAppend = rt.track.referenceAt(rt.appender.nextIndex);
      const keeps = seekKeepsPipeline({ positionS: t, bufferedAheadS: ahead, nextAppend, trackEndS: rt.track.endS });
      if (!keeps) this.reset(rt, rt.track.indexForTime(ahead > 0 ? t + ahead : t));
    }
    this.kick();
  }

  /** Drops media ahead of the playhead and refetches it, so a manual quality change shows soon. */
  async refetchAhead(): Promise<void> {
    const t = this.deps.video.currentTime;
    for (const rt of this.runtimes.filter((r) => r.track.contentType === 'video')) {
      const from = Math.min(rt.track.indexForTime(t) + 1, rt.track.segmentCount);
      const fromS = rt.track.referenceAt(from)?.startS ?? rt.track.endS;
      this.reset(rt, from);
      await rt.sink.remove(fromS, Infinity).catch(() => undefined);
    }
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.deps.loader.dispose();
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    for (const rt of this.runtimes) this.reset(rt, rt.nextIndex);
  }

  private updateBusy(): void {
    const busy = this.requestsInFlight > 0;
    if (busy === this.busy) return;
    this.busy = busy;
    this.deps.onBusy(busy, performance.now());
  }

  private reset(rt: TrackRuntime, index: number): void {
    rt.generation += 1;
    for (const request of rt.inFlight.values()) request.controller.abort();
    rt.inFlight.clear();
    rt.idleSinceMs = undefined;
    rt.nextIndex = index;
    rt.appender.reset(index);
  }

  private decide(): void {
    this.abandonLateRequests();
    const state = this.schedulerState();
    if (!this.startupComplete) {
      const reached = state.tracks.every((t) => t.bufferedAheadS >= state.startupBufferS || t.nextSegmentIndex >= t.segmentCount);
      if (reached || !this.deps.video.paused) this.startupComplete = true;
    }
    const decision = this.deps.scheduler().decide(state);
    if (decision.run) this.deps.onRun(decision.run);
    for (const order of decision.orders) {
      const rt = this.runtimes.find((r) => r.track.contentType === order.contentType);
      if (!rt || rt.nextIndex >= rt.track.segmentCount) continue;
      if (rt.track.rangeAddressed) void this.issue(rt, order.segmentCount);
      else for (let i = 0; i < order.segmentCount && rt.nextIndex < rt.track.segmentCount; i++) void this.issue(rt, 1);
    }
    this.updateBusy();
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.recheckTimer = decision.recheckInMs === undefined ? undefined : setTimeout(() => this.kick(), decision.recheckInMs);
  }

  private abandonLateRequests(): void {
    const video = this.runtimes.find((r) => r.track.contentType === 'video');
    if (!video || this.deps.quality() !== 'auto') return;
    const view = (rt: TrackRuntime) => ({ track: rt.track, inFlight: rt.inFlight, buffered: () => rt.sink.buffered() });
    const v = this.deps.video;
    const others = this.runtimes.filter((r) => r !== video).map(view);
    const from = this.deps.abandoner.check(performance.now(), view(video), others, v.currentTime, !v.paused && !v.ended);
    if (from !== undefined) video.nextIndex = Math.min(video.nextIndex, from);
  }

  private schedulerState(): SchedulerState {
    const video = this.deps.video;
    const config = this.deps.config();
    const position = video.currentTime;
    return {
      nowMs: performance.now(),
      playing: !video.paused && !video.ended,
      playbackRate: video.playbackRate,
      startupComplete: this.startupComplete,
      bufferTargetS: config.bufferTargetS,
      startupBufferS: config.startupBufferS,
      maxBufferS: config.maxBufferS,
      network: this.deps.network(),
      tracks: this.runtimes.map((rt): TrackSchedulingState => {
        const next = rt.track.referenceAt(rt.nextIndex);
        return {
          contentType: rt.track.contentType,
          nextSegmentIndex: rt.nextIndex,
          segmentCount: rt.track.segmentCount,
          nextSegmentDurationS: next?.durationS ?? 0,
          requestedAheadS: Math.max(0, (next?.startS ?? rt.track.endS) - position),
          bufferedAheadS: bufferedAhead(rt.sink.buffered(), position),
          inFlight: [...rt.inFlight].map(([segmentIndex, f]) => ({
            segmentIndex,
            startedMs: f.startedMs,
            bytesLoaded: f.progress.bytesLoaded,
            bytesExpected: f.progress.bytesExpected,
          })),
          currentBandwidth: rt.track.levels[rt.lastLevel ?? 0]?.bandwidth ?? 0,
          coalescable: rt.track.rangeAddressed,
        };
      }),
    };
  }

  private chooseLevel(rt: TrackRuntime, index: number, idleSinceMs: number | undefined): number {
    const levels = rt.track.levels;
    const quality = this.deps.quality();
    let level: number;
    let reason: string | undefined;
    if (rt.track.contentType === 'video' && quality !== 'auto') {
      level = Math.max(0, Math.min(levels.length - 1, quality.level));
      reason = 'chosen by the viewer';
    } else {
      const config = this.deps.config();
      const goal = this.deps.scheduler().bufferGoalS?.(config) ?? config.bufferTargetS;
      const context = buildAbrContext(rt.track, index, rt.lastLevel, this.startupComplete, this.deps.abrInputs(), { bufferTargetS: goal }, { idleSinceMs });
      const decision = rt.track.contentType === 'video' ? this.deps.abr().choose(context) : audioDecision(context);
      level = Math.max(0, Math.min(levels.length - 1, Math.round(decision.level)));
      if (rt.track.contentType === 'video') level = this.deps.abandoner.capLevel(level, performance.now());
      reason = decision.reason;
    }
    this.deps.onLevelChosen(rt.track.contentType, level, reason, level !== rt.lastLevel);
    rt.lastLevel = level;
    return level;
  }

  /**
   * Requests the next `count` segments of a track at one level chosen now: one
   * request each, or one range request when they are back-to-back byte ranges.
   */
  private async issue(rt: TrackRuntime, count: number): Promise<void> {
    const first = rt.nextIndex;
    const idleSinceMs = rt.inFlight.size === 0 ? rt.idleSinceMs : undefined;
    const indices = Array.from({ length: Math.min(count, rt.track.segmentCount - first) }, (_, i) => first + i);
    rt.nextIndex = first + indices.length;
    const generation = rt.generation;
    const controller = new AbortController();
    const startedMs = performance.now();
    const entries = indices.map((index) => {
      const entry: InFlight = { controller, startedMs, progress: { bytesLoaded: 0, bytesExpected: undefined }, level: undefined };
      rt.inFlight.set(index, entry);
      return entry;
    });
    const signal = controller.signal;
    try {
      const level = this.chooseLevel(rt, first, idleSinceMs);
      for (const entry of entries) entry.level = level;
      const segments = await Promise.all(indices.map((index) => rt.track.segmentAt(level, index)));
      const delivered = new Set<number>();
      const deliver = (offset: number, data: Uint8Array<ArrayBuffer>, segment: TrackSegment, segmentInit: Uint8Array<ArrayBuffer> | undefined) => {
        const index = indices[offset]!;
        delivered.add(offset);
        if (generation === rt.generation) rt.appender.offer(index, { segment, init: segmentInit, data });
      };
      const group = segments.length > 1 ? coalescedRef(segments.map((s) => s.segment)) : undefined;
      try {
        const init = await this.deps.loader.loadInit(rt.track.contentType, segments[0]!, signal);
        if (group) await this.loadCoalesced(rt, segments, entries, group, signal, (offset, data) => deliver(offset, data, segments[offset]!, init));
        else for (const [offset, segment] of segments.entries()) deliver(offset, await this.loadOne(rt, segment, entries[offset]!, signal), segment, init);
      } catch (error) {
        if (signal.aborted || !(error instanceof SprintError) || error.category !== 'network') throw error;
        // Retries are spent (on the media or its init segment): fetch what is missing from a
        // neighbouring rung before giving up.
        for (const [offset, failed] of segments.entries()) {
          if (delivered.has(offset)) continue;
          const alternative = await this.alternativeFor(rt, failed, error);
          const altInit = await this.deps.loader.loadInit(rt.track.contentType, alternative, signal);
          deliver(offset, await this.loadOne(rt, alternative, entries[offset]!, signal), alternative, altInit);
        }
      }
    } catch (error) {
      if (signal.aborted || generation !== rt.generation || this.stopped) return;
      this.fail(error);
    } finally {
      indices.forEach((index, i) => {
        if (rt.inFlight.get(index) === entries[i]) rt.inFlight.delete(index);
      });
      if (rt.inFlight.size === 0) rt.idleSinceMs = performance.now();
      this.updateBusy();
      this.kick();
    }
  }

  private async loadOne(rt: TrackRuntime, segment: TrackSegment, entry: InFlight, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
    const range = segment.segment.range;
    entry.progress.bytesExpected = range ? range.end - range.start + 1 : undefined;
    return (await this.deps.loader.loadMedia(rt.track.contentType, segment, signal, entry.progress)).data;
  }

  /** The same segment one rung down (or up from the lowest); rethrows when the ladder has one rung. */
  private async alternativeFor(rt: TrackRuntime, failed: TrackSegment, cause: SprintError): Promise<TrackSegment> {
    if (rt.track.levels.length < 2) throw cause;
    const level = failed.level > 0 ? failed.level - 1 : 1;
    const initFailed = cause.code === 'INIT_SEGMENT_LOAD_FAILED';
    this.deps.onRecovered(
      new SprintError({
        category: 'network',
        code: cause.code,
        message: `${initFailed ? 'the init segment for ' : ''}segment ${failed.segment.index} of ${failed.representationId} failed after retries; fetching it from level ${level}`,
        url: cause.url ?? failed.segment.url,
        ...(cause.status !== undefined ? { status: cause.status } : {}),
        fatal: false,
        cause,
      }),
    );
    return rt.track.segmentAt(level, failed.segment.index);
  }

  /** One range request for several segments, each handed on as soon as its last byte arrives. */
  private async loadCoalesced(
    rt: TrackRuntime,
    segments: readonly TrackSegment[],
    entries: readonly InFlight[],
    ref: { url: string; range: { start: number; end: number } },
    signal: AbortSignal,
    deliver: (offset: number, data: Uint8Array<ArrayBuffer>) => void,
  ): Promise<void> {
    const sizes = segments.map((s) => s.segment.range!.end - s.segment.range!.start + 1);
    sizes.forEach((size, i) => (entries[i]!.progress.bytesExpected = size));
    let splitter = new StreamSplitter(sizes);
    const progress = { bytesLoaded: 0, bytesExpected: ref.range.end - ref.range.start + 1 };
    const onRestart = () => (splitter = new StreamSplitter(sizes));
    const onChunk = (chunk: Uint8Array) => {
      for (const piece of splitter.push(chunk)) deliver(piece.index, piece.data);
      let offset = 0;
      sizes.forEach((size, i) => {
        entries[i]!.progress.bytesLoaded = Math.min(size, Math.max(0, splitter.received - offset));
        offset += size;
      });
    };
    await this.deps.loader.loadMedia(rt.track.contentType, segments[0]!, signal, progress, { ref, segmentCount: segments.length, onChunk, onRestart });
  }

  /** Keeps backBufferS behind the playhead, or 2 s when over the byte budget. */
  private async evict(sink: BufferSink): Promise<void> {
    const config = this.deps.config();
    const position = this.deps.video.currentTime;
    const ranges = sink.buffered();
    if (ranges.length === 0) return;
    const overBudget = sink.estimatedBytes() > config.maxBufferBytes;
    const keepBehind = overBudget ? Math.min(2, config.backBufferS) : config.backBufferS;
    if (position - keepBehind > ranges.start(0) + 1) await sink.evictBefore(position - keepBehind);
  }

  private fail(error: unknown): void {
    const typed =
      error instanceof SprintError
        ? error
        : new SprintError({ category: 'media', code: 'APPEND_FAILED', message: String(error), cause: error });
    if (typed.fatal) this.stop();
    this.deps.onFatal(typed);
  }
}

/** Audio gets the highest rung that costs under a tenth of the throughput estimate. */
function audioDecision(context: ReturnType<typeof buildAbrContext>): { level: number; reason: string } {
  const budget = (context.throughputBps ?? 1_000_000) * 0.1;
  let level = 0;
  for (const rung of context.ladder) if (rung.bandwidth <= budget) level = rung.level;
  return { level, reason: 'audio: highest under 10% of throughput' };
}
