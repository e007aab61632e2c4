/**
 * The link faults a soak plays through, on a fixed 300 s pattern so runs are
 * comparable: an outage of 10 s, a 10× rate step down for 40 s, an outage of
 * 15 s. Outages stay shorter than a healthy buffer (the player must ride them
 * out) and well apart from the rate step (whose buffer dip they would add to).
 * Pure.
 */

export interface LinkEvent {
  /** Seconds after the player was loaded. */
  readonly atS: number;
  readonly kind: 'outage' | 'rate';
  readonly durationS: number;
  /** `rate`: the reduced rate for `durationS`, after which the base rate returns. */
  readonly rateMbps?: number;
}

export const SCHEDULE_PERIOD_S = 300;
const PATTERN: readonly Omit<LinkEvent, 'rateMbps'>[] = [
  { atS: 90, kind: 'outage', durationS: 10 },
  { atS: 170, kind: 'rate', durationS: 40 },
  { atS: 260, kind: 'outage', durationS: 15 },
];
/** No fault starts so late that the player could not show it recovered before the end. */
const RECOVERY_MARGIN_S = 20;

export function soakLinkSchedule(durationS: number, baseRateMbps: number): LinkEvent[] {
  const events: LinkEvent[] = [];
  for (let block = 0; block * SCHEDULE_PERIOD_S < durationS; block++) {
    for (const event of PATTERN) {
      const atS = block * SCHEDULE_PERIOD_S + event.atS;
      if (atS + event.durationS + RECOVERY_MARGIN_S > durationS) continue;
      events.push(event.kind === 'rate' ? { ...event, atS, rateMbps: baseRateMbps / 10 } : { ...event, atS });
    }
  }
  return events;
}

/** Where the link is at `atS`: 0 during an outage. For charts. */
export function linkRateAt(events: readonly LinkEvent[], baseRateMbps: number, atS: number): number {
  for (const event of events) {
    if (atS < event.atS || atS >= event.atS + event.durationS) continue;
    return event.kind === 'outage' ? 0 : (event.rateMbps ?? baseRateMbps);
  }
  return baseRateMbps;
}
