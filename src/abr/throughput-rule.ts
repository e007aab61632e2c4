/**
 * Throughput-based ABR: the highest rung whose bandwidth fits under the
 * harmonic mean of recent throughput samples times a safety factor.
 * The harmonic mean is robust to a single fast outlier (Jiang et al.,
 * FESTIVE, CoNEXT 2012); the 0.9 safety factor follows dash.js.
 */
import { harmonicMean } from '../estimate/throughput.js';
import type { AbrContext, AbrController, AbrDecision, LadderRung } from './types.js';

export interface ThroughputRuleOptions {
  readonly safetyFactor: number;
  /** How many recent samples the harmonic mean uses. */
  readonly window: number;
  /** Assumed throughput before any sample (Shaka's default estimate is 1 Mbit/s). */
  readonly defaultBps: number;
}

export const DEFAULT_THROUGHPUT_RULE: ThroughputRuleOptions = { safetyFactor: 0.9, window: 5, defaultBps: 1_000_000 };

export function highestLevelUnder(ladder: readonly LadderRung[], bps: number): number {
  let level = 0;
  for (const rung of ladder) if (rung.bandwidth <= bps) level = rung.level;
  return level;
}

export function predictThroughputBps(context: AbrContext, window: number): number | undefined {
  const recent = context.throughputSamples.slice(-window).map((s) => s.bps);
  return harmonicMean(recent) ?? context.throughputBps;
}

export class ThroughputRule implements AbrController {
  readonly name = 'throughput';
  private readonly options: ThroughputRuleOptions;

  constructor(options: Partial<ThroughputRuleOptions> = {}) {
    this.options = { ...DEFAULT_THROUGHPUT_RULE, ...options };
  }

  choose(context: AbrContext): AbrDecision {
    const predicted = predictThroughputBps(context, this.options.window);
    const bps = (predicted ?? this.options.defaultBps) * this.options.safetyFactor;
    const level = highestLevelUnder(context.ladder, bps);
    const source = predicted === undefined ? 'default estimate' : 'harmonic mean';
    return { level, reason: `${source} ${(bps / 1e6).toFixed(2)} Mbit/s after ×${this.options.safetyFactor}` };
  }
}
