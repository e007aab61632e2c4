import { describe, expect, it } from 'vitest';
import { BufferSink, bufferedAhead } from './buffer-sink.js';
import { FakeSourceBuffer, FakeTimeRanges, chunk } from './fake-source-buffer.js';
import { SprintError } from '../errors.js';

function sinkWith(buffer: FakeSourceBuffer, playhead = 0) {
  return new BufferSink(buffer, { playhead: () => playhead, backBufferS: 10 }, 'video/mp4; codecs="avc1.64001f"');
}

describe('BufferSink', () => {
  it('runs operations one at a time in the order they were asked for', async () => {
    const buffer = new FakeSourceBuffer();
    const sink = sinkWith(buffer);
    await Promise.all([
      sink.append(chunk(0, 2)),
      sink.append(chunk(2, 4)),
      sink.remove(0, 1),
      sink.append(chunk(4, 6), { timestampOffsetS: 10 }),
    ]);
    expect(buffer.log).toEqual(['append 0-2 @0', 'append 2-4 @0', 'remove 0-1', 'append 4-6 @10']);
  });

  it('changes the SourceBuffer type only when the MIME type differs', async () => {
    const buffer = new FakeSourceBuffer();
    const sink = sinkWith(buffer);
    await sink.append(chunk(0, 2), { mimeType: 'video/mp4; codecs="avc1.64001f"' });
    await sink.append(chunk(2, 4), { mimeType: 'video/mp4; codecs="avc1.640028"' });
    expect(buffer.log.filter((l) => l.startsWith('changeType'))).toEqual(['changeType video/mp4; codecs="avc1.640028"']);
  });

  it('evicts behind the playhead and retries an append that exceeded the quota', async () => {
    const buffer = new FakeSourceBuffer();
    const sink = sinkWith(buffer, 8);
    for (let t = 0; t < 10; t += 2) await sink.append(chunk(t, t + 2, 100));
    buffer.quotaBytes = 500;
    await sink.append(chunk(10, 12, 100));
    expect(buffer.log).toContain('remove 0-6');
    const ranges = buffer.buffered;
    expect([ranges.start(0), ranges.end(0)]).toEqual([6, 12]);
  });

  it('fails with a typed, recoverable error when nothing can be evicted', async () => {
    const buffer = new FakeSourceBuffer();
    buffer.quotaBytes = 5;
    const sink = sinkWith(buffer, 0);
    const error = await sink.append(chunk(0, 2, 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SprintError);
    expect((error as SprintError).code).toBe('QUOTA_EXCEEDED');
    expect((error as SprintError).fatal).toBe(false);
  });

  it('keeps running later operations after one fails', async () => {
    const buffer = new FakeSourceBuffer();
    buffer.quotaBytes = 15;
    const sink = sinkWith(buffer);
    const first = sink.append(chunk(0, 2, 20));
    const second = sink.append(chunk(0, 2, 10));
    await expect(first).rejects.toBeInstanceOf(SprintError);
    await second;
    expect(buffer.buffered.length).toBe(1);
  });
});

describe('bufferedAhead', () => {
  it('measures contiguous media from the position, bridging tiny gaps', () => {
    const ranges = new FakeTimeRanges([
      [0, 4],
      [4.05, 8],
      [9, 12],
    ]);
    expect(bufferedAhead(ranges, 1)).toBeCloseTo(7);
    expect(bufferedAhead(ranges, 8.5)).toBe(0);
    expect(bufferedAhead(ranges, 9.5)).toBeCloseTo(2.5);
  });
});
