/**
 * The player facade: wires manifest → ABR → scheduler → network → buffer →
 * <video> for one video element and streams stats back. Holds no global
 * state; any number of instances can play on one page.
 *
 * load() never rejects: failures arrive as typed `error` events (and state 'error').
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { SprintError } from '../errors.js';
import type { ContentType, Manifest } from '../manifest/types.js';
import { parseMpd } from '../manifest/parse-mpd.js';
import { HttpClient } from '../net/http-client.js';
import { ThroughputEstimator } from '../estimate/throughput.js';
import { RttEstimator } from '../estimate/rtt.js';
import { FairShareEstimator } from '../estimate/fair-share.js';
import { resolveAbr } from '../abr/registry.js';
import type { AbrController } from '../abr/types.js';
import { resolveScheduler } from '../scheduler/registry.js';
import type { DownloadScheduler, Pipelining } from '../scheduler/types.js';
import { MediaSourceSession } from '../media/media-source-session.js';
import { GapJumper } from '../media/gap-jumper.js';
import { bufferedAhead } from '../media/buffer-sink.js';
import { TypedEmitter } from './emitter.js';
import { DEFAULT_CONFIG, mergeConfig } from './config.js';
import { MediaTrack } from './media-track.js';
import { SegmentLoader } from './segment-loader.js';
import { fetchMpd, manifestUrl } from './manifest-fetch.js';
import { DownloadDriver } from './download-driver.js';
import { PlaybackMonitor } from './playback-monitor.js';
import { PlayerStatsCollector } from './stats-collector.js';
import { RunTracker } from './run-tracker.js';
import { RequestAbandoner } from './request-abandoner.js';
import { RecentRate } from '../estimate/recent-rate.js';
import type {
  PlayerConfig,
  PlayerEventMap,
  PlayerEventName,
  PlayerStats,
  QualitySelection,
  RepresentationInfo,
  RequestRecord,
  SprintPlayerApi,
} from './types.js';

const STATS_INTERVAL_MS = 500;

/** What one load() sets up; torn down as a whole by unload(). */
interface Session {
  readonly manifest: Manifest;
  readonly tracks: readonly MediaTrack[];
  readonly media: MediaSourceSession;
  readonly driver: DownloadDriver;
}

export class SprintPlayer implements SprintPlayerApi {
  readonly stats$: Observable<PlayerStats>;
  readonly requests$: Observable<RequestRecord>;
  private readonly statsSubject: BehaviorSubject<PlayerStats>;
  private readonly requestsSubject = new Subject<RequestRecord>();
  private readonly events = new TypedEmitter<PlayerEventMap>();
  private readonly http = new HttpClient();
  private readonly monitor: PlaybackMonitor;
  private readonly gapJumper: GapJumper;
  private readonly stats: PlayerStatsCollector;
  private config: PlayerConfig;
  private scheduler: DownloadScheduler;
  private abr: AbrController;
  private quality: QualitySelection = 'auto';
  private session: Session | undefined;
  private throughput = new ThroughputEstimator();
  private rtt = new RttEstimator();
  private fairShare = new FairShareEstimator();
  private recentRate = new RecentRate();
  private readonly runs = new RunTracker();
  /** nextHopProtocol of the latest response with one, and the scheduler's request overlap over it (kept by noteProtocol). */
  private protocol: string | undefined;
  private pipelining: Pipelining | undefined;
  private loadToken = 0;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private readonly videoListeners: [string, () => void][];

  constructor(
    readonly video: HTMLVideoElement,
    config: Partial<PlayerConfig> = {},
  ) {
    this.config = mergeConfig(DEFAULT_CONFIG, config);
    this.scheduler = resolveScheduler(this.config.scheduler);
    this.abr = resolveAbr(this.config.abr);
    this.stats = new PlayerStatsCollector();
    this.statsSubject = new BehaviorSubject(this.snapshot());
    this.stats$ = this.statsSubject.asObservable();
    this.requests$ = this.requestsSubject.asObservable();
    this.monitor = new PlaybackMonitor(video, {
      onState: (state) => {
        this.events.emit('statechange', { state });
        this.publishStats();
      },
      onStall: (stall) => this.events.emit('stall', stall),
      onMediaError: (error) => this.reportError(error),
    });
    this.gapJumper = new GapJumper(video, () => this.config.maxGapJumpS);
    this.videoListeners = [
      ['seeking', () => this.session?.driver.onSeeking()],
      ['timeupdate', () => this.session?.driver.kick()],
      ['play', () => this.session?.driver.kick()],
      ['pause', () => this.session?.driver.kick()],
      ['ratechange', () => this.session?.driver.kick()],
    ];
    for (const [name, handler] of this.videoListeners) video.addEventListener(name, handler);
  }

  async load(url: string): Promise<void> {
    this.unload();
    const token = ++this.loadToken;
    this.monitor.loading();
    this.throughput = new ThroughputEstimator();
    this.rtt = new RttEstimator();
    this.fairShare = new FairShareEstimator();
    this.recentRate = new RecentRate();
    this.runs.reset();
    this.stats.reset();
    this.protocol = undefined;
    this.pipelining = undefined;
    this.abr.reset?.();
    try {
      const manifest = await this.fetchManifest(url, token);
      if (token !== this.loadToken) return;
      // Init segments and indexes come first: their protocol tells the scheduler, before its
      // first media request, whether requests can overlap on one connection.
      const fetchRange = (u: string, range: { start: number; end: number }) =>
        this.http.fetchBytes({ url: u, range }).then((r) => {
          if (token === this.loadToken) this.noteProtocol(r.timing.protocol);
          return r.data;
        });
      const tracks = (['video', 'audio'] as const)
        .map((type) => MediaTrack.fromManifest(manifest, type, fetchRange))
        .filter((t): t is MediaTrack => t !== undefined);
      await Promise.all(tracks.map((t) => t.prepare()));
      if (token !== this.loadToken) return;
      const media = new MediaSourceSession(this.video, { backBufferS: this.config.backBufferS });
      const types = new Map<ContentType, string>(tracks.map((t) => [t.contentType, t.mimeTypeOf(0)]));
      const sinks = await media.open(manifest.durationS, types);
      if (token !== this.loadToken) {
        media.destroy();
        return;
      }
      const loader = new SegmentLoader(
        this.http,
        { throughput: this.throughput, rtt: this.rtt },
        (record) => this.onRequest(record),
        (atMs, bytes) => {
          this.fairShare.addChunk(atMs, bytes);
          this.recentRate.add(atMs, bytes);
          this.runs.onChunk(atMs, bytes, this.session?.driver.requestsInFlight);
        },
        () => this.config.retry,
        {
          bufferAheadS: () => bufferedAhead(this.video.buffered, this.video.currentTime),
          onRetry: (error) => this.reportError(error),
        },
      );
      const driver = new DownloadDriver({
        video: this.video,
        tracks,
        sinks,
        loader,
        scheduler: () => this.scheduler,
        abr: () => this.abr,
        abrInputs: () => this.abrInputs(),
        config: () => this.config,
        quality: () => this.quality,
        network: () => this.networkEstimate(),
        onRun: (event) => this.runs.onRun(event),
        onBusy: (busy, atMs) => {
          if (busy) this.fairShare.busyStart(atMs);
          else {
            this.fairShare.busyEnd(atMs);
            this.runs.onIdle(this.fairShare.estimateBps(atMs));
          }
        },
        onLevelChosen: (type, level, reason, changed) => {
          if (type === 'video') this.stats.explain(reason);
          if (changed) this.onLevelChosen(tracks, type, level);
        },
        onAllAppended: () => this.endStreamWhenIdle(media, token),
        onFatal: (error) => this.reportError(error),
        onRecovered: (error) => this.reportError(error),
        abandoner: new RequestAbandoner(
          (nowMs, busy) => this.recentRate.rateBps(nowMs, busy),
          // The estimate learns the drop now, not when a late request finally completes.
          ({ atMs, rateBps }) => this.throughput.add({ atMs, bytes: (rateBps * 2) / 8, durationMs: 2000 }),
        ),
      });
      this.session = { manifest, tracks, media, driver };
      this.events.emit('manifestloaded', {
        durationS: manifest.durationS,
        video: this.getRepresentations('video'),
        audio: this.getRepresentations('audio'),
      });
      this.monitor.setState(this.video.paused ? 'ready' : 'buffering');
      driver.start(0);
      this.gapJumper.start();
      this.statsTimer = setInterval(() => this.publishStats(), STATS_INTERVAL_MS);
    } catch (error) {
      if (token === this.loadToken) this.reportError(error);
    }
  }

  configure(partial: Partial<PlayerConfig>): void {
    const next = mergeConfig(this.config, partial);
    if (next.scheduler !== this.config.scheduler) {
      this.scheduler = resolveScheduler(next.scheduler);
      this.pipelining = undefined;
      this.noteProtocol(undefined);
    }
    if (next.abr !== this.config.abr) this.abr = resolveAbr(next.abr);
    this.config = next;
    this.session?.driver.kick();
  }

  getConfig(): PlayerConfig {
    return this.config;
  }

  getRepresentations(contentType: ContentType): readonly RepresentationInfo[] {
    return this.session?.tracks.find((t) => t.contentType === contentType)?.levels ?? [];
  }

  getQuality(): QualitySelection {
    return this.quality;
  }

  setQuality(selection: QualitySelection): void {
    this.quality = selection === 'auto' ? 'auto' : { level: Math.max(0, Math.floor(selection.level)) };
    if (selection !== 'auto') void this.session?.driver.refetchAhead();
    else this.session?.driver.kick();
  }

  on<K extends PlayerEventName>(name: K, handler: (payload: PlayerEventMap[K]) => void): () => void {
    return this.events.on(name, handler);
  }

  async destroy(): Promise<void> {
    this.unload();
    this.loadToken++;
    this.monitor.destroy();
    for (const [name, handler] of this.videoListeners) this.video.removeEventListener(name, handler);
    this.http.dispose();
    this.statsSubject.complete();
    this.requestsSubject.complete();
    this.events.clear();
  }

  private unload(): void {
    if (this.statsTimer !== undefined) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.gapJumper.stop();
    if (!this.session) return;
    this.session.driver.stop();
    this.session.media.destroy();
    this.session = undefined;
  }

  private async fetchManifest(url: string, token: number): Promise<Manifest> {
    const absolute = manifestUrl(url, document.baseURI);
    const { text, protocol } = await fetchMpd(this.http, absolute, this.config.retry);
    // Media usually comes from the manifest's origin: its protocol stands in until a media
    // response gives theirs, so the first requests already know whether they may overlap.
    if (token === this.loadToken) this.noteProtocol(protocol);
    return parseMpd(text, absolute, { isTypeSupported: (mime) => MediaSourceSession.isTypeSupported(mime) });
  }

  private onRequest(record: RequestRecord): void {
    if (record.outcome === 'ok') this.noteProtocol(record.protocol);
    this.stats.addRequest(record);
    this.requestsSubject.next(record);
    this.events.emit('request', record);
  }

  /** Records a response's protocol and announces a change in how requests may overlap. */
  private noteProtocol(protocol: string | undefined): void {
    if (protocol) this.protocol = protocol;
    const mode = this.scheduler.pipelining?.(this.protocol);
    if (mode === undefined || mode === this.pipelining) return;
    this.pipelining = mode;
    this.events.emit('pipelining', { mode, protocol: this.protocol });
  }

  private onLevelChosen(tracks: readonly MediaTrack[], contentType: ContentType, level: number): void {
    const track = tracks.find((t) => t.contentType === contentType);
    const to = track?.levels[level];
    if (!to) return;
    const from = this.stats.chose(contentType, to);
    this.events.emit('representationchange', { contentType, from, to });
  }

  private networkEstimate() {
    const now = performance.now();
    return {
      throughputBps: this.throughput.estimateBps(),
      fairShareBps: this.fairShare.estimateBps(now),
      baseRttMs: this.rtt.baseRttMs(),
      loadedRttMs: this.rtt.loadedRttMs(),
      lastActivityMs: this.fairShare.lastActivityMs,
      busyBytes: this.fairShare.busyPeriodBytes(),
      protocol: this.protocol,
    };
  }

  private abrInputs() {
    const position = this.video.currentTime;
    return {
      nowMs: performance.now(),
      positionS: position,
      bufferLevelS: bufferedAhead(this.video.buffered, position),
      throughputBps: this.throughput.estimateBps(),
      throughputSamples: this.throughput.recentBps(),
      rttMs: this.rtt.currentRttMs(),
      fairShareBps: this.fairShare.estimateBps(performance.now()),
      playbackRate: this.video.playbackRate,
      stalled: this.monitor.stalled,
    };
  }

  private endStreamWhenIdle(media: MediaSourceSession, token: number): void {
    if (token !== this.loadToken || this.session?.media !== media) return;
    if (!media.endOfStream()) setTimeout(() => this.endStreamWhenIdle(media, token), 100);
  }

  private reportError(error: unknown): void {
    const typed =
      error instanceof SprintError
        ? error
        : new SprintError({ category: 'media', code: 'APPEND_FAILED', message: String(error), cause: error });
    this.stats.countError(typed.fatal);
    this.events.emit('error', typed);
    if (typed.fatal) {
      this.unload();
      this.monitor.setState('error');
    }
    this.publishStats();
  }

  private snapshot(): PlayerStats {
    const position = this.video.currentTime;
    return this.stats.snapshot({
      state: this.monitor?.current ?? 'idle',
      positionS: position,
      durationS: this.session?.manifest.durationS ?? 0,
      bufferAheadS: bufferedAhead(this.video.buffered, position),
      throughputBps: this.throughput.estimateBps(),
      rttMs: this.rtt.currentRttMs(),
      fairShareBps: this.fairShare.estimateBps(performance.now()),
      runs: this.runs.list(),
      startupMs: this.monitor?.startupMs,
      stalls: this.monitor?.stalls ?? [],
      requestsInFlight: this.session?.driver.requestsInFlight ?? 0,
      sourceBufferBytes: this.session?.driver.bufferedBytes ?? 0,
      scheduler: this.scheduler.name,
      protocol: this.protocol,
      pipelining: this.pipelining,
      abr: this.abr.name,
    });
  }

  private publishStats(): void {
    if (!this.statsSubject.closed) this.statsSubject.next(this.snapshot());
  }
}
