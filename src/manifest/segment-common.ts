/**
 * Pieces shared by every addressing scheme: the context a Representation's
 * segments are built in, the timing attributes, and placing media-time entries
 * on the presentation timeline.
 */
import type { ListedSegments, MediaSegment, SegmentRef } from './types.js';
import { readByteRange, readPositiveInt, readString, readUnsignedInt, type Attributes } from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import type { RepresentationBudget } from './limits.js';
import type { TimelineEntry } from './timeline.js';
import { resolveUrl } from './url.js';
import type { XmlElement } from './xml-tree.js';

export interface SegmentContext {
  /** Fully resolved, safe BaseURL of the Representation. */
  readonly baseUrl: string;
  readonly representationId: string;
  readonly bandwidth: number;
  readonly periodStartS: number;
  /** Undefined only for a last Period whose length the MPD does not state. */
  readonly periodDurationS: number | undefined;
  readonly budget: RepresentationBudget;
  /** Names the Representation in error messages. */
  readonly where: string;
}

export interface Timing {
  readonly timescale: number;
  readonly presentationTimeOffset: number;
  readonly startNumber: number;
}

/** A segment starting this close to the period end (seconds) belongs to the next period. */
const END_FUZZ_S = 1e-6;

export function readTiming(attributes: Attributes, where: string): Timing {
  return {
    timescale: readPositiveInt(attributes, 'timescale', where) ?? 1,
    presentationTimeOffset: readUnsignedInt(attributes, 'presentationTimeOffset', where) ?? 0,
    startNumber: readUnsignedInt(attributes, 'startNumber', where) ?? 1,
  };
}

/** The period end expressed in media ticks, for r="-1" runs. */
export function periodEndTicks(timing: Timing, context: SegmentContext): number | undefined {
  if (context.periodDurationS === undefined) return undefined;
  return timing.presentationTimeOffset + context.periodDurationS * timing.timescale;
}

export function requirePeriodDuration(context: SegmentContext, what: string): number {
  if (context.periodDurationS === undefined) {
    throw invalidManifest(
      `${context.where}: ${what} needs the period duration (Period@duration or MPD@mediaPresentationDuration)`,
    );
  }
  return context.periodDurationS;
}

/**
 * Media-time entries → MediaSegments: start = (t − presentationTimeOffset)/timescale
 * + period start. Segments starting at or after the period end are dropped and the
 * last one is trimmed to it. `refOf` receives the entry's index in `entries`.
 */
export function placeEntries(
  entries: readonly TimelineEntry[],
  timing: Timing,
  context: SegmentContext,
  refOf: (entryIndex: number, entry: TimelineEntry) => SegmentRef,
): MediaSegment[] {
  const timestampOffsetS = context.periodStartS - timing.presentationTimeOffset / timing.timescale;
  const periodEndS =
    context.periodDurationS === undefined ? Infinity : context.periodStartS + context.periodDurationS;
  const segments: MediaSegment[] = [];
  entries.forEach((entry, entryIndex) => {
    const startS = (entry.time - timing.presentationTimeOffset) / timing.timescale + context.periodStartS;
    if (startS >= periodEndS - END_FUZZ_S) return;
    const durationS = Math.min(entry.duration / timing.timescale, periodEndS - startS);
    const { url, range } = refOf(entryIndex, entry);
    const index = segments.length;
    segments.push(
      range === undefined
        ? { url, index, startS, durationS, timestampOffsetS }
        : { url, range, index, startS, durationS, timestampOffsetS },
    );
  });
  return segments;
}

/** An <Initialization sourceURL range> element; sourceURL defaults to the BaseURL. */
export function initFromElement(element: XmlElement, baseUrl: string, where: string): SegmentRef {
  const source = readString(element.attributes, 'sourceURL');
  const range = readByteRange(element.attributes, 'range', `${where} Initialization`);
  const url = source === undefined ? baseUrl : resolveUrl(baseUrl, source);
  return range === undefined ? { url } : { url, range };
}

/** The whole BaseURL as one segment spanning the period (no segment information). */
export function singleSegment(context: SegmentContext, init?: SegmentRef): ListedSegments {
  const durationS = requirePeriodDuration(context, 'a single-segment representation');
  context.budget.reserve(1, context.where);
  const segment: MediaSegment = {
    url: context.baseUrl,
    index: 0,
    startS: context.periodStartS,
    durationS,
    timestampOffsetS: context.periodStartS,
  };
  return { kind: 'listed', ...(init === undefined ? {} : { init }), segments: [segment] };
}
