import { describe, expect, it } from 'vitest';
import { diagnosticDownload, MIN_STREAM_BYTES, NO_PINGPONG_THRESH, needsStreamObject, streamObjectBytes } from './diagnostic-paths.js';

describe('streamObjectBytes', () => {
  it('is twice what the link carries in the measurement', () => {
    expect(streamObjectBytes(20, 25)).toBe(125_000_000);
    expect(streamObjectBytes(100, 40)).toBe(1_000_000_000);
  });

  it('is at least MIN_STREAM_BYTES on slow links', () => {
    expect(streamObjectBytes(1, 25)).toBe(MIN_STREAM_BYTES);
  });

  it.each([[0, 25], [20, 0], [Number.NaN, 25]])('refuses %s Mbit/s for %s s', (rate, duration) => {
    expect(() => streamObjectBytes(rate, duration)).toThrow();
  });
});

describe('diagnosticDownload', () => {
  it('h2-serial fetches the 1 MB objects one at a time and is cut only between requests', () => {
    expect(diagnosticDownload('h2-serial', undefined)).toEqual({ inFlight: 1, cutAtDuration: false });
  });

  it('the streaming paths fetch the stream object once, cut at the duration', () => {
    for (const path of ['h2-stream', 'http1-stream'] as const) {
      expect(diagnosticDownload(path, 'objects/stream.bin')).toEqual({ inFlight: 1, objectPaths: ['objects/stream.bin'], cutAtDuration: true });
      expect(() => diagnosticDownload(path, undefined)).toThrow(/stream object/);
    }
  });

  it('h2-pipelined-no-pingpong is (b) itself, in flight as the probe says, with the client threshold at 255', () => {
    expect(diagnosticDownload('h2-pipelined-no-pingpong', undefined)).toEqual({ clientPingpongThresh: NO_PINGPONG_THRESH, cutAtDuration: false });
    expect(NO_PINGPONG_THRESH).toBe(255);
    expect(needsStreamObject(['h2-pipelined-no-pingpong'])).toBe(false);
  });

  it('asks for the stream object only for the streaming paths', () => {
    expect(needsStreamObject(['h2-serial'])).toBe(false);
    expect(needsStreamObject([])).toBe(false);
    expect(needsStreamObject(['h2-serial', 'http1-stream'])).toBe(true);
  });
});
