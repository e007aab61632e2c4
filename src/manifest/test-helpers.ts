/** Shared by the manifest unit tests: MPD wrappers and typed-error assertions. */
import { expect } from 'vitest';
import { isSprintError, type ErrorCode, type SprintError } from '../errors.js';
import type { ListedSegments, Manifest, MediaSegment, Representation } from './types.js';

export const MANIFEST_URL = 'https://cdn.example.com/vod/title/manifest.mpd';

/** A static MPD around `body` (Periods), with MPD attributes overridable. */
export function staticMpd(body: string, mpdAttributes = 'mediaPresentationDuration="PT10S"'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" minBufferTime="PT1.5S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" ${mpdAttributes}>
${body}
</MPD>`;
}

/** One Period with one video AdaptationSet; `segmentInfo` goes on the Representation. */
export function videoOnlyMpd(segmentInfo: string, mpdAttributes?: string): string {
  return staticMpd(
    `<Period id="p0">
  <AdaptationSet id="v" contentType="video" mimeType="video/mp4" codecs="avc1.64001f">
    <Representation id="v1" bandwidth="1000000" width="1280" height="720">
      ${segmentInfo}
    </Representation>
  </AdaptationSet>
</Period>`,
    mpdAttributes,
  );
}

export function catchError(run: () => unknown): SprintError {
  try {
    run();
  } catch (e) {
    if (isSprintError(e)) return e;
    throw new Error(`expected a SprintError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a SprintError, nothing was thrown');
}

export async function catchErrorAsync(run: () => Promise<unknown>): Promise<SprintError> {
  try {
    await run();
  } catch (e) {
    if (isSprintError(e)) return e;
    throw new Error(`expected a SprintError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a SprintError, nothing was thrown');
}

export function expectCode(run: () => unknown, code: ErrorCode, messagePart?: string | RegExp): SprintError {
  const error = catchError(run);
  expect(error.code, error.message).toBe(code);
  if (messagePart !== undefined) expect(error.message).toMatch(messagePart);
  return error;
}

export function listed(rep: Representation | undefined): ListedSegments {
  if (rep === undefined) throw new Error('no representation');
  if (rep.segments.kind !== 'listed') throw new Error(`representation ${rep.id} is not listed`);
  return rep.segments;
}

export function segmentsOfFirstRep(manifest: Manifest, periodIndex = 0, setIndex = 0): readonly MediaSegment[] {
  return listed(manifest.periods[periodIndex]?.adaptationSets[setIndex]?.representations[0]).segments;
}

export function totalDuration(segments: readonly MediaSegment[]): number {
  return segments.reduce((sum, s) => sum + s.durationS, 0);
}
