import { describe, expect, it } from 'vitest';
import { LINEAR_QOE_WEIGHTS, mpcCandidates, mpcPlan, type MpcProblem } from './mpc-search.js';
import { RobustMpcRule } from './robust-mpc.js';
import { TEST_LADDER_BPS, ladderOf, makeContext, samples } from './test-helpers.js';

function problem(overrides: Partial<MpcProblem> = {}): MpcProblem {
  return {
    bitrates: TEST_LADDER_BPS,
    segmentBytes: (level) => (TEST_LADDER_BPS[level]! * 2) / 8,
    segmentDurationS: 2,
    horizon: 5,
    bufferS: 10,
    bufferCapS: 30,
    previousLevel: undefined,
    predictedBps: 3e6,
    rttS: 0,
    weights: LINEAR_QOE_WEIGHTS,
    maxSequences: 3125,
    ...overrides,
  };
}

describe('MPC look-ahead', () => {
  it('goes to the top with plenty of throughput and buffer, to the bottom with neither', () => {
    expect(mpcPlan(problem({ predictedBps: 20e6, bufferS: 20 })).level).toBe(4);
    expect(mpcPlan(problem({ predictedBps: 0.4e6, bufferS: 1 })).level).toBe(0);
  });

  it('scores a sequence with bitrate − 4.3 × rebuffer − |Δbitrate|', () => {
    // One segment of the top rung (1.018 MB) at 4 Mbit/s takes 2.036 s against a 1.9 s buffer:
    // 4.07 − 4.3 × 0.136 beats stepping down to 2.24 Mbit/s at a switch cost of 1.83.
    const plan = mpcPlan(problem({ horizon: 1, bufferS: 1.9, predictedBps: 4e6, previousLevel: 4 }));
    expect(plan.level).toBe(4);
    const rebuffer = (4072238 * 2) / 4e6 - 1.9;
    expect(plan.rebufferS).toBeCloseTo(rebuffer, 9);
    expect(plan.qoe).toBeCloseTo(4.072238 - 4.3 * rebuffer, 9);
    // With a 1 s buffer the stall costs more than the switch.
    const lower = mpcPlan(problem({ horizon: 1, bufferS: 1, predictedBps: 4e6, previousLevel: 4 }));
    expect(lower.level).toBe(3);
    expect(lower.qoe).toBeCloseTo(2.242364 - 4.3 * ((2242364 * 2) / 4e6 - 1) - (4.072238 - 2.242364), 9);
  });

  it('counts the RTT of every request', () => {
    const without = mpcPlan(problem({ horizon: 1, bufferS: 1.9, predictedBps: 4e6, previousLevel: 4 }));
    const withRtt = mpcPlan(problem({ horizon: 1, bufferS: 1.9, predictedBps: 4e6, previousLevel: 4, rttS: 0.2 }));
    expect(withRtt.rebufferS).toBeCloseTo(without.rebufferS + 0.2, 9);
  });

  it('plans with the real segment sizes when it has them', () => {
    const nominal = mpcPlan(problem({ predictedBps: 3e6, bufferS: 6 }));
    const heavy = mpcPlan(problem({ predictedBps: 3e6, bufferS: 6, segmentBytes: (level) => (TEST_LADDER_BPS[level]! * 2 * 2.5) / 8 }));
    expect(heavy.level).toBeLessThan(nominal.level);
  });

  it('enumerates every rung for 5 rungs and prunes larger ladders around the sustainable rung, keeping the lowest', () => {
    expect(mpcCandidates(problem())).toEqual([0, 1, 2, 3, 4]);
    const eight = [0.3e6, 0.5e6, 0.8e6, 1.2e6, 2e6, 3e6, 4.5e6, 6e6];
    // 8^5 sequences exceed the budget: keep 3125^(1/5) = 5 rungs, the four nearest 2 Mbit/s (sustainable) and the lowest.
    expect(mpcCandidates(problem({ bitrates: eight, predictedBps: 2.5e6 }))).toEqual([0, 2, 3, 4, 5]);
    const eightProblem = problem({ bitrates: eight, segmentBytes: (l) => (eight[l]! * 2) / 8, predictedBps: 2.5e6 });
    expect(mpcPlan({ ...eightProblem, bufferS: 20 }).level).toBe(5);
    expect(mpcPlan({ ...eightProblem, bufferS: 2 }).level).toBeLessThanOrEqual(4);
  });
});

describe('RobustMPC prediction', () => {
  const steadyFive = samples([5e6, 5e6, 5e6, 5e6, 5e6], 10_000);
  const afterMiss = [...steadyFive, { atMs: 11_000, bps: 1e6, bytes: 250_000 }];

  it('plans with the harmonic mean while its predictions hold', () => {
    const rule = new RobustMpcRule();
    rule.choose(makeContext({ throughputSamples: steadyFive }));
    rule.choose(makeContext({ throughputSamples: [...steadyFive, { atMs: 11_000, bps: 5e6, bytes: 1 }] }));
    expect(rule.discount).toBe(1);
  });

  it('becomes more conservative after a big miss: the discount is 1 + the relative error', () => {
    const rule = new RobustMpcRule();
    const context = makeContext({ bufferLevelS: 8, throughputSamples: afterMiss, previousLevel: 3 });
    rule.choose(makeContext({ bufferLevelS: 8, throughputSamples: steadyFive, previousLevel: 3 }));
    const missed = rule.choose(context);
    expect(rule.discount).toBeCloseTo(1 + (5e6 - 1e6) / 1e6, 9);
    expect(missed.reason).toMatch(/÷ 5\.00/);
    const naive = new RobustMpcRule().choose(context);
    expect(missed.level).toBeLessThan(naive.level);
  });

  it('regains confidence once five predictions in a row come true', () => {
    const rule = new RobustMpcRule();
    let history = [...steadyFive];
    rule.choose(makeContext({ throughputSamples: history }));
    history = [...history, { atMs: 11_000, bps: 1e6, bytes: 1 }];
    rule.choose(makeContext({ throughputSamples: history }));
    expect(rule.discount).toBeGreaterThan(4);
    for (let i = 0; i < 10; i++) {
      history = [...history, { atMs: 12_000 + i * 1000, bps: 1e6, bytes: 1 }];
      rule.choose(makeContext({ throughputSamples: history }));
    }
    expect(rule.discount).toBeCloseTo(1, 9);
    rule.reset();
    expect(rule.discount).toBe(1);
  });

  it('plans no further than the end of the content', () => {
    const rule = new RobustMpcRule();
    const decision = rule.choose(makeContext({ segmentIndex: 99, segmentCount: 100, throughputSamples: samples([3e6]) }));
    expect(decision.reason).toMatch(/plan \d$/);
  });

  it('works on any ladder size', () => {
    const ladder = ladderOf([0.2e6, 0.4e6, 0.8e6, 1.6e6, 3.2e6, 6.4e6, 12.8e6]);
    const choose = (bufferLevelS: number, bps: number) =>
      new RobustMpcRule().choose(makeContext({ ladder, bufferLevelS, throughputSamples: samples([bps, bps, bps]) })).level;
    // A 20 s buffer pays for five 12.8 Mbit/s segments at 8 Mbit/s.
    expect(choose(20, 8e6)).toBe(6);
    expect(choose(1, 1e6)).toBeLessThanOrEqual(2);
  });
});
