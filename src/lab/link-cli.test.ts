import { describe, expect, it } from 'vitest';
import { cliNumber, linkFromCli } from './link-cli.js';

describe('linkFromCli', () => {
  it('maps the given flags and leaves the rest out', () => {
    expect(linkFromCli({ rate: '5', rtt: '80', cc: 'bbr' })).toEqual({ rateMbps: 5, rttMs: 80, congestionControl: 'bbr' });
    expect(linkFromCli({ queue: '0.5', competitors: '0', jitter: '2' })).toEqual({ queueBdp: 0.5, competitors: 0, jitterMs: 2 });
    expect(linkFromCli({})).toEqual({});
  });

  it.each([[{ rate: 'fast' }], [{ rtt: '-1' }], [{ queue: '' }], [{ cc: 'vegas' }]])('refuses %j with the flag named', (values) => {
    expect(() => linkFromCli(values)).toThrow(/--(rate|rtt|queue|cc)/);
  });

  it('--client-pingpong: an integer 1-255 into clientPingpongThresh', () => {
    expect(linkFromCli({ 'client-pingpong': '255' })).toEqual({ clientPingpongThresh: 255 });
    expect(linkFromCli({ 'client-pingpong': '1' })).toEqual({ clientPingpongThresh: 1 });
  });

  it.each(['0', '256', '2.5', 'off', '-1'])('refuses --client-pingpong %s', (raw) => {
    expect(() => linkFromCli({ 'client-pingpong': raw })).toThrow(/--client-pingpong/);
  });

  it('cliNumber: undefined when absent', () => {
    expect(cliNumber('rate', undefined)).toBeUndefined();
    expect(cliNumber('rate', '20')).toBe(20);
  });
});
