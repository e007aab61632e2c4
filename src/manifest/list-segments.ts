/**
 * SegmentList addressing: explicit <SegmentURL media mediaRange> entries, timed by
 * @duration/@timescale or by a SegmentTimeline.
 */
import type { ListedSegments, SegmentRef } from './types.js';
import { readByteRange, readPositiveInt, readString } from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import {
  initFromElement,
  periodEndTicks,
  placeEntries,
  readTiming,
  type SegmentContext,
  type Timing,
} from './segment-common.js';
import type { SegmentInfo } from './segment-info.js';
import { expandTimeline, type TimelineEntry } from './timeline.js';
import { resolveUrl } from './url.js';
import type { XmlElement } from './xml-tree.js';

export function listSegments(info: SegmentInfo, context: SegmentContext): ListedSegments {
  const where = `${context.where} SegmentList`;
  const urls = info.segmentUrls;
  if (urls.length === 0) throw invalidManifest(`${where}: has no SegmentURL`);
  const timing = readTiming(info.attributes, where);
  const entries = listEntries(info, urls.length, timing, context, where).slice(0, urls.length);

  const segments = placeEntries(entries, timing, context, (entryIndex) => {
    const element = urls[entryIndex];
    if (element === undefined) throw invalidManifest(`${where}: SegmentURL[${entryIndex}] missing`);
    return segmentUrlRef(element, context.baseUrl, `${where} SegmentURL[${entryIndex}]`);
  });
  const init =
    info.initialization === undefined ? undefined : initFromElement(info.initialization, context.baseUrl, where);
  return { kind: 'listed', ...(init === undefined ? {} : { init }), segments };
}

function listEntries(
  info: SegmentInfo,
  urlCount: number,
  timing: Timing,
  context: SegmentContext,
  where: string,
): TimelineEntry[] {
  if (info.timeline !== undefined) {
    return expandTimeline(info.timeline, periodEndTicks(timing, context), context.budget, where);
  }
  context.budget.reserve(urlCount, where);
  const duration = readPositiveInt(info.attributes, 'duration', where);
  if (duration === undefined) {
    // One segment may simply span the period.
    if (urlCount === 1 && context.periodDurationS !== undefined) {
      return [{ time: timing.presentationTimeOffset, duration: context.periodDurationS * timing.timescale }];
    }
    throw invalidManifest(`${where}: needs @duration or a SegmentTimeline`);
  }
  return Array.from({ length: urlCount }, (_, k) => ({ time: timing.presentationTimeOffset + k * duration, duration }));
}

function segmentUrlRef(element: XmlElement, baseUrl: string, where: string): SegmentRef {
  const media = readString(element.attributes, 'media');
  const range = readByteRange(element.attributes, 'mediaRange', where);
  const url = media === undefined ? baseUrl : resolveUrl(baseUrl, media);
  return range === undefined ? { url } : { url, range };
}
