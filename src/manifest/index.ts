/** The manifest module's public surface. */
export type * from './types.js';
export { parseMpd } from './parse-mpd.js';
export {
  DEFAULT_MAX_MANIFEST_BYTES,
  DEFAULT_MAX_SEGMENTS_PER_REPRESENTATION,
  DEFAULT_MAX_SEGMENTS_TOTAL,
  type ParseMpdOptions,
} from './limits.js';
export { parseIsoDuration } from './iso-duration.js';
export { parseSidx, type SegmentIndex, type SegmentIndexReference } from './sidx.js';
export { resolveIndexedSegments, resolveSegmentSource, segmentsOf, type FetchRange } from './segment-index.js';
