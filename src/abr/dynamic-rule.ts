/**
 * dash.js's default "dynamic" strategy (AbrController._updateDynamicAbrStrategy):
 * the throughput rule while the buffer is short, BOLA once it is long, with
 * hysteresis so the two do not alternate:
 *     switch to BOLA       when buffer ≥ switchOnS          (dash.js: bufferTimeDefault, 18 s)
 *     back to throughput   when buffer <  switchOnS × 0.5   (dash.js: 0.5 × bufferTimeDefault)
 * dash.js compares against its stable buffer level; Sprint has one buffer
 * target (30 s by default) that the buffer reaches only between requests, so
 * the on-threshold is 18 s capped at 60 % of the target to stay reachable.
 * Entering BOLA restarts it from its startup state: its first pick follows
 * throughput and seeds the placeholder, so the hand-over does not jump (as
 * when dash.js first activates BolaRule). dash.js's InsufficientBufferRule is
 * active in both modes; BOLA applies it itself, and it is applied here to
 * the throughput mode.
 */
import { BolaRule, DEFAULT_BOLA, type BolaOptions } from './bola-rule.js';
import { DEFAULT_INSUFFICIENT_BUFFER, insufficientBufferCap } from './insufficient-buffer.js';
import { DEFAULT_THROUGHPUT_RULE, ThroughputRule, predictThroughputBps, type ThroughputRuleOptions } from './throughput-rule.js';
import type { AbrContext, AbrController, AbrDecision } from './types.js';

export interface DynamicOptions {
  /** dash.js streaming.buffer.bufferTimeDefault. */
  readonly switchOnS: number;
  /** Cap of the on-threshold as a fraction of the buffer target. */
  readonly maxFractionOfTarget: number;
  /** Off-threshold as a fraction of the on-threshold (dash.js: 0.5). */
  readonly switchOffFraction: number;
  readonly throughput: Partial<ThroughputRuleOptions>;
  readonly bola: Partial<BolaOptions>;
}

export const DEFAULT_DYNAMIC: DynamicOptions = {
  switchOnS: 18,
  maxFractionOfTarget: 0.6,
  switchOffFraction: 0.5,
  throughput: {},
  bola: {},
};

export type DynamicMode = 'throughput' | 'bola';

/** The thresholds in seconds for a buffer target. */
export function dynamicThresholds(bufferTargetS: number, options: DynamicOptions = DEFAULT_DYNAMIC): { onS: number; offS: number } {
  const onS = Math.min(options.switchOnS, options.maxFractionOfTarget * bufferTargetS);
  return { onS, offS: onS * options.switchOffFraction };
}

/** The next mode, with hysteresis. */
export function nextDynamicMode(mode: DynamicMode, bufferS: number, bufferTargetS: number, options: DynamicOptions = DEFAULT_DYNAMIC): DynamicMode {
  const { onS, offS } = dynamicThresholds(bufferTargetS, options);
  return bufferS >= (mode === 'bola' ? offS : onS) ? 'bola' : 'throughput';
}

export class DynamicRule implements AbrController {
  readonly name = 'dynamic';
  private readonly options: DynamicOptions;
  private readonly throughputRule: ThroughputRule;
  private readonly bolaRule: BolaRule;
  private modeNow: DynamicMode = 'throughput';
  private decisions = 0;

  constructor(options: Partial<DynamicOptions> = {}) {
    this.options = { ...DEFAULT_DYNAMIC, ...options };
    this.throughputRule = new ThroughputRule(this.options.throughput);
    this.bolaRule = new BolaRule(this.options.bola);
  }

  get mode(): DynamicMode {
    return this.modeNow;
  }

  choose(context: AbrContext): AbrDecision {
    const bufferS = context.phase === 'recovering' ? 0 : context.bufferLevelS;
    const mode = nextDynamicMode(this.modeNow, bufferS, context.bufferTargetS, this.options);
    if (mode === 'bola' && this.modeNow !== 'bola') this.bolaRule.reset();
    this.modeNow = mode;
    this.decisions += 1;
    if (mode === 'bola') return this.bolaRule.choose(context);
    const decision = this.throughputRule.choose(context);
    if (this.decisions <= DEFAULT_INSUFFICIENT_BUFFER.ignoreFirstSegments) return decision;
    const window = this.options.throughput.window ?? DEFAULT_THROUGHPUT_RULE.window;
    const safety = this.options.bola.insufficientBufferSafety ?? DEFAULT_BOLA.insufficientBufferSafety;
    const cap = insufficientBufferCap(context, predictThroughputBps(context, window), safety);
    if (cap === undefined || cap >= decision.level) return decision;
    return { level: cap, reason: `${decision.reason ?? 'throughput'}; capped: buffer ${bufferS.toFixed(1)} s too low` };
  }

  reset(): void {
    this.modeNow = 'throughput';
    this.decisions = 0;
    this.bolaRule.reset();
  }
}
