import { describe, expect, it } from 'vitest';
import { parseSidx } from './sidx.js';
import { resolveIndexedSegments, resolveSegmentSource, segmentsOf } from './segment-index.js';
import type { ByteRange, IndexedSegments, Representation } from './types.js';
import { catchErrorAsync, expectCode } from './test-helpers.js';

interface SidxSpec {
  readonly version: 0 | 1;
  readonly timescale: number;
  readonly earliestPresentationTime: number;
  readonly firstOffset: number;
  readonly references: readonly { size: number; duration: number; hierarchical?: boolean }[];
}

/** A hand-built sidx box, big-endian as ISO-BMFF writes it. */
function sidxBox(spec: SidxSpec): Uint8Array {
  const timeBytes = spec.version === 0 ? 8 : 16;
  const size = 8 + 4 + 4 + 4 + timeBytes + 4 + spec.references.length * 12;
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  const u32 = (v: number) => {
    view.setUint32(at, v);
    at += 4;
  };
  const u64 = (v: number) => {
    view.setBigUint64(at, BigInt(v));
    at += 8;
  };
  u32(size);
  [...'sidx'].forEach((c) => view.setUint8(at++, c.charCodeAt(0)));
  u32(spec.version << 24); // version + flags
  u32(1); // reference_ID
  u32(spec.timescale);
  if (spec.version === 0) {
    u32(spec.earliestPresentationTime);
    u32(spec.firstOffset);
  } else {
    u64(spec.earliestPresentationTime);
    u64(spec.firstOffset);
  }
  u32(spec.references.length); // reserved(16) + reference_count(16)
  for (const ref of spec.references) {
    u32(((ref.hierarchical ? 1 : 0) << 31) | ref.size);
    u32(ref.duration);
    u32(0x90000000); // starts_with_SAP=1, SAP_type=1
  }
  return new Uint8Array(view.buffer);
}

function box(type: string, payloadBytes: number): Uint8Array {
  const bytes = new Uint8Array(8 + payloadBytes);
  new DataView(bytes.buffer).setUint32(0, bytes.length);
  [...type].forEach((c, i) => (bytes[4 + i] = c.charCodeAt(0)));
  return bytes;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const THREE_REFS = [
  { size: 1000, duration: 24000 },
  { size: 2000, duration: 24000 },
  { size: 500, duration: 12000 },
];

describe('parseSidx', () => {
  it('reads version 0 with absolute offsets from the anchor point plus first_offset', () => {
    const bytes = sidxBox({ version: 0, timescale: 12000, earliestPresentationTime: 600, firstOffset: 10, references: THREE_REFS });
    const index = parseSidx(bytes, 5000);
    const anchor = 5000 + bytes.length;
    expect(index.timescale).toBe(12000);
    expect(index.earliestPresentationTime).toBe(600);
    expect(index.references).toEqual([
      { offset: anchor + 10, size: 1000, durationTicks: 24000, startTicks: 600 },
      { offset: anchor + 1010, size: 2000, durationTicks: 24000, startTicks: 24600 },
      { offset: anchor + 3010, size: 500, durationTicks: 12000, startTicks: 48600 },
    ]);
  });

  it('reads version 1 (64-bit times and offsets)', () => {
    const big = 2 ** 40;
    const bytes = sidxBox({ version: 1, timescale: 90000, earliestPresentationTime: big, firstOffset: 0, references: THREE_REFS });
    const index = parseSidx(bytes, 0);
    expect(index.earliestPresentationTime).toBe(big);
    expect(index.references[0]).toEqual({ offset: bytes.length, size: 1000, durationTicks: 24000, startTicks: big });
    expect(index.references[2]!.startTicks).toBe(big + 48000);
  });

  it('walks past boxes before the sidx', () => {
    const sidx = sidxBox({ version: 0, timescale: 1000, earliestPresentationTime: 0, firstOffset: 0, references: THREE_REFS });
    const bytes = concat(box('styp', 12), sidx, box('moof', 40));
    const index = parseSidx(bytes, 100);
    expect(index.references[0]!.offset).toBe(100 + 20 + sidx.length);
  });

  it('rejects truncated input at every length with SEGMENT_INDEX_INVALID', () => {
    const bytes = sidxBox({ version: 1, timescale: 1000, earliestPresentationTime: 0, firstOffset: 0, references: THREE_REFS });
    for (let length = 0; length < bytes.length; length++) {
      expectCode(() => parseSidx(bytes.subarray(0, length), 0), 'SEGMENT_INDEX_INVALID');
    }
  });

  it('rejects a reference count larger than the box', () => {
    const bytes = sidxBox({ version: 0, timescale: 1000, earliestPresentationTime: 0, firstOffset: 0, references: THREE_REFS });
    new DataView(bytes.buffer).setUint16(30, 50);
    expectCode(() => parseSidx(bytes, 0), 'SEGMENT_INDEX_INVALID', /truncated/);
  });

  it('rejects nested sidx, zero timescale, unknown versions, absent sidx and silly box sizes', () => {
    const spec = { version: 0, timescale: 1000, earliestPresentationTime: 0, firstOffset: 0, references: THREE_REFS } as const;
    expectCode(
      () => parseSidx(sidxBox({ ...spec, references: [{ size: 10, duration: 1, hierarchical: true }] }), 0),
      'SEGMENT_INDEX_INVALID',
      /nested sidx not supported/,
    );
    expectCode(() => parseSidx(sidxBox({ ...spec, timescale: 0 }), 0), 'SEGMENT_INDEX_INVALID', /timescale/);
    const v2 = sidxBox(spec);
    v2[8] = 2;
    expectCode(() => parseSidx(v2, 0), 'SEGMENT_INDEX_INVALID', /version 2/);
    expectCode(() => parseSidx(box('moov', 20), 0), 'SEGMENT_INDEX_INVALID', /no sidx/);
    const tiny = box('free', 0);
    new DataView(tiny.buffer).setUint32(0, 3);
    expectCode(() => parseSidx(tiny, 0), 'SEGMENT_INDEX_INVALID', /size 3/);
    expectCode(() => parseSidx(sidxBox(spec), -1), 'SEGMENT_INDEX_INVALID');
  });
});

describe('resolveIndexedSegments', () => {
  const FILE_URL = 'https://cdn.example.com/v.mp4';
  const sidx = sidxBox({ version: 0, timescale: 12000, earliestPresentationTime: 1200, firstOffset: 0, references: THREE_REFS });
  const source: IndexedSegments = {
    kind: 'indexed',
    url: FILE_URL,
    init: { url: FILE_URL, range: { start: 0, end: 799 } },
    indexRange: { start: 800, end: 800 + sidx.length - 1 },
    timescale: 1000,
    presentationTimeOffset: 100,
    periodStartS: 10,
    periodDurationS: 4.5,
  };

  it('fetches the index range and lists byte-range segments on the presentation timeline', async () => {
    const requests: [string, ByteRange][] = [];
    const result = await resolveIndexedSegments(source, async (url, range) => {
      requests.push([url, range]);
      return sidx;
    });
    expect(requests).toEqual([[FILE_URL, source.indexRange]]);
    const anchor = 800 + sidx.length;
    expect(result.init).toEqual(source.init);
    // start = period start + sidx time / sidx timescale − PTO / SegmentBase timescale
    expect(result.segments).toEqual([
      { url: FILE_URL, range: { start: anchor, end: anchor + 999 }, index: 0, startS: 10, durationS: 2, timestampOffsetS: 9.9 },
      { url: FILE_URL, range: { start: anchor + 1000, end: anchor + 2999 }, index: 1, startS: 12, durationS: 2, timestampOffsetS: 9.9 },
      // Trimmed to the period end (10 + 4.5).
      { url: FILE_URL, range: { start: anchor + 3000, end: anchor + 3499 }, index: 2, startS: 14, durationS: 0.5, timestampOffsetS: 9.9 },
    ]);
  });

  it('reports a truncated index as SEGMENT_INDEX_INVALID with the file URL', async () => {
    const error = await catchErrorAsync(() => resolveIndexedSegments(source, async () => sidx.subarray(0, 30)));
    expect(error.code).toBe('SEGMENT_INDEX_INVALID');
    expect(error.url).toBe(FILE_URL);
  });

  it('wraps a failing fetch as SEGMENT_LOAD_FAILED', async () => {
    const error = await catchErrorAsync(() =>
      resolveIndexedSegments(source, async () => {
        throw new TypeError('network down');
      }),
    );
    expect(error.code).toBe('SEGMENT_LOAD_FAILED');
    expect(error.message).toContain('network down');
  });

  it('segmentsOf and resolveSegmentSource treat listed and indexed alike', async () => {
    const listedRep: Representation = {
      id: 'l',
      bandwidth: 1,
      mimeType: 'video/mp4',
      codecs: '',
      segments: { kind: 'listed', segments: [] },
    };
    const indexedRep: Representation = { ...listedRep, id: 'i', segments: source };
    expect(segmentsOf(listedRep)).toEqual([]);
    expect(segmentsOf(indexedRep)).toBeUndefined();
    const fetchRange = async () => sidx;
    expect(await resolveSegmentSource(listedRep.segments, fetchRange)).toBe(listedRep.segments);
    expect((await resolveSegmentSource(source, fetchRange)).segments).toHaveLength(3);
  });
});
