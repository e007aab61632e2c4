/**
 * A SourceBuffer stand-in for unit tests: each appended chunk declares the
 * time range it covers; operations complete asynchronously like MSE's.
 * Lives beside the sink it tests; not exported from the library.
 */
import type { SourceBufferLike } from './buffer-sink.js';

export class FakeTimeRanges implements TimeRanges {
  constructor(private readonly ranges: [number, number][]) {}
  get length(): number {
    return this.ranges.length;
  }
  start(i: number): number {
    return this.ranges[i]![0];
  }
  end(i: number): number {
    return this.ranges[i]![1];
  }
}

export class FakeSourceBuffer extends EventTarget implements SourceBufferLike {
  updating = false;
  timestampOffset = 0;
  readonly log: string[] = [];
  /** Appends fail with QuotaExceededError while held bytes + new bytes exceed this. */
  quotaBytes = Infinity;
  private spans: { start: number; end: number; bytes: number }[] = [];

  /** Chunks are Uint8Arrays whose first two bytes give [start, end) seconds. */
  appendBuffer(data: BufferSource): void {
    const bytes = new Uint8Array(data as ArrayBuffer);
    if (this.updating) throw new DOMException('updating', 'InvalidStateError');
    const held = this.spans.reduce((sum, s) => sum + s.bytes, 0);
    if (held + bytes.byteLength > this.quotaBytes) throw new DOMException('full', 'QuotaExceededError');
    this.begin(`append ${bytes[0]}-${bytes[1]} @${this.timestampOffset}`, () => {
      this.spans.push({ start: bytes[0]! + this.timestampOffset, end: bytes[1]! + this.timestampOffset, bytes: bytes.byteLength });
    });
  }

  remove(start: number, end: number): void {
    if (this.updating) throw new DOMException('updating', 'InvalidStateError');
    this.begin(`remove ${start}-${end}`, () => {
      this.spans = this.spans.filter((s) => s.end <= start || s.start >= end);
    });
  }

  changeType(type: string): void {
    this.log.push(`changeType ${type}`);
  }

  get buffered(): TimeRanges {
    const sorted = [...this.spans].sort((a, b) => a.start - b.start);
    const merged: [number, number][] = [];
    for (const s of sorted) {
      const last = merged[merged.length - 1];
      if (last && s.start <= last[1]) last[1] = Math.max(last[1], s.end);
      else merged.push([s.start, s.end]);
    }
    return new FakeTimeRanges(merged);
  }

  private begin(entry: string, effect: () => void): void {
    this.updating = true;
    this.log.push(entry);
    setTimeout(() => {
      effect();
      this.updating = false;
      this.dispatchEvent(new Event('updateend'));
    }, 1);
  }
}

/** A chunk that FakeSourceBuffer reads as covering [start, end) seconds. */
export function chunk(start: number, end: number, size = 10): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  data[0] = start;
  data[1] = end;
  return data;
}
