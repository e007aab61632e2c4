import { describe, expect, it } from 'vitest';
import { LinkDriver } from './link-driver.js';

describe('LinkDriver', () => {
  it('starts and ends each event on the run clock and records when it happened', async () => {
    const calls: string[] = [];
    const lab = { setOutage: async (on: boolean) => void calls.push(`outage ${on}`), setRate: async (mbps: number) => void calls.push(`rate ${mbps}`) };
    const driver = new LinkDriver(lab, [{ atS: 5, kind: 'outage', durationS: 3 }, { atS: 10, kind: 'rate', durationS: 4, rateMbps: 2 }], 20, () => undefined);
    for (let t = 0; t <= 20; t += 1.01) await driver.tick(t);
    expect(calls).toEqual(['outage true', 'outage false', 'rate 2', 'rate 20']);
    expect(driver.done.map((e) => [e.kind, Math.round(e.atS), Math.round(e.durationS)])).toEqual([['outage', 5, 3], ['rate', 10, 4]]);
  });

  it('restores the link when the run ends mid-event', async () => {
    const calls: string[] = [];
    const lab = { setOutage: async (on: boolean) => void calls.push(`outage ${on}`), setRate: async () => undefined };
    const driver = new LinkDriver(lab, [{ atS: 1, kind: 'outage', durationS: 30 }], 20, () => undefined);
    await driver.tick(2);
    await driver.restore(5);
    expect(calls).toEqual(['outage true', 'outage false']);
  });
});
