import { describe, expect, it } from 'vitest';
import { parseLabCliArgs } from '../runner/cli-args.js';
import { soakOptionsFrom } from './soak-command.js';

describe('soak command line', () => {
  it('reads --soak and --faults with the single-cell flags', () => {
    const args = parseLabCliArgs(['--soak', '600', '--faults', 'mixed', '--players', 'sprint', '--out', 'x', '--rate', '10']);
    expect(args.soak).toEqual({ durationS: 600, faults: 'mixed' });
    expect(soakOptionsFrom(args)).toMatchObject({ durationS: 600, faults: 'mixed', player: 'sprint', outDir: 'x', cell: { rateMbps: 10 } });
  });

  it('defaults to the mixed faults and refuses --faults without --soak', () => {
    expect(parseLabCliArgs(['--soak', '60']).soak).toEqual({ durationS: 60, faults: 'mixed' });
    expect(parseLabCliArgs([]).soak).toBeUndefined();
    expect(() => parseLabCliArgs(['--faults', 'mixed'])).toThrow(/--faults needs --soak/);
  });

  it('refuses what a soak cannot run: several players, a grid, a bad fault spec', () => {
    expect(() => soakOptionsFrom(parseLabCliArgs(['--soak', '60', '--players', 'sprint,dashjs']))).toThrow(/one player/);
    expect(() => soakOptionsFrom(parseLabCliArgs(['--soak', '60', '--grid', 'reference']))).toThrow(/one cell/);
    expect(() => soakOptionsFrom(parseLabCliArgs(['--soak', '60', '--faults', 'teapot=1']))).toThrow(/unknown fault/);
  });
});
