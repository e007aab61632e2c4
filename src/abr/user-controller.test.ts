/**
 * A controller written by a user, outside src/, plugs in through the same
 * doors the player uses: PlayerConfig.abr (object or factory) resolved by
 * resolveAbr, or a name registered beside the built-ins.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, mergeConfig } from '../player/config.js';
import { constantBitrateMedia, SPRINT_LADDER_BPS } from '../sim/media.js';
import { simulate } from '../sim/simulate.js';
import { SYNTHETIC_TRACES } from '../sim/traces.js';
import { resolveAbr } from './registry.js';
import type { AbrContext, AbrController, AbrDecision } from './types.js';

/** "Cautious": the lowest rung until 8 s are buffered, then the highest rung under 70 % of the throughput estimate. */
class CautiousController implements AbrController {
  readonly name = 'cautious';
  readonly seen: AbrContext[] = [];

  choose(context: AbrContext): AbrDecision {
    this.seen.push(context);
    if (context.bufferLevelS < 8 || context.throughputBps === undefined) return { level: 0, reason: `buffer ${context.bufferLevelS.toFixed(1)} s < 8 s` };
    const budget = context.throughputBps * 0.7;
    const fitting = context.ladder.filter((rung) => rung.bandwidth <= budget);
    return { level: fitting.at(-1)?.level ?? 0, reason: `70 % of ${(context.throughputBps / 1e6).toFixed(2)} Mbit/s` };
  }

  reset(): void {
    this.seen.length = 0;
  }
}

const media = constantBitrateMedia(SPRINT_LADDER_BPS, 2, 120);

describe('a user-written controller', () => {
  it('is accepted by the player config and resolved as is', () => {
    const mine = new CautiousController();
    const config = mergeConfig(DEFAULT_CONFIG, { abr: mine });
    expect(resolveAbr(config.abr)).toBe(mine);
    const factory = () => new CautiousController();
    expect(resolveAbr(mergeConfig(DEFAULT_CONFIG, { abr: factory }).abr).name).toBe('cautious');
    expect(resolveAbr('cautious', { cautious: factory })).toBeInstanceOf(CautiousController);
  });

  it('runs in the simulator with the context the player builds, and decides the session', () => {
    const mine = new CautiousController();
    const result = simulate({ trace: SYNTHETIC_TRACES.flat10, media, abr: mergeConfig(DEFAULT_CONFIG, { abr: mine }).abr });
    expect(result.abr).toBe('cautious');
    expect(mine.seen).toHaveLength(media.segmentCount);
    expect(mine.seen.map((c) => c.segmentIndex)).toEqual(Array.from({ length: media.segmentCount }, (_, i) => i));
    expect(mine.seen.every((c) => c.ladder.length === 5 && c.segmentDurationS === 2 && c.bufferTargetS === DEFAULT_CONFIG.bufferTargetS)).toBe(true);
    expect(mine.seen[0]!.phase).toBe('startup');
    expect(mine.seen.at(-1)!.throughputSamples.length).toBeGreaterThan(0);
    expect(mine.seen.at(-1)!.rttMs).toBeCloseTo(40, 6);
    // Its rule shows in the records: lowest rung on a short buffer, 70 % of 10 Mbit/s → the top rung after.
    for (const s of result.segments) expect(s.level).toBe(s.bufferAtRequestS < 8 ? 0 : 4);
    expect(result.segments.at(-1)!.reason).toMatch(/70 %/);
    expect(result.stalls).toHaveLength(0);
  });

  it('is reset at the start of a session and clamped to the ladder like in the player', () => {
    const wild: AbrController = { name: 'wild', choose: (c) => ({ level: c.segmentIndex % 2 === 0 ? 99 : -3.7 }) };
    const result = simulate({ trace: SYNTHETIC_TRACES.flat10, media, abr: wild });
    expect(result.segments.slice(0, 4).map((s) => s.level)).toEqual([4, 0, 4, 0]);
    const mine = new CautiousController();
    simulate({ trace: SYNTHETIC_TRACES.flat10, media, abr: mine });
    simulate({ trace: SYNTHETIC_TRACES.flat3, media, abr: mine });
    expect(mine.seen).toHaveLength(media.segmentCount);
  });
});
