/**
 * One media type (video or audio) of a manifest, as the download driver sees
 * it: a ladder of levels and, per level, one flat list of segments across all
 * periods. Level 0's list is the reference timeline the scheduler counts in;
 * other levels are looked up by index and checked against it by time.
 * SegmentBase (sidx) levels are resolved on first use and cached.
 */
import { SprintError } from '../errors.js';
import type { AdaptationSet, ContentType, Manifest, MediaSegment, Representation, SegmentRef, ByteRange } from '../manifest/types.js';
import { resolveIndexedSegments } from '../manifest/segment-index.js';
import type { RepresentationInfo } from './types.js';

export interface TrackSegment {
  readonly level: number;
  readonly representationId: string;
  readonly periodIndex: number;
  readonly segment: MediaSegment;
  readonly init: SegmentRef | undefined;
  /** Identifies the init segment this media segment needs appended before it. */
  readonly initKey: string;
  readonly mimeType: string;
}

export type RangeFetcher = (url: string, range: ByteRange) => Promise<Uint8Array>;

interface LevelPeriod {
  readonly periodIndex: number;
  readonly representation: Representation;
}

export class MediaTrack {
  readonly levels: readonly RepresentationInfo[];
  private readonly periodsByLevel: readonly (readonly LevelPeriod[])[];
  private readonly resolved = new Map<number, Promise<readonly TrackSegment[]>>();
  private reference: readonly TrackSegment[] = [];

  constructor(
    readonly contentType: ContentType,
    adaptationSets: readonly (AdaptationSet | undefined)[],
    private readonly fetchRange: RangeFetcher,
  ) {
    const first = adaptationSets.find((a) => a !== undefined);
    if (!first) throw new Error(`no ${contentType} adaptation set`);
    const ladder = first.representations;
    this.levels = ladder.map((rep, level) => ({
      id: rep.id,
      contentType,
      bandwidth: rep.bandwidth,
      codecs: rep.codecs,
      level,
      ...(rep.width !== undefined ? { width: rep.width } : {}),
      ...(rep.height !== undefined ? { height: rep.height } : {}),
    }));
    // Periods map to the first period's ladder by position; a shorter ladder repeats its top rung.
    this.periodsByLevel = ladder.map((_, level) =>
      adaptationSets.flatMap((set, periodIndex) => {
        if (!set || set.representations.length === 0) return [];
        const representation = set.representations[Math.min(level, set.representations.length - 1)]!;
        return [{ periodIndex, representation }];
      }),
    );
  }

  static fromManifest(manifest: Manifest, contentType: ContentType, fetchRange: RangeFetcher): MediaTrack | undefined {
    const sets = manifest.periods.map((p) => p.adaptationSets.find((a) => a.contentType === contentType));
    return sets.some((s) => s !== undefined) ? new MediaTrack(contentType, sets, fetchRange) : undefined;
  }

  /** MSE type of a level, from its first period's representation. */
  mimeTypeOf(level: number): string {
    const rep = this.periodsByLevel[level]?.[0]?.representation;
    return rep ? `${rep.mimeType}; codecs="${rep.codecs}"` : '';
  }

  /** Resolves the reference timeline; call once before scheduling. */
  async prepare(): Promise<void> {
    this.reference = await this.segmentsOf(0);
    if (this.reference.length === 0) {
      throw new SprintError({ category: 'manifest', code: 'MANIFEST_INVALID', message: `${this.contentType} has no segments` });
    }
  }

  get segmentCount(): number {
    return this.reference.length;
  }

  /** The reference timeline's segment `index` (start and duration for scheduling). */
  referenceAt(index: number): MediaSegment | undefined {
    return this.reference[index]?.segment;
  }

  /** Whether segments are byte ranges of one file per representation (SegmentBase, ranged SegmentList). */
  get rangeAddressed(): boolean {
    const [a, b] = this.reference;
    return a?.segment.range !== undefined && (b === undefined || (b.segment.range !== undefined && b.segment.url === a.segment.url));
  }

  /** Presentation end of the last segment. */
  get endS(): number {
    const last = this.reference[this.reference.length - 1]?.segment;
    return last ? last.startS + last.durationS : 0;
  }

  /** Index of the segment that contains `timeS` (clamped to the list). */
  indexForTime(timeS: number): number {
    const list = this.reference;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid]!.segment.startS <= timeS + 1e-3) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Segment `index` of the reference timeline at `level`, matched by time when lists differ. */
  async segmentAt(level: number, index: number): Promise<TrackSegment> {
    const reference = this.reference[index];
    if (!reference) throw new RangeError(`segment ${index} out of range`);
    const list = await this.segmentsOf(level);
    const candidate = list[index];
    const tolerance = reference.segment.durationS / 2;
    if (candidate && Math.abs(candidate.segment.startS - reference.segment.startS) < tolerance) return candidate;
    const byTime = list.find((s) => Math.abs(s.segment.startS - reference.segment.startS) < tolerance);
    if (!byTime) {
      throw new SprintError({
        category: 'manifest',
        code: 'MANIFEST_INVALID',
        message: `${this.contentType} level ${level} has no segment aligned with ${reference.segment.startS.toFixed(3)} s`,
      });
    }
    return byTime;
  }

  private segmentsOf(level: number): Promise<readonly TrackSegment[]> {
    let pending = this.resolved.get(level);
    if (!pending) {
      pending = this.resolveLevel(level);
      this.resolved.set(level, pending);
      pending.catch(() => this.resolved.delete(level)); // let a later attempt retry
    }
    return pending;
  }

  private async resolveLevel(level: number): Promise<readonly TrackSegment[]> {
    const periods = this.periodsByLevel[level] ?? [];
    const perPeriod = await Promise.all(
      periods.map(async ({ periodIndex, representation }) => {
        const source =
          representation.segments.kind === 'listed'
            ? representation.segments
            : await resolveIndexedSegments(representation.segments, this.fetchRange);
        const mimeType = `${representation.mimeType}; codecs="${representation.codecs}"`;
        const initKey = `${periodIndex}/${representation.id}`;
        return source.segments.map((segment) => ({ level, representationId: representation.id, periodIndex, segment, init: source.init, initKey, mimeType }));
      }),
    );
    return perPeriod.flat();
  }
}
