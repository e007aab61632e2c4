import { describe, expect, it } from 'vitest';
import { StreamSplitter, coalescedRef } from './range-coalescing.js';

describe('coalescedRef', () => {
  it('joins back-to-back ranges of one file', () => {
    expect(
      coalescedRef([
        { url: 'a.mp4', range: { start: 100, end: 199 } },
        { url: 'a.mp4', range: { start: 200, end: 349 } },
      ]),
    ).toEqual({ url: 'a.mp4', range: { start: 100, end: 349 } });
  });
  it('refuses gaps, other files and unranged refs', () => {
    expect(coalescedRef([{ url: 'a', range: { start: 0, end: 9 } }, { url: 'a', range: { start: 11, end: 20 } }])).toBeUndefined();
    expect(coalescedRef([{ url: 'a', range: { start: 0, end: 9 } }, { url: 'b', range: { start: 10, end: 20 } }])).toBeUndefined();
    expect(coalescedRef([{ url: 'a' }])).toBeUndefined();
  });
});

describe('StreamSplitter', () => {
  it('emits each piece once whole, whatever the chunking', () => {
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i);
    for (const chunkSize of [1, 4, 7, 30]) {
      const splitter = new StreamSplitter([10, 5, 15]);
      const pieces: { index: number; data: number[] }[] = [];
      for (let o = 0; o < bytes.length; o += chunkSize) {
        for (const p of splitter.push(bytes.subarray(o, o + chunkSize))) pieces.push({ index: p.index, data: [...p.data] });
      }
      expect(pieces.map((p) => p.index)).toEqual([0, 1, 2]);
      expect(pieces[1]!.data).toEqual([10, 11, 12, 13, 14]);
      expect(pieces.flatMap((p) => p.data)).toEqual([...bytes]);
      expect(splitter.received).toBe(30);
    }
  });
  it('emits a piece as soon as its last byte arrives', () => {
    const splitter = new StreamSplitter([3, 3]);
    expect(splitter.push(new Uint8Array(2))).toEqual([]);
    expect(splitter.push(new Uint8Array(2)).map((p) => p.index)).toEqual([0]);
  });
});
