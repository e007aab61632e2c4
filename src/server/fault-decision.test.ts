import { describe, expect, it } from 'vitest';
import { decideFault, faultKey, hashText, seededUniforms } from './fault-decision.js';
import { FAULT_KINDS, parseFaultSpec, type FaultKind } from './fault-spec.js';

const keys = (n: number) => Array.from({ length: n }, (_, i) => faultKey(`/media/lab/chunk-${i % 7}-${String(i).padStart(5, '0')}.m4s`, undefined));

describe('decideFault', () => {
  it('is deterministic: the same seed, key and occurrence give the same decision', () => {
    const spec = parseFaultSpec('5xx=0.2,404=0.2,reset=0.2,truncate=0.2,stall=0.2:2s,seed=7');
    for (const key of keys(200)) expect(decideFault(spec, key, 3)).toEqual(decideFault(spec, key, 3));
  });

  it('injects each kind at about its probability', () => {
    const spec = parseFaultSpec('5xx=0.05,404=0.02,reset=0.02,truncate=0.02,stall=0.02:8s,seed=7');
    const counts: Record<string, number> = {};
    const n = 40_000;
    for (const key of keys(n)) {
      const kind = decideFault(spec, key, 0)?.kind ?? 'none';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    for (const kind of FAULT_KINDS) {
      const p = spec.probabilities[kind];
      // 5 standard deviations of a binomial share.
      expect(Math.abs((counts[kind] ?? 0) / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('draws afresh for each repeat of a key, so a retried request is not doomed', () => {
    const spec = parseFaultSpec('5xx=0.5,seed=3');
    const all = keys(4000);
    const both = all.filter((key) => decideFault(spec, key, 0) && decideFault(spec, key, 1)).length / all.length;
    expect(both).toBeGreaterThan(0.2);
    expect(both).toBeLessThan(0.3);
  });

  it('gives a different fault pattern for a different seed', () => {
    const a = parseFaultSpec('reset=0.3,seed=1');
    const b = parseFaultSpec('reset=0.3,seed=2');
    const hit = (spec: typeof a) => keys(500).map((key) => decideFault(spec, key, 0) !== undefined);
    expect(hit(a)).not.toEqual(hit(b));
  });

  it('cuts bodies between 10% and 90% and sends a 5xx status from 500-504', () => {
    const spec = parseFaultSpec('5xx=0.5,truncate=0.5,seed=5');
    const seen = new Set<number>();
    for (const key of keys(2000)) {
      const decision = decideFault(spec, key, 0)!;
      expect(decision.cutFraction).toBeGreaterThanOrEqual(0.1);
      expect(decision.cutFraction).toBeLessThanOrEqual(0.9);
      if (decision.kind === '5xx') seen.add(decision.status);
    }
    expect([...seen].sort()).toEqual([500, 502, 503, 504]);
  });

  it('never injects with all probabilities at zero, always with them adding up to one', () => {
    const none = parseFaultSpec('seed=4');
    const all = parseFaultSpec('404=0.5,stall=0.5:1s');
    const kinds = new Set<FaultKind>();
    for (const key of keys(1000)) {
      expect(decideFault(none, key, 0)).toBeUndefined();
      kinds.add(decideFault(all, key, 0)!.kind);
    }
    expect([...kinds].sort()).toEqual(['404', 'stall']);
  });
});

describe('seeded helpers', () => {
  it('hashes text to 32 bits and draws uniforms in [0, 1)', () => {
    expect(hashText('a')).not.toBe(hashText('b'));
    expect(hashText('abc')).toBe(hashText('abc'));
    const next = seededUniforms(42);
    const values = Array.from({ length: 1000 }, next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b) / values.length).toBeCloseTo(0.5, 1);
  });
});
