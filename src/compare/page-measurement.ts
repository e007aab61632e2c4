/**
 * Player-agnostic measurement inside a page: every request's Resource Timing
 * (PerformanceObserver), the <video> element's events, and buffer level,
 * position and frame counters sampled on a fixed period. Knows nothing about
 * the player; the MPD tells which requests are media (see segment-map.ts).
 */
import type {
  PageMeasurementResult,
  PlaybackSample,
  ResourceRecord,
  VideoEventRecord,
  VideoEventType,
} from './measurement-types.js';
import { classifyRequests, type SegmentMap } from './segment-map.js';

export interface PageMeasurementOptions {
  readonly video: HTMLVideoElement;
  readonly segmentMap: SegmentMap;
  /** Sampling period of the playback samples, ms. Default 250. */
  readonly samplePeriodMs?: number;
}

const VIDEO_EVENTS: readonly VideoEventType[] = [
  'loadedmetadata', 'play', 'playing', 'waiting', 'stalled', 'pause', 'seeking', 'resize', 'timeupdate', 'ended', 'error',
];

/** Enough for hours of 2 s segments; the default (250) would drop entries within minutes. */
export const RESOURCE_TIMING_BUFFER_SIZE = 20_000;

/** Seconds buffered ahead of `time` in the buffered range that contains it (0 when none does). */
export function bufferAheadOf(buffered: TimeRanges, time: number): number {
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= time + 0.1 && time < buffered.end(i)) return buffered.end(i) - time;
  }
  return 0;
}

export function toResourceRecord(entry: PerformanceResourceTiming): ResourceRecord {
  return {
    url: entry.name,
    startTime: entry.startTime,
    requestStart: entry.requestStart,
    responseStart: entry.responseStart,
    responseEnd: entry.responseEnd,
    transferSize: entry.transferSize,
    encodedBodySize: entry.encodedBodySize,
    nextHopProtocol: entry.nextHopProtocol,
  };
}

export class PageMeasurement {
  private readonly resources: ResourceRecord[] = [];
  private readonly events: VideoEventRecord[] = [];
  private readonly samples: PlaybackSample[] = [];
  private observer: PerformanceObserver | undefined;
  private sampler: ReturnType<typeof setInterval> | undefined;
  private readonly listeners: [VideoEventType, () => void][] = [];
  private startedAt = 0;
  private stoppedAt: number | undefined;
  private droppedEntries = 0;
  private readonly onBufferFull = (): void => {
    this.droppedEntries++;
  };

  constructor(private readonly options: PageMeasurementOptions) {}

  /** Starts recording; entries from before this call are ignored. */
  start(): void {
    const { video } = this.options;
    this.startedAt = performance.now();
    performance.setResourceTimingBufferSize(RESOURCE_TIMING_BUFFER_SIZE);
    performance.addEventListener('resourcetimingbufferfull', this.onBufferFull);
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.startTime >= this.startedAt) this.resources.push(toResourceRecord(entry as PerformanceResourceTiming));
      }
    });
    this.observer.observe({ type: 'resource', buffered: false });
    for (const type of VIDEO_EVENTS) {
      const listener = (): void => this.recordEvent(type);
      video.addEventListener(type, listener);
      this.listeners.push([type, listener]);
    }
    this.sampler = setInterval(() => this.sample(), this.options.samplePeriodMs ?? 250);
    this.sample();
  }

  /** Stops recording; result() stays available. Idempotent. */
  stop(): void {
    if (this.stoppedAt !== undefined) return;
    this.sample();
    // Deliver entries the observer has queued but not yet called back with.
    for (const entry of this.observer?.takeRecords() ?? []) {
      if (entry.startTime >= this.startedAt) this.resources.push(toResourceRecord(entry as PerformanceResourceTiming));
    }
    this.observer?.disconnect();
    clearInterval(this.sampler);
    performance.removeEventListener('resourcetimingbufferfull', this.onBufferFull);
    for (const [type, listener] of this.listeners) this.options.video.removeEventListener(type, listener);
    this.stoppedAt = performance.now();
  }

  result(): PageMeasurementResult {
    const { media, other } = classifyRequests(this.resources, this.options.segmentMap);
    return {
      timeOrigin: performance.timeOrigin,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt ?? performance.now(),
      mediaRequests: media,
      otherRequests: other,
      events: [...this.events],
      samples: [...this.samples],
      ladder: this.options.segmentMap.ladder,
      droppedEntries: this.droppedEntries,
    };
  }

  /** The latest sample, for progress displays. */
  latest(): PlaybackSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  private recordEvent(type: VideoEventType): void {
    const { video } = this.options;
    const base = { type, t: performance.now(), currentTime: video.currentTime };
    this.events.push(type === 'resize' ? { ...base, width: video.videoWidth, height: video.videoHeight } : base);
  }

  private sample(): void {
    const { video } = this.options;
    const quality = video.getVideoPlaybackQuality();
    this.samples.push({
      t: performance.now(),
      currentTime: video.currentTime,
      bufferAheadS: bufferAheadOf(video.buffered, video.currentTime),
      readyState: video.readyState,
      paused: video.paused,
      droppedFrames: quality.droppedVideoFrames,
      totalFrames: quality.totalVideoFrames,
    });
  }
}
