import { describe, expect, it } from 'vitest';
import { dashjsAbrChoice } from './dashjs-abr.js';

describe('dashjsAbrChoice', () => {
  it('maps throughput and bola onto one active dash.js rule', () => {
    expect(dashjsAbrChoice('bola').rules).toEqual({ throughputRule: { active: false }, bolaRule: { active: true } });
    expect(dashjsAbrChoice('throughput').rules).toEqual({ throughputRule: { active: true }, bolaRule: { active: false } });
  });

  it('keeps the defaults for dynamic and says so for names dash.js lacks', () => {
    expect(dashjsAbrChoice('dynamic').rules).toBeUndefined();
    const mpc = dashjsAbrChoice('robustmpc');
    expect(mpc.rules).toBeUndefined();
    expect(mpc.applied).toContain('no dash.js rule for "robustmpc"');
  });
});
