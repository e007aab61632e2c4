import { describe, expect, it } from 'vitest';
import { parseDemoLabArgs } from './demo-lab-args.js';

describe('demo:lab arguments', () => {
  it('defaults to the issue link: 20 Mbit/s, 40 ms, 1 BDP, 1 cubic competitor, 1 ms jitter, port 8443', () => {
    expect(parseDemoLabArgs([])).toMatchObject({ rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1, port: 8443, build: true });
  });

  it('reads the link and rejects nonsense', () => {
    expect(parseDemoLabArgs(['--rate', '5', '--rtt', '80', '--competitors', '2', '--port', '9443', '--no-build'])).toMatchObject({
      rateMbps: 5, rttMs: 80, competitors: 2, port: 9443, build: false,
    });
    expect(() => parseDemoLabArgs(['--cc', 'vegas'])).toThrow(/--cc/);
    expect(() => parseDemoLabArgs(['--rate', 'fast'])).toThrow(/--rate/);
    expect(() => parseDemoLabArgs(['--port', '65534'])).toThrow(/--port/);
  });

  it('passes --client-pingpong on, unset by default', () => {
    expect(parseDemoLabArgs([]).clientPingpongThresh).toBeUndefined();
    expect(parseDemoLabArgs(['--client-pingpong', '255']).clientPingpongThresh).toBe(255);
  });
});
