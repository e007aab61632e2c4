import { describe, expect, it } from 'vitest';
import { parseCeilingCliArgs, parseDiagnostics } from './cli-args.js';

describe('parseCeilingCliArgs', () => {
  it('reads the reference cell', () => {
    const args = parseCeilingCliArgs(['--rate', '20', '--rtt', '40', '--queue', '1', '--competitors', '1', '--jitter', '1', '--repeat', '3']);
    expect(args.lab).toEqual({ rateMbps: 20, rttMs: 40, queueBdp: 1, jitterMs: 1, competitors: 1 });
    expect(parseCeilingCliArgs(['--client-pingpong', '255']).lab.clientPingpongThresh).toBe(255);
    expect(args).toMatchObject({ repeat: 3, durationS: 25, inFlight: 2, origins: ['node'], diagnostics: [] });
  });

  it('takes origins, in-flight and a JSON file', () => {
    const args = parseCeilingCliArgs(['--origins', 'node,nginx', '--in-flight', '4', '--json', 'out.json', '--duration', '20']);
    expect(args).toMatchObject({ origins: ['node', 'nginx'], inFlight: 4, json: 'out.json', durationS: 20 });
  });

  it('takes diagnostic paths', () => {
    expect(parseCeilingCliArgs(['--diagnostics', 'http1-stream,h2-serial']).diagnostics).toEqual(['http1-stream', 'h2-serial']);
    expect(parseCeilingCliArgs(['--diagnostics', 'all']).diagnostics).toEqual(['h2-serial', 'h2-stream', 'http1-stream', 'h2-pipelined-no-pingpong']);
  });

  it.each([
    [['--origins', 'apache']],
    [['--diagnostics', 'h2-serial,h3-stream']],
    [['--diagnostics', ',']],
    [['--in-flight', '0']],
    [['--repeat', '1.5']],
    [['--competitors', '0']],
    [['--rate', 'fast']],
    [['--bogus']],
  ])('refuses %j', (argv) => {
    expect(() => parseCeilingCliArgs(argv)).toThrow();
  });
});

describe('parseDiagnostics', () => {
  it('keeps the order given, each path once, and expands all', () => {
    expect(parseDiagnostics(' h2-stream , h2-serial,h2-stream')).toEqual(['h2-stream', 'h2-serial']);
    expect(parseDiagnostics('h2-stream,all')).toEqual(['h2-serial', 'h2-stream', 'http1-stream', 'h2-pipelined-no-pingpong']);
  });

  it('names the known paths when given an unknown one, even next to all', () => {
    expect(() => parseDiagnostics('all,h2-pipelined')).toThrow(
      '--diagnostics takes h2-serial, h2-stream, http1-stream, h2-pipelined-no-pingpong or all, got "h2-pipelined"',
    );
  });
});
