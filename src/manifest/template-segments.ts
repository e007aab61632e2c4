/**
 * SegmentTemplate addressing: $Number$ with a fixed @duration, or a SegmentTimeline
 * (usually with $Time$). Segments are known at parse time.
 */
import type { ListedSegments, SegmentRef } from './types.js';
import { readPositiveInt, readString } from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import {
  initFromElement,
  periodEndTicks,
  placeEntries,
  readTiming,
  requirePeriodDuration,
  type SegmentContext,
  type Timing,
} from './segment-common.js';
import type { SegmentInfo } from './segment-info.js';
import { expandTimeline, segmentsToCover, type TimelineEntry } from './timeline.js';
import { compileTemplate } from './url-template.js';
import { resolveUrl } from './url.js';

export function templateSegments(info: SegmentInfo, context: SegmentContext): ListedSegments {
  const where = `${context.where} SegmentTemplate`;
  const timing = readTiming(info.attributes, where);
  const media = readString(info.attributes, 'media');
  if (media === undefined) throw invalidManifest(`${where}: @media is required`);
  const mediaUrl = compileTemplate(media, `${where}@media`);

  const entries =
    info.timeline === undefined
      ? durationEntries(info, timing, context, where)
      : expandTimeline(info.timeline, periodEndTicks(timing, context), context.budget, where);

  const { representationId, bandwidth } = context;
  const segments = placeEntries(entries, timing, context, (entryIndex, entry) => ({
    url: resolveUrl(
      context.baseUrl,
      mediaUrl({ representationId, bandwidth, number: timing.startNumber + entryIndex, time: entry.time }),
    ),
  }));
  const init = templateInit(info, context, where);
  return { kind: 'listed', ...(init === undefined ? {} : { init }), segments };
}

/** Fixed-duration segments: ceil(period duration / segment duration), the last one trimmed. */
function durationEntries(
  info: SegmentInfo,
  timing: Timing,
  context: SegmentContext,
  where: string,
): TimelineEntry[] {
  const duration = readPositiveInt(info.attributes, 'duration', where);
  if (duration === undefined) throw invalidManifest(`${where}: needs @duration or a SegmentTimeline`);
  const periodDurationS = requirePeriodDuration(context, 'SegmentTemplate@duration');
  const count = segmentsToCover(periodDurationS, duration / timing.timescale);
  // Checked before allocating: a hostile duration="1" over a huge period stops here.
  context.budget.reserve(count, where);
  if (!Number.isSafeInteger(timing.presentationTimeOffset + count * duration)) {
    throw invalidManifest(`${where}: segment times run past 2^53 ticks`);
  }
  const entries: TimelineEntry[] = [];
  for (let k = 0; k < count; k++) entries.push({ time: timing.presentationTimeOffset + k * duration, duration });
  return entries;
}

function templateInit(info: SegmentInfo, context: SegmentContext, where: string): SegmentRef | undefined {
  const template = readString(info.attributes, 'initialization');
  if (template !== undefined) {
    const fill = compileTemplate(template, `${where}@initialization`);
    const { representationId, bandwidth } = context;
    return { url: resolveUrl(context.baseUrl, fill({ representationId, bandwidth })) };
  }
  return info.initialization === undefined ? undefined : initFromElement(info.initialization, context.baseUrl, where);
}
