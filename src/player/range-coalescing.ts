/**
 * Coalescing consecutive byte ranges of one file (SegmentBase/SegmentList
 * addressing) into one range request, and splitting the response back into
 * segments as the bytes arrive, so each segment can be appended as soon as it
 * is complete. Pure.
 */
import type { ByteRange, SegmentRef } from '../manifest/types.js';

/** One request covering `refs` when they are back-to-back ranges of one URL; undefined otherwise. */
export function coalescedRef(refs: readonly SegmentRef[]): { url: string; range: ByteRange } | undefined {
  const first = refs[0];
  if (!first?.range) return undefined;
  let end = first.range.end;
  for (const ref of refs.slice(1)) {
    if (ref.url !== first.url || !ref.range || ref.range.start !== end + 1) return undefined;
    end = ref.range.end;
  }
  return { url: first.url, range: { start: first.range.start, end } };
}

/** Cuts a byte stream into pieces of the given sizes, emitting each piece once it is whole. */
export class StreamSplitter {
  private index = 0;
  private parts: Uint8Array[] = [];
  private held = 0;
  private total = 0;

  constructor(private readonly sizes: readonly number[]) {}

  /** Bytes received so far. */
  get received(): number {
    return this.total;
  }

  /** Feeds a chunk; returns the pieces it completed, in order. */
  push(chunk: Uint8Array): { index: number; data: Uint8Array<ArrayBuffer> }[] {
    const done: { index: number; data: Uint8Array<ArrayBuffer> }[] = [];
    this.total += chunk.byteLength;
    let rest = chunk;
    while (rest.byteLength > 0 && this.index < this.sizes.length) {
      const need = this.sizes[this.index]! - this.held;
      const take = rest.subarray(0, need);
      this.parts.push(take);
      this.held += take.byteLength;
      rest = rest.subarray(take.byteLength);
      if (this.held === this.sizes[this.index]) {
        done.push({ index: this.index, data: join(this.parts, this.held) });
        this.index += 1;
        this.parts = [];
        this.held = 0;
      }
    }
    return done;
  }
}

function join(parts: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
