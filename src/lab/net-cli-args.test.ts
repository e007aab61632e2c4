import { describe, expect, it } from 'vitest';
import { parseLateFlow, parseNetCliArgs } from './net-cli-args.js';

describe('net-cli arguments', () => {
  it('parses the documented example', () => {
    const args = parseNetCliArgs(['--rate', '20', '--rtt', '40', '--queue', '1', '--competitors', '1', '--cc', 'cubic', '--jitter', '1']);
    expect(args.lab).toEqual({ rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, congestionControl: 'cubic', jitterMs: 1 });
    expect(args.durationS).toBe(10);
    expect(args.calibrate).toBe(true);
    expect(args.lateFlow).toBeUndefined();
  });

  it('parses the optional knobs', () => {
    const args = parseNetCliArgs([
      '--cc', 'bbr', '--backend', 'tun', '--slow-start-after-idle', '0', '--late-flow', '5:20',
      '--duration', '25', '--no-calibrate', '--up-delay', '5', '--down-delay', '35', '--jitter', '0', '--run-id', 'abc1',
    ]);
    expect(args.lab).toMatchObject({
      congestionControl: 'bbr', delayBackend: 'tun', slowStartAfterIdle: false, upDelayMs: 5, downDelayMs: 35, jitterMs: 0, runId: 'abc1',
    });
    expect(args.lateFlow).toEqual({ startAfterS: 5, durationS: 20 });
    expect(args.durationS).toBe(25);
    expect(args.calibrate).toBe(false);
  });

  it('rejects bad values with a message naming the flag', () => {
    expect(() => parseNetCliArgs(['--rate', 'fast'])).toThrow(/--rate/);
    expect(() => parseNetCliArgs(['--cc', 'vegas'])).toThrow(/--cc/);
    expect(() => parseNetCliArgs(['--backend', 'dummynet'])).toThrow(/--backend/);
    expect(() => parseNetCliArgs(['--slow-start-after-idle', '2'])).toThrow(/slow-start/);
    expect(() => parseNetCliArgs(['--bogus'])).toThrow();
    expect(() => parseLateFlow('5')).toThrow(/START:DURATION/);
  });
});
