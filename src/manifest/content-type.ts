/**
 * What an AdaptationSet carries: its @contentType, else its @mimeType's top-level
 * type, else what its Representations' mimeType and codecs say. Sets that are none
 * of video/audio/text (thumbnails, "image") are not for this player.
 */
import type { ContentType } from './types.js';

const CONTENT_TYPES: ReadonlySet<string> = new Set<ContentType>(['video', 'audio', 'text']);

const CODEC_FAMILIES: ReadonlyMap<string, ContentType> = new Map<string, ContentType>([
  ...['avc1', 'avc3', 'hev1', 'hvc1', 'dvh1', 'dvhe', 'dva1', 'dvav', 'vp08', 'vp8', 'vp09', 'vp9', 'av01', 'mp4v'].map(
    (codec) => [codec, 'video'] as const,
  ),
  ...['mp4a', 'ac-3', 'ec-3', 'ac-4', 'opus', 'flac', 'vorbis', 'mp3', 'dtsc', 'dtse', 'dtsx', 'alac'].map(
    (codec) => [codec, 'audio'] as const,
  ),
  ...['stpp', 'wvtt', 'tx3g', 'vtt'].map((codec) => [codec, 'text'] as const),
]);

export interface ContentHints {
  readonly contentType?: string;
  readonly mimeType?: string;
  readonly codecs?: string;
}

/** The content type the first informative hint names, else undefined. */
export function inferContentType(hints: readonly ContentHints[]): ContentType | undefined {
  for (const hint of hints) {
    const type = fromContentTypeAttribute(hint.contentType) ?? fromMime(hint.mimeType) ?? fromCodecs(hint.codecs);
    if (type !== undefined) return type;
    // An explicit contentType we do not play ("image") settles it.
    if (hint.contentType !== undefined) return undefined;
  }
  return undefined;
}

function fromContentTypeAttribute(value: string | undefined): ContentType | undefined {
  const lower = value?.toLowerCase();
  return lower !== undefined && CONTENT_TYPES.has(lower) ? (lower as ContentType) : undefined;
}

function fromMime(mime: string | undefined): ContentType | undefined {
  if (mime === undefined) return undefined;
  const lower = mime.toLowerCase();
  const topLevel = lower.split('/')[0] ?? '';
  if (CONTENT_TYPES.has(topLevel)) return topLevel as ContentType;
  if (lower === 'application/ttml+xml') return 'text';
  // application/mp4 can carry anything; the codecs decide.
  return undefined;
}

export function fromCodecs(codecs: string | undefined): ContentType | undefined {
  if (codecs === undefined) return undefined;
  for (const codec of codecs.split(',')) {
    const family = codec.trim().split('.')[0]?.toLowerCase() ?? '';
    const type = CODEC_FAMILIES.get(family);
    if (type !== undefined) return type;
  }
  return undefined;
}
