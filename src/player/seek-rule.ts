/**
 * What a seek does to one track's downloads: keep the pipeline (requests in flight,
 * segments waiting to be appended) when the media already on its way continues from
 * the new position, or restart from the segment the position needs. Pure.
 *
 * The case that matters most is the player's own small seeks: the gap jumper moves a
 * fresh playhead from 0 to where the media starts (e.g. 0.1 s) while the first audio
 * segment is downloaded but not yet appended. Restarting there would abort requests
 * that carry exactly the media the position needs and fetch them again, which at
 * 80 ms RTT and a 1 Mbit/s share costs a stall (docs/lab.md).
 */

/** A seek this close before a segment's start still counts as inside it, s. */
export const SEEK_TOLERANCE_S = 0.25;

export interface SeekView {
  /** The playhead after the seek, s. */
  readonly positionS: number;
  /** Media buffered contiguously from the position, s (0 when none). */
  readonly bufferedAheadS: number;
  /** The next segment the track will append (ready, in flight or next to request); undefined when all are appended. */
  readonly nextAppend: { readonly startS: number; readonly durationS: number } | undefined;
  /** Presentation end of the track, s. */
  readonly trackEndS: number;
}

/** True when the track's pipeline already continues from the position. */
export function seekKeepsPipeline(view: SeekView): boolean {
  const { positionS, bufferedAheadS, nextAppend, trackEndS } = view;
  const appendsFromS = nextAppend?.startS ?? trackEndS;
  if (bufferedAheadS > 0) {
    // Inside buffered media that reaches where appending continues.
    return positionS <= appendsFromS && positionS + bufferedAheadS >= Math.min(appendsFromS, trackEndS) - SEEK_TOLERANCE_S;
  }
  // Nothing buffered there yet: keep when the next segment to append is the one the position needs.
  if (!nextAppend) return false;
  return nextAppend.startS <= positionS + SEEK_TOLERANCE_S && positionS < nextAppend.startS + nextAppend.durationS;
}
