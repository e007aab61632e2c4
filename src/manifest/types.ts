/**
 * The typed, immutable manifest model the rest of the player reads.
 * The MPD parser produces it; nothing downstream sees XML.
 * Times are in seconds on the presentation timeline unless a name says otherwise.
 */

export type ContentType = 'video' | 'audio' | 'text';

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** One addressable piece of media: a URL and, for single-file addressing, a byte range. */
export interface SegmentRef {
  readonly url: string;
  readonly range?: ByteRange;
}

export interface MediaSegment extends SegmentRef {
  /** Position in the representation's segment list, from 0. Aligned across a ladder. */
  readonly index: number;
  /** Presentation start and duration, seconds. */
  readonly startS: number;
  readonly durationS: number;
  /**
   * Offset to add to the media's own timestamps to place it on the presentation
   * timeline (period start − presentationTimeOffset); MSE's timestampOffset.
   */
  readonly timestampOffsetS: number;
}

/** Segments known at parse time (SegmentTemplate, SegmentTimeline, SegmentList). */
export interface ListedSegments {
  readonly kind: 'listed';
  readonly init?: SegmentRef;
  readonly segments: readonly MediaSegment[];
}

/**
 * SegmentBase: one file whose segment index (sidx box) must be fetched before
 * segments are known. `resolveIndexedSegments` in segment-index.ts turns it into ListedSegments.
 */
export interface IndexedSegments {
  readonly kind: 'indexed';
  readonly url: string;
  readonly init?: SegmentRef;
  /** Where the sidx box lies in `url`. */
  readonly indexRange: ByteRange;
  /** SegmentBase@timescale: the unit of presentationTimeOffset (the sidx carries its own). */
  readonly timescale: number;
  readonly presentationTimeOffset: number;
  readonly periodStartS: number;
  readonly periodDurationS: number;
}

export type SegmentSource = ListedSegments | IndexedSegments;

export interface Representation {
  readonly id: string;
  readonly bandwidth: number;
  readonly mimeType: string;
  readonly codecs: string;
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly audioSamplingRate?: number;
  readonly segments: SegmentSource;
}

export interface AdaptationSet {
  readonly id: string;
  readonly contentType: ContentType;
  readonly mimeType: string;
  readonly lang?: string;
  /** Sorted by bandwidth, lowest first. */
  readonly representations: readonly Representation[];
}

export interface Period {
  readonly id: string;
  readonly startS: number;
  readonly durationS: number;
  readonly adaptationSets: readonly AdaptationSet[];
}

export interface Manifest {
  readonly url: string;
  /** Only 'static' (VOD) is played; 'dynamic' is rejected with MANIFEST_UNSUPPORTED. */
  readonly type: 'static';
  readonly durationS: number;
  readonly minBufferTimeS: number;
  readonly periods: readonly Period[];
}
