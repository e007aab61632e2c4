/**
 * A Representation's merged segment information → its SegmentSource:
 * listed segments for SegmentTemplate/SegmentList/plain BaseURL, or an
 * IndexedSegments descriptor for SegmentBase (the sidx is fetched later).
 */
import type { IndexedSegments, SegmentRef, SegmentSource } from './types.js';
import { readByteRange } from './attributes.js';
import { listSegments } from './list-segments.js';
import { initFromElement, readTiming, requirePeriodDuration, singleSegment, type SegmentContext } from './segment-common.js';
import type { SegmentInfo } from './segment-info.js';
import { templateSegments } from './template-segments.js';

export function buildSegments(info: SegmentInfo | undefined, context: SegmentContext): SegmentSource {
  if (info === undefined) return singleSegment(context);
  switch (info.kind) {
    case 'template':
      return templateSegments(info, context);
    case 'list':
      return listSegments(info, context);
    case 'base':
      return baseSegments(info, context);
  }
}

function baseSegments(info: SegmentInfo, context: SegmentContext): SegmentSource {
  const where = `${context.where} SegmentBase`;
  const explicitInit =
    info.initialization === undefined ? undefined : initFromElement(info.initialization, context.baseUrl, where);
  const indexRange = readByteRange(info.attributes, 'indexRange', where);
  // Without an index the file can only be fetched whole.
  if (indexRange === undefined) return singleSegment(context, explicitInit);

  const timing = readTiming(info.attributes, where);
  const periodDurationS = requirePeriodDuration(context, 'SegmentBase');
  const init: SegmentRef | undefined =
    explicitInit ??
    // ffmpeg and MP4Box put moov before sidx, so everything before the index is the init segment.
    (indexRange.start > 0 ? { url: context.baseUrl, range: { start: 0, end: indexRange.start - 1 } } : undefined);
  const indexed: IndexedSegments = {
    kind: 'indexed',
    url: context.baseUrl,
    ...(init === undefined ? {} : { init }),
    indexRange,
    timescale: timing.timescale,
    presentationTimeOffset: timing.presentationTimeOffset,
    periodStartS: context.periodStartS,
    periodDurationS,
  };
  return indexed;
}
