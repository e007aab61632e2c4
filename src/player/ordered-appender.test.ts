import { afterEach, describe, expect, it, vi } from 'vitest';
import { BufferSink } from '../media/buffer-sink.js';
import { FakeSourceBuffer, chunk } from '../media/fake-source-buffer.js';
import { SprintError } from '../errors.js';
import { OrderedAppender } from './ordered-appender.js';
import type { TrackSegment } from './media-track.js';

function segment(index: number): TrackSegment {
  return {
    level: 0,
    representationId: 'v0',
    periodIndex: 0,
    segment: { url: `https://o/${index}.m4s`, index, startS: index * 2, durationS: 2, timestampOffsetS: 0 },
    init: undefined,
    initKey: 'v0',
    mimeType: 'video/mp4; codecs="avc1.64001f"',
  };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

afterEach(() => {
  vi.useRealTimers();
});

describe('OrderedAppender', () => {
  it('appends in segment order whatever order segments arrive in', async () => {
    vi.useFakeTimers();
    const buffer = new FakeSourceBuffer();
    const sink = new BufferSink(buffer, { playhead: () => 0, backBufferS: 10 });
    const appender = new OrderedAppender(sink, { afterAppend: async () => undefined, onError: () => undefined, onProgress: () => undefined });
    appender.offer(1, { segment: segment(1), init: undefined, data: chunk(2, 4) });
    appender.offer(0, { segment: segment(0), init: undefined, data: chunk(0, 2) });
    await tick(20);
    expect(buffer.log.filter((l) => l.startsWith('append'))).toEqual(['append 0-2 @0', 'append 2-4 @0']);
    expect(appender.nextIndex).toBe(2);
  });

  it('retries an append refused for quota once the playhead has moved on, without a new offer', async () => {
    vi.useFakeTimers();
    const buffer = new FakeSourceBuffer();
    let playhead = 0;
    const sink = new BufferSink(buffer, { playhead: () => playhead, backBufferS: 10 });
    const errors: unknown[] = [];
    const appender = new OrderedAppender(sink, { afterAppend: async () => undefined, onError: (e) => errors.push(e), onProgress: () => undefined }, 500);
    for (let i = 0; i < 5; i++) appender.offer(i, { segment: segment(i), init: undefined, data: chunk(2 * i, 2 * i + 2, 100) });
    await tick(50);
    expect(appender.nextIndex).toBe(5);
    buffer.quotaBytes = 500;
    // Full, and the playhead at 0: nothing behind it can go.
    appender.offer(5, { segment: segment(5), init: undefined, data: chunk(10, 12, 100) });
    await tick(50);
    expect(appender.nextIndex).toBe(5);
    expect(errors).toHaveLength(1);
    expect((errors[0] as SprintError).code).toBe('QUOTA_EXCEEDED');
    expect((errors[0] as SprintError).fatal).toBe(false);
    playhead = 7;
    await tick(600);
    expect(appender.nextIndex).toBe(6);
    expect(buffer.log).toContain('remove 0-5');
  });

  it('drops a pending retry on reset', async () => {
    vi.useFakeTimers();
    const buffer = new FakeSourceBuffer();
    buffer.quotaBytes = 5;
    const sink = new BufferSink(buffer, { playhead: () => 0, backBufferS: 10 });
    const appender = new OrderedAppender(sink, { afterAppend: async () => undefined, onError: () => undefined, onProgress: () => undefined }, 100);
    appender.offer(0, { segment: segment(0), init: undefined, data: chunk(0, 2, 100) });
    await tick(20);
    appender.reset(3);
    buffer.quotaBytes = Infinity;
    await tick(500);
    expect(buffer.log.filter((l) => l.startsWith('append'))).toEqual([]);
  });
});
