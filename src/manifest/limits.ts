/**
 * Bounds on what an untrusted manifest may make us allocate, and the per-parse
 * segment budget that enforces them before any segment array is built.
 */
import { invalidManifest } from './manifest-errors.js';

export interface ParseMpdOptions {
  /** The player passes MediaSource.isTypeSupported; called with `mime; codecs="…"`. */
  readonly isTypeSupported?: (mimeWithCodecs: string) => boolean;
  /** Largest MPD accepted, in UTF-8 bytes. Default 4 MiB. */
  readonly maxManifestBytes?: number;
  /** Most segments one Representation may list. Default 100,000. */
  readonly maxSegmentsPerRepresentation?: number;
  /** Most segments the whole MPD may list, all Representations together. Default 500,000. */
  readonly maxSegmentsTotal?: number;
}

export const DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_SEGMENTS_PER_REPRESENTATION = 100_000;
export const DEFAULT_MAX_SEGMENTS_TOTAL = 500_000;

/** Checks segment counts against both bounds before the caller allocates them. */
export interface RepresentationBudget {
  /** Claims `count` more segments for this Representation, or throws MANIFEST_INVALID. */
  reserve(count: number, where: string): void;
}

export interface SegmentBudget {
  forRepresentation(): RepresentationBudget;
}

export function createSegmentBudget(perRepresentation: number, total: number): SegmentBudget {
  let usedTotal = 0;
  return {
    forRepresentation() {
      let usedHere = 0;
      return {
        reserve(count, where) {
          if (!Number.isFinite(count) || count < 0) {
            throw invalidManifest(`${where}: segment count ${count} is not a finite number`);
          }
          if (usedHere + count > perRepresentation) {
            throw invalidManifest(
              `${where}: ${usedHere + count} segments exceed the limit of ${perRepresentation} per representation`,
            );
          }
          if (usedTotal + count > total) {
            throw invalidManifest(`${where}: the manifest lists more than ${total} segments in total`);
          }
          usedHere += count;
          usedTotal += count;
        },
      };
    },
  };
}

/** Byte length of `text` in UTF-8, without encoding strings that are surely too large. */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  // Each UTF-16 unit is 1..3 UTF-8 bytes, so the length alone often decides.
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return new TextEncoder().encode(text).byteLength > maxBytes;
}
