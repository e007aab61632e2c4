/** Accumulates per-load counters (bytes, switches, chosen levels) for PlayerStats snapshots. */
import type { ContentType } from '../manifest/types.js';
import type { PlayerStats, RepresentationInfo, RequestRecord, ThroughputSample } from './types.js';

type LiveFields = Omit<
  PlayerStats,
  'atMs' | 'video' | 'audio' | 'lastThroughput' | 'mediaBytes' | 'switches' | 'abrReason' | 'recoverableErrors' | 'fatalErrors'
>;

export class PlayerStatsCollector {
  private chosen = new Map<ContentType, RepresentationInfo>();
  private mediaBytes = 0;
  private switches = 0;
  private lastThroughput: ThroughputSample | undefined;
  private abrReason: string | undefined;
  private recoverableErrors = 0;
  private fatalErrors = 0;

  reset(): void {
    this.recoverableErrors = 0;
    this.fatalErrors = 0;
    this.chosen = new Map();
    this.mediaBytes = 0;
    this.switches = 0;
    this.lastThroughput = undefined;
    this.abrReason = undefined;
  }

  countError(fatal: boolean): void {
    if (fatal) this.fatalErrors += 1;
    else this.recoverableErrors += 1;
  }

  /** The ABR's reason for the latest video choice. */
  explain(reason: string | undefined): void {
    this.abrReason = reason;
  }

  addRequest(record: RequestRecord): void {
    if (record.outcome !== 'ok' || record.isInit) return;
    this.mediaBytes += record.bytes;
    const from = record.firstByteMs ?? record.startMs;
    const durationMs = record.endMs - from;
    if (durationMs > 0) {
      this.lastThroughput = { atMs: record.endMs, bytes: record.bytes, durationMs, bitsPerSecond: (record.bytes * 8 * 1000) / durationMs };
    }
  }

  /** Records a level choice; returns the previous representation of that type. */
  chose(contentType: ContentType, to: RepresentationInfo): RepresentationInfo | undefined {
    const from = this.chosen.get(contentType);
    if (from && from.id !== to.id && contentType === 'video') this.switches += 1;
    this.chosen.set(contentType, to);
    return from;
  }

  snapshot(live: LiveFields): PlayerStats {
    return {
      ...live,
      atMs: performance.now(),
      video: this.chosen.get('video'),
      audio: this.chosen.get('audio'),
      lastThroughput: this.lastThroughput,
      mediaBytes: this.mediaBytes,
      switches: this.switches,
      abrReason: this.abrReason,
      recoverableErrors: this.recoverableErrors,
      fatalErrors: this.fatalErrors,
    };
  }
}
