import { describe, expect, it } from 'vitest';
import { parseCli } from './main.js';

describe('origin CLI', () => {
  it('passes a --faults spec through, and refuses a bad one as a usage error', () => {
    expect(parseCli(['--faults', '5xx=0.05,stall=0.02:8s,seed=7']).faults).toBe('5xx=0.05,stall=0.02:8s,seed=7');
    expect(parseCli([]).faults).toBeUndefined();
    expect(() => parseCli(['--faults', '5xx=2'])).toThrow(/probability/);
  });
});
