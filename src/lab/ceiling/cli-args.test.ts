import { describe, expect, it } from 'vitest';
import { parseCeilingCliArgs } from './cli-args.js';

describe('parseCeilingCliArgs', () => {
  it('reads the reference cell', () => {
    const args = parseCeilingCliArgs(['--rate', '20', '--rtt', '40', '--queue', '1', '--competitors', '1', '--jitter', '1', '--repeat', '3']);
    expect(args.lab).toEqual({ rateMbps: 20, rttMs: 40, queueBdp: 1, jitterMs: 1, competitors: 1 });
    expect(args).toMatchObject({ repeat: 3, durationS: 25, inFlight: 2, origins: ['node'] });
  });

  it('takes origins, in-flight and a JSON file', () => {
    const args = parseCeilingCliArgs(['--origins', 'node,nginx', '--in-flight', '4', '--json', 'out.json', '--duration', '20']);
    expect(args).toMatchObject({ origins: ['node', 'nginx'], inFlight: 4, json: 'out.json', durationS: 20 });
  });

  it.each([
    [['--origins', 'apache']],
    [['--in-flight', '0']],
    [['--repeat', '1.5']],
    [['--competitors', '0']],
    [['--rate', 'fast']],
    [['--bogus']],
  ])('refuses %j', (argv) => {
    expect(() => parseCeilingCliArgs(argv)).toThrow();
  });
});
