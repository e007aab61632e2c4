/**
 * Which representation and segment a request URL names, from the MPD alone, so
 * the chosen quality per segment is known for any player (dash.js and Shaka do
 * not tell us in a common form). Works for listed segments (SegmentTemplate,
 * SegmentTimeline, SegmentList); SegmentBase addresses segments by byte range
 * of one URL, which Resource Timing does not show, so it is not mapped.
 */
import type { Manifest } from '../manifest/types.js';
import type { LadderEntry, MediaRequestRecord, ResourceRecord, SegmentIdentity } from './measurement-types.js';

export interface SegmentMap {
  readonly ladder: readonly LadderEntry[];
  identify(url: string): SegmentIdentity | undefined;
}

/** Path and query: the same resource whatever host spelling or fragment a player used. */
export function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url.split('#')[0] ?? url;
  }
}

export function buildSegmentMap(manifest: Manifest): SegmentMap {
  const byUrl = new Map<string, SegmentIdentity>();
  const ladder: LadderEntry[] = [];
  for (const period of manifest.periods) {
    for (const set of period.adaptationSets) {
      set.representations.forEach((representation, level) => {
        const base = { contentType: set.contentType, representationId: representation.id, bandwidth: representation.bandwidth, level };
        if (!ladder.some((entry) => entry.contentType === set.contentType && entry.representationId === representation.id)) {
          ladder.push(base);
        }
        const source = representation.segments;
        if (source.kind !== 'listed') return;
        if (source.init) {
          byUrl.set(urlKey(source.init.url), { ...base, segmentIndex: -1, isInit: true, startS: period.startS, durationS: 0 });
        }
        for (const segment of source.segments) {
          byUrl.set(urlKey(segment.url), {
            ...base,
            segmentIndex: segment.index,
            isInit: false,
            startS: segment.startS,
            durationS: segment.durationS,
          });
        }
      });
    }
  }
  return { ladder, identify: (url) => byUrl.get(urlKey(url)) };
}

/** Splits resource records into media requests (with their identity) and the rest. */
export function classifyRequests(
  records: readonly ResourceRecord[],
  map: SegmentMap,
): { media: MediaRequestRecord[]; other: ResourceRecord[] } {
  const media: MediaRequestRecord[] = [];
  const other: ResourceRecord[] = [];
  for (const record of records) {
    const segment = map.identify(record.url);
    if (segment) media.push({ ...record, segment });
    else other.push(record);
  }
  return { media, other };
}
