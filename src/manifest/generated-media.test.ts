/**
 * The parser against the MPDs scripts/media.ts generates with ffmpeg (40 s,
 * 2 s segments, 5 video rungs + AAC): $Number$ templates, $Time$ timelines, and
 * single files with a real sidx read from disk. Missing media is a failure, not a skip.
 */
import { existsSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIO_TAIL_TRIM_SECONDS } from '../../scripts/dash-media/recipe.js';
import { parseMpd } from './parse-mpd.js';
import { resolveIndexedSegments } from './segment-index.js';
import type { ByteRange, Manifest, MediaSegment, Representation } from './types.js';
import { listed, totalDuration } from './test-helpers.js';

const MEDIA_ROOT = fileURLToPath(new URL('../../media/', import.meta.url));
/** The media folder as the dev server would serve it; mapped back to files below. */
const ORIGIN = 'http://localhost:8080/media/';
const EXPECTED_SEGMENTS = 20;

async function loadManifest(variant: 'number' | 'timeline' | 'single'): Promise<Manifest> {
  const file = path.join(MEDIA_ROOT, variant, 'manifest.mpd');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run media\` to generate the test media (npm test generates it first)`);
  }
  return parseMpd(await readFile(file, 'utf8'), `${ORIGIN}${variant}/manifest.mpd`);
}

function fileOf(url: string): string {
  expect(url.startsWith(ORIGIN), url).toBe(true);
  return path.join(MEDIA_ROOT, decodeURIComponent(url.slice(ORIGIN.length)));
}

async function readRange(url: string, range: ByteRange): Promise<Uint8Array> {
  const handle = await open(fileOf(url), 'r');
  try {
    const bytes = new Uint8Array(range.end - range.start + 1);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, range.start);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function representations(manifest: Manifest): { video: readonly Representation[]; audio: readonly Representation[] } {
  expect(manifest.periods).toHaveLength(1);
  const sets = manifest.periods[0]!.adaptationSets;
  const of = (type: string) => sets.filter((s) => s.contentType === type).flatMap((s) => s.representations);
  return { video: of('video'), audio: of('audio') };
}

/**
 * The generator ends the audio AUDIO_TAIL_TRIM_SECONDS early on purpose (so ffmpeg's
 * muxer cuts exactly 20 audio segments); where segment times come from the media
 * (timeline, sidx) the audio is that much shorter than the MPD duration.
 */
function allowedShortfallS(rep: Representation): number {
  return rep.mimeType.startsWith('audio/') ? AUDIO_TAIL_TRIM_SECONDS : 0;
}

function expectWellFormedTimeline(segments: readonly MediaSegment[], durationS: number, shortfallS: number): void {
  expect(Math.abs(segments.length - EXPECTED_SEGMENTS)).toBeLessThanOrEqual(1);
  const total = totalDuration(segments);
  expect(total).toBeLessThan(durationS + 0.1);
  expect(total).toBeGreaterThan(durationS - shortfallS - 0.1);
  expect(segments[0]!.startS).toBeCloseTo(0, 3);
  segments.forEach((segment, i) => {
    expect(segment.index).toBe(i);
    const next = segments[i + 1];
    if (next) expect(next.startS).toBeCloseTo(segment.startS + segment.durationS, 6);
  });
}

describe.each(['number', 'timeline'] as const)('generated media: %s', (variant) => {
  it('has 5 video rungs and 1 audio, ~20 segments each, spanning the MPD duration, all on disk', async () => {
    const manifest = await loadManifest(variant);
    expect(manifest.durationS).toBeCloseTo(40, 1);
    const { video, audio } = representations(manifest);
    expect(video).toHaveLength(5);
    expect(audio).toHaveLength(1);
    expect(video.map((r) => r.bandwidth)).toEqual([...video.map((r) => r.bandwidth)].sort((a, b) => a - b));
    expect(audio[0]!.codecs).toMatch(/^mp4a\.40\./);
    for (const rep of [...video, ...audio]) {
      const source = listed(rep);
      expectWellFormedTimeline(source.segments, manifest.durationS, allowedShortfallS(rep));
      expect(source.init, `init of ${rep.id}`).toBeDefined();
      for (const ref of [source.init!, ...source.segments]) {
        expect(existsSync(fileOf(ref.url)), `${ref.url} exists on disk`).toBe(true);
      }
    }
  });
});

describe('generated media: single (SegmentBase + sidx)', () => {
  it('reads each real sidx from disk into ~20 byte-range segments that tile the file', async () => {
    const manifest = await loadManifest('single');
    const { video, audio } = representations(manifest);
    expect(video).toHaveLength(5);
    expect(audio).toHaveLength(1);
    for (const rep of [...video, ...audio]) {
      if (rep.segments.kind !== 'indexed') throw new Error(`${rep.id} should be indexed (SegmentBase)`);
      const file = fileOf(rep.segments.url);
      const resolved = await resolveIndexedSegments(rep.segments, readRange);
      expectWellFormedTimeline(resolved.segments, manifest.durationS, allowedShortfallS(rep));
      expect(resolved.init?.range?.start).toBe(0);

      // The first subsegment begins right after the sidx, and the last one ends the file.
      const ranges = resolved.segments.map((s) => s.range!);
      expect(ranges[0]!.start).toBe(rep.segments.indexRange.end + 1);
      ranges.forEach((range, i) => i > 0 && expect(range.start).toBe(ranges[i - 1]!.end + 1));
      expect(ranges.at(-1)!.end).toBe(statSync(file).size - 1);

      // And every range starts with a movie fragment, proving the anchor arithmetic.
      for (const segment of resolved.segments) {
        const header = await readRange(segment.url, { start: segment.range!.start, end: segment.range!.start + 7 });
        expect(['moof', 'styp']).toContain(String.fromCharCode(...header.subarray(4, 8)));
      }
    }
  });
});
