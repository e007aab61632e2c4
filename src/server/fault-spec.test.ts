import { describe, expect, it } from 'vitest';
import { DEFAULT_STALL_MS, FaultSpecError, formatFaultSpec, hasFaults, parseDurationMs, parseFaultSpec } from './fault-spec.js';

describe('parseFaultSpec', () => {
  it('reads every fault kind, the stall duration, the seed and a match', () => {
    const spec = parseFaultSpec('5xx=0.05,404=0.02,reset=0.02,truncate=0.02,stall=0.02:8s,seed=7,match=-00005.m4s');
    expect(spec).toEqual({
      probabilities: { '5xx': 0.05, '404': 0.02, reset: 0.02, truncate: 0.02, stall: 0.02 },
      stallMs: 8000,
      seed: 7,
      match: '-00005.m4s',
    });
  });

  it('defaults: no faults, seed 1, 8 s stalls, every media path', () => {
    const spec = parseFaultSpec('');
    expect(hasFaults(spec)).toBe(false);
    expect(spec.seed).toBe(1);
    expect(spec.stallMs).toBe(DEFAULT_STALL_MS);
    expect(spec.match).toBeUndefined();
    expect(parseFaultSpec('stall=0.5').stallMs).toBe(DEFAULT_STALL_MS);
  });

  it('expands the mixed preset, and later items override it', () => {
    const mixed = parseFaultSpec('mixed');
    expect(hasFaults(mixed)).toBe(true);
    for (const p of Object.values(mixed.probabilities)) expect(p).toBeGreaterThan(0);
    const tuned = parseFaultSpec('mixed,seed=9,404=0');
    expect(tuned.seed).toBe(9);
    expect(tuned.probabilities['404']).toBe(0);
    expect(tuned.probabilities.reset).toBe(mixed.probabilities.reset);
  });

  it('accepts stall durations in s and ms', () => {
    expect(parseDurationMs('8s')).toBe(8000);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('800ms')).toBe(800);
  });

  it.each([
    ['5xx=1.5', /probability/],
    ['5xx=-0.1', /probability/],
    ['5xx=', /probability/],
    ['5xx=abc', /probability/],
    ['5xx=0.6,404=0.6', /add up to 1.200/],
    ['teapot=0.1', /unknown fault "teapot"/],
    ['reset', /neither key=value nor a preset/],
    ['stall=0.1:8', /8s or 800ms/],
    ['stall=0.1:0s', /stall duration/],
    ['stall=0.1:1000s', /stall duration/],
    ['seed=-1', /seed/],
    ['seed=1e3', /seed/],
    ['match=../x', /match/],
    ['match=a/b', /match/],
    ['match=', /match/],
    [`5xx=0.1,${'seed=1,'.repeat(50)}`, /longer than 256/],
  ])('refuses %s', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(text)).toThrow(message);
  });

  it('formats a spec back to text that parses to the same spec', () => {
    for (const text of ['mixed', '5xx=0.05,stall=0.02:1500ms,seed=3,match=chunk-1-', '404=1']) {
      const spec = parseFaultSpec(text);
      expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
    }
  });
});
