/**
 * The ISO-BMFF Segment Index box (ISO/IEC 14496-12 §8.16.3): which byte ranges of a
 * single-file Representation hold which subsegments. Bounds-checked throughout;
 * every malformation is a SEGMENT_INDEX_INVALID.
 */
import { invalidSegmentIndex } from './manifest-errors.js';

export interface SegmentIndexReference {
  /** Absolute byte offset of the subsegment in the file. */
  readonly offset: number;
  readonly size: number;
  readonly durationTicks: number;
  /** Presentation start, in the sidx timescale's ticks. */
  readonly startTicks: number;
}

export interface SegmentIndex {
  readonly timescale: number;
  readonly earliestPresentationTime: number;
  readonly references: readonly SegmentIndexReference[];
}

const BOX_HEADER_BYTES = 8;

/** A big-endian reader that throws SEGMENT_INDEX_INVALID instead of reading past the end. */
class BoundedReader {
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    public position: number,
    private readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private claim(count: number, what: string): number {
    if (this.position + count > this.end) throw invalidSegmentIndex(`sidx truncated while reading ${what}`);
    const at = this.position;
    this.position += count;
    return at;
  }

  uint8(what: string): number {
    return this.view.getUint8(this.claim(1, what));
  }
  uint16(what: string): number {
    return this.view.getUint16(this.claim(2, what));
  }
  uint32(what: string): number {
    return this.view.getUint32(this.claim(4, what));
  }
  uint64(what: string): number {
    const value = this.view.getBigUint64(this.claim(8, what));
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidSegmentIndex(`sidx ${what} exceeds 2^53`);
    return Number(value);
  }
  skip(count: number, what: string): void {
    this.claim(count, what);
  }
  fourCC(what: string): string {
    const at = this.claim(4, what);
    return String.fromCharCode(...this.bytes.subarray(at, at + 4));
  }
}

/**
 * Finds the first sidx box in `bytes` (walking top-level boxes) and decodes it.
 * @param sidxFileOffset the file offset of bytes[0], i.e. the start of the fetched indexRange.
 */
export function parseSidx(bytes: Uint8Array, sidxFileOffset: number): SegmentIndex {
  if (!Number.isSafeInteger(sidxFileOffset) || sidxFileOffset < 0) {
    throw invalidSegmentIndex(`sidx file offset ${sidxFileOffset} is not a non-negative integer`);
  }
  let boxStart = 0;
  while (boxStart < bytes.byteLength) {
    const header = new BoundedReader(bytes, boxStart, bytes.byteLength);
    const size32 = header.uint32('box size');
    const type = header.fourCC('box type');
    const size = size32 === 1 ? header.uint64('box largesize') : size32 === 0 ? bytes.byteLength - boxStart : size32;
    if (size < header.position - boxStart) throw invalidSegmentIndex(`box "${printable(type)}" has size ${size}`);
    const boxEnd = boxStart + size;
    if (type === 'sidx') {
      if (boxEnd > bytes.byteLength) {
        throw invalidSegmentIndex(`sidx truncated: box needs ${size} bytes, ${bytes.byteLength - boxStart} present`);
      }
      const body = new BoundedReader(bytes, header.position, boxEnd);
      // Subsegment offsets count from the first byte after the sidx box (the anchor point).
      return readSidxBody(body, sidxFileOffset + boxEnd);
    }
    boxStart = boxEnd;
  }
  throw invalidSegmentIndex(
    bytes.byteLength < BOX_HEADER_BYTES ? 'segment index is empty or truncated' : 'no sidx box in the index range',
  );
}

function readSidxBody(reader: BoundedReader, anchorFileOffset: number): SegmentIndex {
  const version = reader.uint8('version');
  if (version > 1) throw invalidSegmentIndex(`sidx version ${version} is not supported`);
  reader.skip(3, 'flags');
  reader.skip(4, 'reference_ID');
  const timescale = reader.uint32('timescale');
  if (timescale === 0) throw invalidSegmentIndex('sidx timescale is zero');
  const earliestPresentationTime =
    version === 0 ? reader.uint32('earliest_presentation_time') : reader.uint64('earliest_presentation_time');
  const firstOffset = version === 0 ? reader.uint32('first_offset') : reader.uint64('first_offset');
  reader.skip(2, 'reserved');
  const count = reader.uint16('reference_count');
  if (count === 0) throw invalidSegmentIndex('sidx lists no subsegments');

  const references: SegmentIndexReference[] = [];
  let offset = anchorFileOffset + firstOffset;
  let startTicks = earliestPresentationTime;
  for (let i = 0; i < count; i++) {
    const typeAndSize = reader.uint32(`reference ${i}`);
    const durationTicks = reader.uint32(`reference ${i} duration`);
    reader.skip(4, `reference ${i} SAP`);
    if (typeAndSize >>> 31 === 1) {
      throw invalidSegmentIndex('nested sidx not supported (hierarchical reference_type 1)');
    }
    const size = typeAndSize & 0x7fffffff;
    if (size === 0) throw invalidSegmentIndex(`sidx reference ${i} has size 0`);
    references.push({ offset, size, durationTicks, startTicks });
    offset += size;
    startTicks += durationTicks;
  }
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(startTicks)) {
    throw invalidSegmentIndex('sidx offsets or times exceed 2^53');
  }
  return { timescale, earliestPresentationTime, references };
}

function printable(fourCC: string): string {
  return fourCC.replace(/[^\x20-\x7e]/g, '?');
}
