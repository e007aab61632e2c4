import { describe, expect, it } from 'vitest';
import { linkRateAt, soakLinkSchedule } from './link-schedule.js';

describe('soakLinkSchedule', () => {
  it('puts four outages and two 10x rate steps into ten minutes', () => {
    const events = soakLinkSchedule(600, 20);
    expect(events.map((e) => [e.atS, e.kind, e.durationS, e.rateMbps])).toEqual([
      [90, 'outage', 10, undefined],
      [170, 'rate', 40, 2],
      [260, 'outage', 15, undefined],
      [390, 'outage', 10, undefined],
      [470, 'rate', 40, 2],
      [560, 'outage', 15, undefined],
    ]);
  });

  it('leaves out faults that would end too close to the end', () => {
    expect(soakLinkSchedule(120, 20).map((e) => e.atS)).toEqual([90]);
    expect(soakLinkSchedule(100, 20)).toEqual([]);
  });

  it('says the link rate at a moment: 0 in an outage, the step rate in a step', () => {
    const events = soakLinkSchedule(600, 20);
    expect(linkRateAt(events, 20, 95)).toBe(0);
    expect(linkRateAt(events, 20, 180)).toBe(2);
    expect(linkRateAt(events, 20, 210)).toBe(20);
  });
});
