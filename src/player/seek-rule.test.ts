import { describe, expect, it } from 'vitest';
import { seekKeepsPipeline } from './seek-rule.js';

const segment = (startS: number, durationS = 2) => ({ startS, durationS });

describe('seek rule', () => {
  it('keeps the pipeline for the startup jump while the first segment still waits to be appended', () => {
    expect(seekKeepsPipeline({ positionS: 0.1, bufferedAheadS: 0, nextAppend: segment(0), trackEndS: 180 })).toBe(true);
    // A segment that starts a little after the position (audio priming) is still the one it needs.
    expect(seekKeepsPipeline({ positionS: 0, bufferedAheadS: 0, nextAppend: segment(0.02), trackEndS: 180 })).toBe(true);
  });

  it('restarts when nothing buffered covers the position and the next append is elsewhere', () => {
    expect(seekKeepsPipeline({ positionS: 30, bufferedAheadS: 0, nextAppend: segment(10), trackEndS: 180 })).toBe(false);
    expect(seekKeepsPipeline({ positionS: 5, bufferedAheadS: 0, nextAppend: segment(10), trackEndS: 180 })).toBe(false);
    expect(seekKeepsPipeline({ positionS: 5, bufferedAheadS: 0, nextAppend: undefined, trackEndS: 180 })).toBe(false);
  });

  it('keeps it inside buffered media that reaches the next append, and not otherwise', () => {
    expect(seekKeepsPipeline({ positionS: 4, bufferedAheadS: 6, nextAppend: segment(10), trackEndS: 180 })).toBe(true);
    // Buffered ahead ends before the next append: a hole would stay in the buffer.
    expect(seekKeepsPipeline({ positionS: 4, bufferedAheadS: 2, nextAppend: segment(10), trackEndS: 180 })).toBe(false);
    // Past where appending continues (buffered media left behind by an earlier seek).
    expect(seekKeepsPipeline({ positionS: 40, bufferedAheadS: 4, nextAppend: segment(10), trackEndS: 180 })).toBe(false);
    // Everything appended and buffered to the end.
    expect(seekKeepsPipeline({ positionS: 170, bufferedAheadS: 10, nextAppend: undefined, trackEndS: 180 })).toBe(true);
  });

  it('keeps it when the segment being appended already shows in the buffered ranges', () => {
    // Lab, 5 Mbit/s, 80 ms: audio segment 0 was in `buffered` (0 to 1.92 s) before its
    // updateend moved the appender on, and the startup jump to 0.1 s came in between.
    expect(seekKeepsPipeline({ positionS: 0.1, bufferedAheadS: 1.82, nextAppend: segment(0), trackEndS: 180 })).toBe(true);
    // Half of it shown so far.
    expect(seekKeepsPipeline({ positionS: 0.1, bufferedAheadS: 0.9, nextAppend: segment(0), trackEndS: 180 })).toBe(true);
    // But a position past the segment being appended, with a hole after the buffered media, restarts.
    expect(seekKeepsPipeline({ positionS: 3, bufferedAheadS: 0, nextAppend: segment(0), trackEndS: 180 })).toBe(false);
  });
});
