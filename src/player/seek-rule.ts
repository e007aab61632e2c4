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

/**
 * True when the track's pipeline already continues from the position: the media
 * buffered from the position (none is fine) reaches where the next append starts, and
 * that append is not wholly behind the position.
 *
 * The next append may already show in `buffered`: the browser adds an append's frames
 * before its updateend, and the gap jumper's startup seek fires in exactly that window
 * (the intersection of the tracks' ranges appears when the last track's first frames do).
 */
export function seekKeepsPipeline(view: SeekView): boolean {
  const { positionS, bufferedAheadS, nextAppend, trackEndS } = view;
  const bufferedToS = positionS + Math.max(0, bufferedAheadS);
  if (!nextAppend) return bufferedToS >= trackEndS - SEEK_TOLERANCE_S;
  return nextAppend.startS <= bufferedToS + SEEK_TOLERANCE_S && positionS < nextAppend.startS + nextAppend.durationS;
}
