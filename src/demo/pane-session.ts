/**
 * One pane's player run: a fresh <video>, the player behind the PlayerAdapter
 * interface (src/compare), and the player-agnostic PageMeasurement, narrowed
 * to the pane's own media origin. start() and stop() may be called any number
 * of times; the last run's numbers stay readable after stop().
 */
import { PageMeasurement } from '../compare/page-measurement.js';
import { createPlayerAdapter, type PlayerAdapter, type PlayerName } from '../compare/player-adapter.js';
import type { SegmentMap } from '../compare/segment-map.js';
import type { PlayerStats } from '../player/types.js';
import type { ChartPoint } from '../ui/chart.js';
import type { FairShareTimeline } from './fair-share-timeline.js';
import { computePaneMetrics, requestsFrom, type PaneMetrics } from './pane-metrics.js';

export type PaneStatus = 'idle' | 'loading' | 'playing' | 'stopped' | 'ended' | 'error';

export interface PaneSnapshot {
  readonly status: PaneStatus;
  readonly positionS: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly nowMs: number;
  readonly loadStartedAt: number | undefined;
  readonly metrics: PaneMetrics | undefined;
  /** Our player's own stats (runs, estimate); undefined for dash.js and Shaka. */
  readonly sprint: PlayerStats | undefined;
  /** Our player's fair-share estimate each time it changed. */
  readonly estimate: readonly ChartPoint[];
  readonly abrApplied: string;
  readonly scheduler: string;
  readonly errors: readonly string[];
}

export interface PaneSessionOptions {
  readonly player: PlayerName;
  /** The pane's own media origin, e.g. https://127.0.0.1:8444. */
  readonly origin: string;
  /** Shared by all panes: the segment map of an MPD (absolute URL). */
  readonly segmentMap: (src: string) => Promise<SegmentMap>;
  readonly fairShare: FairShareTimeline;
  /** Called whenever the status changes (the page recounts running players). */
  readonly onStatus: (status: PaneStatus) => void;
}

export class PaneSession {
  readonly options: PaneSessionOptions;
  private _video: HTMLVideoElement = PaneSession.makeVideo();
  private _adapter: PlayerAdapter | undefined;
  private _measurement: PageMeasurement | undefined;
  private _status: PaneStatus = 'idle';
  private _loadStartedAt: number | undefined;
  private _estimate: ChartPoint[] = [];
  private _abrApplied = '';
  private _scheduler = '';
  private _errors: string[] = [];
  private _final: PaneSnapshot | undefined;
  /** Bumped by start() and stop(): late results of an older run are dropped. */
  private _generation = 0;

  constructor(options: PaneSessionOptions) {
    this.options = options;
  }

  get video(): HTMLVideoElement {
    return this._video;
  }

  get status(): PaneStatus {
    return this._status;
  }

  get running(): boolean {
    return this._status === 'loading' || this._status === 'playing';
  }

  private static makeVideo(): HTMLVideoElement {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    return video;
  }

  private setStatus(status: PaneStatus): void {
    if (status === this._status) return;
    this._status = status;
    this.options.onStatus(status);
  }

  /** Starts a new run of `src` (absolute URL on the pane's origin) with our ABR name `abr` (undefined: the player's default). */
  async start(src: string, abr: string | undefined): Promise<void> {
    await this.stop();
    const generation = ++this._generation;
    this._video = PaneSession.makeVideo();
    this._estimate = [];
    this._errors = [];
    this._final = undefined;
    this.setStatus('loading');
    try {
      const segmentMap = await this.options.segmentMap(src);
      const adapter = await createPlayerAdapter(this.options.player, this._video);
      if (generation !== this._generation) {
        await adapter.destroy();
        return;
      }
      this._adapter = adapter;
      this._scheduler = adapter.scheduler;
      this._abrApplied = abr === undefined || !adapter.setAbr ? 'default' : adapter.setAbr(abr);
      this._measurement = new PageMeasurement({ video: this._video, segmentMap });
      this._measurement.start();
      this._video.addEventListener('playing', () => generation === this._generation && this.setStatus('playing'));
      this._video.addEventListener('ended', () => generation === this._generation && void this.finish('ended'));
      this._loadStartedAt = performance.now();
      await adapter.load(src);
    } catch (error) {
      if (generation !== this._generation) return;
      this._errors.push(error instanceof Error ? error.message : String(error));
      this.setStatus('error');
    }
  }

  /** Applies an ABR name to the running player where it can change live. */
  setAbr(abr: string): void {
    if (this._adapter?.setAbr) this._abrApplied = this._adapter.setAbr(abr);
  }

  async stop(): Promise<void> {
    if (this._adapter) await this.finish('stopped');
  }

  private async finish(status: PaneStatus): Promise<void> {
    const adapter = this._adapter;
    if (!adapter) return;
    this._generation++;
    this._measurement?.stop();
    this._final = { ...this.snapshot(performance.now()), status };
    this._adapter = undefined;
    this.setStatus(status);
    try {
      await adapter.destroy();
    } catch (error) {
      this._errors.push(`destroy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Everything the pane shows, computed now (throttled by the caller). */
  snapshot(nowMs: number): PaneSnapshot {
    if (this._final) return this._final;
    const measurement = this._measurement;
    const video = this._video;
    const sprint = this._adapter?.sprintStats?.();
    const estimateBps = sprint?.fairShareBps;
    if (estimateBps !== undefined && this._estimate[this._estimate.length - 1]?.bps !== estimateBps) {
      this._estimate.push({ atMs: nowMs, bps: estimateBps });
    }
    let metrics: PaneMetrics | undefined;
    if (measurement && this._loadStartedAt !== undefined) {
      const result = measurement.result();
      metrics = computePaneMetrics({
        requests: requestsFrom(result, this.options.origin),
        measurement: result,
        loadStartedAt: this._loadStartedAt,
        nowMs,
        positionS: video.currentTime,
        fairShare: this.options.fairShare.steps,
      });
    }
    const errors = [...this._errors, ...(this._adapter?.errors() ?? [])];
    return {
      status: this._status,
      positionS: video.currentTime,
      videoWidth: video.videoWidth,
      videoHeight: video.videoHeight,
      nowMs,
      loadStartedAt: this._loadStartedAt,
      metrics,
      sprint,
      estimate: this._estimate,
      abrApplied: this._abrApplied,
      scheduler: this._scheduler,
      errors,
    };
  }
}
