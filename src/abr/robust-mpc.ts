/**
 * RobustMPC (Yin et al., SIGCOMM 2015, §4.3): MPC whose throughput prediction
 * is discounted by its own recent error,
 *     predicted = harmonic mean of the last 5 samples / (1 + max relative error of the last 5 predictions)
 * where a prediction's error is |predicted − measured| / measured for the
 * next sample that arrives. So after a big miss the controller plans with a
 * much lower throughput, and it regains confidence as predictions come true.
 * The look-ahead itself (5 segments, linear QoE, λ = 1, μ = 4.3) is in
 * mpc-search.ts. Before any sample the prediction is 1 Mbit/s.
 */
import { harmonicMean } from '../estimate/throughput.js';
import { LINEAR_QOE_WEIGHTS, mpcPlan, type MpcWeights } from './mpc-search.js';
import type { AbrContext, AbrController, AbrDecision } from './types.js';

export interface RobustMpcOptions {
  readonly horizon: number;
  /** Samples in the harmonic mean, and predictions whose error is remembered. */
  readonly window: number;
  readonly weights: MpcWeights;
  readonly defaultBps: number;
  /** Enumeration budget; ladders beyond it are pruned (see mpc-search.ts). */
  readonly maxSequences: number;
  /** False: plain MPC, the harmonic mean undiscounted (the paper's baseline). */
  readonly robust: boolean;
}

export const DEFAULT_ROBUST_MPC: RobustMpcOptions = {
  horizon: 5,
  window: 5,
  weights: LINEAR_QOE_WEIGHTS,
  defaultBps: 1_000_000,
  maxSequences: 3125,
  robust: true,
};

export interface PredictionHistory {
  /** Last undiscounted prediction and the newest sample it was made after. */
  readonly last: { readonly bps: number; readonly afterSampleMs: number } | undefined;
  /** Relative errors, oldest first, at most `window`. */
  readonly errors: readonly number[];
}

export const EMPTY_PREDICTION_HISTORY: PredictionHistory = { last: undefined, errors: [] };

/** Scores the last prediction against the samples that arrived since it was made. */
export function recordPredictionErrors(history: PredictionHistory, context: AbrContext, window: number): PredictionHistory {
  const last = history.last;
  if (!last) return history;
  const fresh = context.throughputSamples.filter((s) => s.atMs > last.afterSampleMs && s.bps > 0);
  if (fresh.length === 0) return history;
  const errors = [...history.errors, ...fresh.map((s) => Math.abs(last.bps - s.bps) / s.bps)];
  return { last, errors: errors.slice(-window) };
}

export interface RobustPrediction {
  readonly harmonicBps: number | undefined;
  readonly maxError: number;
  /** What MPC plans with. */
  readonly robustBps: number;
}

export function robustPrediction(history: PredictionHistory, context: AbrContext, options: RobustMpcOptions): RobustPrediction {
  const harmonicBps = harmonicMean(context.throughputSamples.slice(-options.window).map((s) => s.bps));
  const maxError = options.robust && history.errors.length > 0 ? Math.max(...history.errors) : 0;
  return { harmonicBps, maxError, robustBps: (harmonicBps ?? options.defaultBps) / (1 + maxError) };
}

/** Sizes from the context when known for this level and look-ahead step, else bitrate × duration. */
function segmentBytesFor(context: AbrContext): (level: number, k: number) => number {
  return (level, k) => context.upcomingSegmentBytes?.[level]?.[k] ?? (context.ladder[level]!.bandwidth * context.segmentDurationS) / 8;
}

export class RobustMpcRule implements AbrController {
  readonly name = 'robustmpc';
  private readonly options: RobustMpcOptions;
  private history: PredictionHistory = EMPTY_PREDICTION_HISTORY;

  constructor(options: Partial<RobustMpcOptions> = {}) {
    this.options = { ...DEFAULT_ROBUST_MPC, ...options };
  }

  /** The discount in force: 1 + max recent relative error. */
  get discount(): number {
    return 1 + (this.options.robust && this.history.errors.length > 0 ? Math.max(...this.history.errors) : 0);
  }

  choose(context: AbrContext): AbrDecision {
    this.history = recordPredictionErrors(this.history, context, this.options.window);
    const prediction = robustPrediction(this.history, context, this.options);
    const newest = context.throughputSamples[context.throughputSamples.length - 1];
    if (prediction.harmonicBps !== undefined) {
      this.history = { ...this.history, last: { bps: prediction.harmonicBps, afterSampleMs: newest?.atMs ?? -Infinity } };
    }
    const remaining = Math.max(1, context.segmentCount - context.segmentIndex);
    const bufferS = context.phase === 'recovering' ? 0 : Math.max(0, context.bufferLevelS);
    const plan = mpcPlan({
      bitrates: context.ladder.map((r) => r.bandwidth),
      segmentBytes: segmentBytesFor(context),
      segmentDurationS: context.segmentDurationS,
      horizon: Math.min(this.options.horizon, remaining),
      bufferS,
      bufferCapS: Math.max(context.bufferTargetS, bufferS),
      previousLevel: context.previousLevel,
      predictedBps: prediction.robustBps,
      rttS: (context.rttMs ?? 0) / 1000,
      weights: this.options.weights,
      maxSequences: this.options.maxSequences,
    });
    const reason = `MPC: ${(prediction.robustBps / 1e6).toFixed(2)} Mbit/s (harmonic ÷ ${(1 + prediction.maxError).toFixed(2)}), plan ${plan.sequence.join('')}`;
    return { level: plan.level, reason };
  }

  reset(): void {
    this.history = EMPTY_PREDICTION_HISTORY;
  }
}
