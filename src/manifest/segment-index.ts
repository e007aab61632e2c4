/**
 * SegmentBase Representations: fetch the sidx named by @indexRange and turn it
 * into the same ListedSegments SegmentTemplate/SegmentList give at parse time.
 */
import { isSprintError, SprintError } from '../errors.js';
import type { ByteRange, IndexedSegments, ListedSegments, MediaSegment, Representation, SegmentSource } from './types.js';
import { describeUnknown, invalidSegmentIndex, withUrl } from './manifest-errors.js';
import { parseSidx } from './sidx.js';

export type FetchRange = (url: string, range: ByteRange) => Promise<Uint8Array>;

/** A segment starting this close to the period end (seconds) belongs to the next period. */
const END_FUZZ_S = 1e-6;

/** The segments known without fetching anything, or undefined when the sidx must be loaded. */
export function segmentsOf(rep: Representation): readonly MediaSegment[] | undefined {
  return rep.segments.kind === 'listed' ? rep.segments.segments : undefined;
}

/** Any SegmentSource as ListedSegments, fetching the segment index if there is one. */
export async function resolveSegmentSource(source: SegmentSource, fetchRange: FetchRange): Promise<ListedSegments> {
  return source.kind === 'listed' ? source : resolveIndexedSegments(source, fetchRange);
}

export async function resolveIndexedSegments(source: IndexedSegments, fetchRange: FetchRange): Promise<ListedSegments> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchRange(source.url, source.indexRange);
  } catch (cause) {
    if (isSprintError(cause)) throw cause;
    throw new SprintError({
      category: 'network',
      code: 'SEGMENT_LOAD_FAILED',
      message: `segment index request failed: ${describeUnknown(cause)}`,
      url: source.url,
      cause,
    });
  }
  try {
    return listedFromIndex(source, bytes);
  } catch (e) {
    if (isSprintError(e)) throw withUrl(e, source.url);
    throw invalidSegmentIndex(`unexpected failure reading the sidx: ${describeUnknown(e)}`, source.url);
  }
}

function listedFromIndex(source: IndexedSegments, bytes: Uint8Array): ListedSegments {
  const index = parseSidx(bytes, source.indexRange.start);
  // presentationTimeOffset is in SegmentBase@timescale ticks, the sidx times in its own.
  const timestampOffsetS = source.periodStartS - source.presentationTimeOffset / source.timescale;
  const periodEndS = source.periodStartS + source.periodDurationS;
  const segments: MediaSegment[] = [];
  for (const reference of index.references) {
    const startS = timestampOffsetS + reference.startTicks / index.timescale;
    if (startS >= periodEndS - END_FUZZ_S) break;
    segments.push({
      url: source.url,
      range: { start: reference.offset, end: reference.offset + reference.size - 1 },
      index: segments.length,
      startS,
      durationS: Math.min(reference.durationTicks / index.timescale, periodEndS - startS),
      timestampOffsetS,
    });
  }
  return { kind: 'listed', ...(source.init === undefined ? {} : { init: source.init }), segments };
}
