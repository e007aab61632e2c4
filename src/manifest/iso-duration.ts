/**
 * ISO 8601 durations as MPDs write them (xs:duration): PT1H2M3.5S, P1DT2H, PT0S.
 * Years and months have no fixed length; like other players we take 365 and 30 days,
 * which only matters for MPDs nobody writes in practice.
 */

const SECONDS_PER = {
  year: 365 * 86_400,
  month: 30 * 86_400,
  week: 7 * 86_400,
  day: 86_400,
  hour: 3_600,
  minute: 60,
  second: 1,
} as const;

const NUM = '(\\d+(?:\\.\\d*)?|\\.\\d+)';
const DURATION_PATTERN = new RegExp(
  `^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

/**
 * Seconds in an ISO 8601 duration, or undefined when the text is not one
 * (negative, empty "P"/"PT", garbage, or too large to be finite).
 */
export function parseIsoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const match = DURATION_PATTERN.exec(trimmed);
  if (!match) return undefined;
  // "P" and "PT" alone, or a dangling "T", name no component.
  if (trimmed === 'P' || trimmed.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = match;
  const parts: ReadonlyArray<readonly [string | undefined, number]> = [
    [y, SECONDS_PER.year],
    [mo, SECONDS_PER.month],
    [w, SECONDS_PER.week],
    [d, SECONDS_PER.day],
    [h, SECONDS_PER.hour],
    [mi, SECONDS_PER.minute],
    [s, SECONDS_PER.second],
  ];
  let total = 0;
  let components = 0;
  for (const [value, unit] of parts) {
    if (value === undefined) continue;
    total += Number(value) * unit;
    components += 1;
  }
  if (components === 0 || !Number.isFinite(total)) return undefined;
  return total;
}
