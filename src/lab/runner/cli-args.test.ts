import { describe, expect, it } from 'vitest';
import { gridCells, parseLabCliArgs, parseSize } from './cli-args.js';

describe('lab CLI', () => {
  it('takes the single-cell flags', () => {
    const args = parseLabCliArgs(['--players', 'sprint,dashjs', '--abr', 'bola', '--rate', '5', '--rtt', '80', '--queue', '2', '--competitors', '3', '--cc', 'bbr', '--jitter', '0', '--duration', '30', '--out', 'x']);
    expect(args.players).toEqual(['sprint', 'dashjs']);
    expect(args.cells).toEqual([{ rateMbps: 5, rttMs: 80, queueBdp: 2, competitors: 3, cc: 'bbr', jitterMs: 0 }]);
    expect(args.durationS).toBe(30);
    expect(args.outDir).toBe('x');
    expect(args.probe).toBeUndefined();
  });

  it('has defaults: sprint, dynamic, 20/40/1/1 cubic, 90 s, dated output', () => {
    const args = parseLabCliArgs([], new Date('2026-01-02T03:04:05Z'));
    expect(args.players).toEqual(['sprint']);
    expect(args.abr).toBe('dynamic');
    expect(args.cells).toEqual([{ rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1 }]);
    expect(args.durationS).toBe(90);
    expect(args.outDir).toBe('lab-results/2026-01-02-03-04-05-single');
  });

  it('takes --max-buffer for our players, and no --duration past the end of the lab video', () => {
    expect(parseLabCliArgs(['--max-buffer', '30']).maxBufferS).toBe(30);
    expect(parseLabCliArgs([]).maxBufferS).toBeUndefined();
    expect(() => parseLabCliArgs(['--max-buffer', '0'])).toThrow(/--max-buffer/);
    expect(parseLabCliArgs(['--duration', '360']).durationS).toBe(360);
    expect(() => parseLabCliArgs(['--duration', '400'])).toThrow(/lab video is 360 s/);
  });

  it('captures only when asked', () => {
    expect(parseLabCliArgs([]).capture).toBe(false);
    expect(parseLabCliArgs(['--capture', '--grid', 'reference']).capture).toBe(true);
  });

  it('carries --client-http1 into every cell of a grid, and leaves it out otherwise', () => {
    expect(parseLabCliArgs(['--client-http1']).cells).toEqual([
      { rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1, clientHttp1: true },
    ]);
    expect(parseLabCliArgs(['--grid', 'reference', '--client-http1']).cells.every((c) => c.clientHttp1 === true)).toBe(true);
    expect(parseLabCliArgs([]).cells[0]).not.toHaveProperty('clientHttp1');
  });

  it('carries --client-pingpong into every cell of a grid', () => {
    expect(parseLabCliArgs(['--client-pingpong', '255']).cells).toEqual([
      { rateMbps: 20, rttMs: 40, queueBdp: 1, competitors: 1, cc: 'cubic', jitterMs: 1, clientPingpongThresh: 255 },
    ]);
    const reference = parseLabCliArgs(['--grid', 'reference', '--client-pingpong', '255']).cells;
    expect(reference.every((c) => c.clientPingpongThresh === 255)).toBe(true);
    expect(() => parseLabCliArgs(['--client-pingpong', '0'])).toThrow(/--client-pingpong/);
  });

  it('builds the grids', () => {
    expect(parseLabCliArgs(['--grid', 'smoke']).durationS).toBe(40);
    const reference = gridCells('reference', { rateMbps: 1, rttMs: 1, queueBdp: 1, competitors: 0, cc: 'cubic', jitterMs: 1 });
    expect(reference).toHaveLength(8);
    expect(reference.map((c) => `${c.rateMbps}/${c.rttMs}/${c.competitors}`)).toEqual([
      '5/20/1', '5/20/3', '5/80/1', '5/80/3', '20/20/1', '20/20/3', '20/80/1', '20/80/3',
    ]);
  });

  it('parses probe mode', () => {
    const args = parseLabCliArgs(['--probe-sizes', '250k,2m', '--probe-gap-s', '2,16', '--probe-count', '5']);
    expect(args.probe).toEqual({ sizes: [250_000, 2_000_000], periodsS: [2, 16], count: 5, modelTarget: undefined, modelPeriodS: 16 });
    expect(parseLabCliArgs(['--probe-sizes', '1m,4m']).probe?.periodsS).toEqual([2, 2]);
    expect(parseSize('16M')).toBe(16_000_000);
    expect(parseSize('1000')).toBe(1000);
    expect(() => parseSize('lots')).toThrow(/bad size/);
  });

  it('adds the model-sized probe, alone or beside given sizes', () => {
    expect(parseLabCliArgs(['--probe-model-target', '0.9']).probe).toEqual({ sizes: [], periodsS: [], count: 8, modelTarget: 0.9, modelPeriodS: 2 });
    const both = parseLabCliArgs(['--probe-sizes', '1m', '--probe-gap-s', '4', '--probe-model-target', '0.8', '--probe-count', '3']).probe;
    expect(both).toEqual({ sizes: [1_000_000], periodsS: [4], count: 3, modelTarget: 0.8, modelPeriodS: 4 });
    for (const bad of ['1', '0', 'most', '1.5']) {
      expect(() => parseLabCliArgs(['--probe-model-target', bad])).toThrow(/--probe-model-target: a fraction of fair share in \(0, 1\)/);
    }
  });

  it('rejects what the lab cannot run', () => {
    expect(() => parseLabCliArgs(['--players', 'vlc'])).toThrow(/unknown vlc/);
    expect(() => parseLabCliArgs(['--grid', 'huge'])).toThrow(/--grid/);
    expect(() => parseLabCliArgs(['--competitors', '9'])).toThrow(/competitors/);
    expect(() => parseLabCliArgs(['--probe-sizes', '1k,2k', '--probe-gap-s', '1,2,3'])).toThrow(/probe-gap-s/);
  });
});
