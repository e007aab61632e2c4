/**
 * A long presentation from a short one for the soak: the MPD's one Period
 * repeated back to back (ids and starts renumbered), so playback runs for
 * many minutes on a continuous timeline through real Period boundaries,
 * without seeking back (which would leave stale ranges in the buffer).
 * Each copy's segment URLs get a `?loop=<i>` query (the origin ignores it), so a
 * URL still names one segment of the presentation for the page's measurement. Pure.
 */

function secondsOf(isoDuration: string): number {
  const match = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(isoDuration);
  if (!match) throw new Error(`cannot read duration "${isoDuration}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** `copies` periods of the MPD's single Period; relative segment URLs keep working next to the original. */
export function loopedManifest(mpd: string, copies: number): { text: string; durationS: number } {
  if (!Number.isInteger(copies) || copies < 1) throw new Error('copies must be a positive integer');
  const periods = mpd.match(/<Period\b[\s\S]*?<\/Period>/g) ?? [];
  if (periods.length !== 1) throw new Error(`expected one Period, found ${periods.length}`);
  const total = /mediaPresentationDuration="([^"]+)"/.exec(mpd);
  if (!total?.[1]) throw new Error('the MPD has no mediaPresentationDuration');
  const periodS = secondsOf(total[1]);
  const period = periods[0]!;
  const copiesText = Array.from({ length: copies }, (_, i) =>
    period
      .replace(/<Period\b[^>]*>/, `<Period id="loop-${i}" start="PT${(i * periodS).toFixed(3)}S" duration="PT${periodS.toFixed(3)}S">`)
      .replace(/\b(media|initialization)="([^"]*)"/g, (_match, name: string, value: string) => `${name}="${value}${value.includes('?') ? '&amp;' : '?'}loop=${i}"`),
  ).join('\n\t');
  const durationS = periodS * copies;
  const text = mpd
    .replace(period, copiesText)
    .replace(/mediaPresentationDuration="[^"]+"/, `mediaPresentationDuration="PT${durationS.toFixed(3)}S"`);
  return { text, durationS };
}
