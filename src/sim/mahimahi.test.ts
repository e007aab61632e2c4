import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPRINT_LADDER_BPS, constantBitrateMedia } from './media.js';
import { parseMahimahi } from './mahimahi.js';
import { readMahimahiFile } from './mahimahi-file.js';
import { simulate } from './simulate.js';
import { capacityAt, capacityBitsBetween } from './traces.js';

// Five 1500-byte opportunities per 20 ms period: three in the first 10 ms, two in the next.
const TINY = `# a comment
1
5
5

12
20
`;

describe('Mahimahi traces', () => {
  it('turns delivery opportunities into capacity per bin, repeating with the last time as period', () => {
    const trace = parseMahimahi(TINY, { binMs: 10, name: 'tiny' });
    expect(trace.name).toBe('tiny');
    expect(trace.periodMs).toBe(20);
    expect(trace.steps).toEqual([
      { atMs: 0, bps: 3.6e6 },
      { atMs: 10, bps: 2.4e6 },
    ]);
    expect(capacityAt(trace, 25)).toBe(3.6e6);
    expect(capacityAt(trace, 35)).toBe(2.4e6);
    // Every period carries exactly its five packets.
    expect(capacityBitsBetween(trace, 0, 200)).toBeCloseTo(10 * 5 * 1500 * 8, 6);
  });

  it('merges equal bins', () => {
    const everyMs = Array.from({ length: 100 }, (_, i) => String(i + 1)).join('\n');
    const trace = parseMahimahi(everyMs);
    expect(trace.steps).toEqual([{ atMs: 0, bps: 12e6 }]);
    // Time 0 is the end of the previous cycle.
    expect(parseMahimahi('0\n10\n', { binMs: 10 }).steps).toEqual([{ atMs: 0, bps: 2.4e6 }]);
  });

  it('rejects malformed lines with their number', () => {
    expect(() => parseMahimahi('1\n2\nx\n')).toThrow(/line 3/);
    expect(() => parseMahimahi('1\n5\n3\n')).toThrow(/backwards/);
    expect(() => parseMahimahi('0\n0\n')).toThrow(/after 0 ms/);
  });

  it('drives the simulator: one packet per ms is a 12 Mbit/s link', () => {
    const trace = parseMahimahi(Array.from({ length: 1000 }, (_, i) => String(i + 1)).join('\n'));
    const result = simulate({ trace, rttMs: 0, media: constantBitrateMedia(SPRINT_LADDER_BPS, 2, 2), abr: { name: 'top', choose: () => ({ level: 4 }) } });
    const bytes = Math.round((4072238 * 2) / 8);
    expect(result.segments[0]!.endMs).toBeCloseTo((bytes * 8) / 12e3, 6);
  });

  it('reads a trace file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sprint-mahimahi-'));
    try {
      const path = join(dir, 'tiny.down');
      await writeFile(path, TINY);
      const trace = await readMahimahiFile(path, { binMs: 10 });
      expect(trace.name).toBe('tiny.down');
      expect(trace.steps).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
