/**
 * Throughput estimation from completed downloads.
 *
 * Two EWMAs over seconds of download time (a fast one that reacts to drops
 * and a slow one that resists spikes); the estimate is the lower of the two,
 * as Shaka and dash.js do, so the ABR is quick to step down and slow to step up.
 * Tiny downloads are ignored: their time is dominated by RTT, not bandwidth.
 */
import { Ewma } from './ewma.js';

export interface ThroughputSampleInput {
  readonly atMs: number;
  readonly bytes: number;
  /** Transfer time, first byte to last, or request to last where first byte is unknown. */
  readonly durationMs: number;
}

export interface ThroughputEstimatorOptions {
  readonly fastHalfLifeS: number;
  readonly slowHalfLifeS: number;
  /** Samples smaller than this are kept in history but do not move the estimate. */
  readonly minBytes: number;
  /** How many recent samples to keep for controllers that want them (harmonic mean, MPC). */
  readonly historySize: number;
}

export const DEFAULT_THROUGHPUT_OPTIONS: ThroughputEstimatorOptions = {
  fastHalfLifeS: 2,
  slowHalfLifeS: 5,
  minBytes: 16_000,
  historySize: 20,
};

export class ThroughputEstimator {
  private readonly options: ThroughputEstimatorOptions;
  private readonly fast: Ewma;
  private readonly slow: Ewma;
  private readonly history: ThroughputSampleInput[] = [];

  constructor(options: Partial<ThroughputEstimatorOptions> = {}) {
    this.options = { ...DEFAULT_THROUGHPUT_OPTIONS, ...options };
    this.fast = new Ewma(this.options.fastHalfLifeS);
    this.slow = new Ewma(this.options.slowHalfLifeS);
  }

  add(sample: ThroughputSampleInput): void {
    if (!(sample.durationMs > 0) || !(sample.bytes > 0)) return;
    this.history.push(sample);
    if (this.history.length > this.options.historySize) this.history.shift();
    if (sample.bytes < this.options.minBytes) return;
    const seconds = sample.durationMs / 1000;
    const bps = (sample.bytes * 8) / seconds;
    this.fast.add(seconds, bps);
    this.slow.add(seconds, bps);
  }

  /** Bits per second, or undefined until a sample large enough has arrived. */
  estimateBps(): number | undefined {
    if (this.fast.weight === 0) return undefined;
    return Math.min(this.fast.value(), this.slow.value());
  }

  /** Recent samples, oldest first, in bits per second. */
  recentBps(): readonly { atMs: number; bps: number; bytes: number }[] {
    return this.history.map((s) => ({ atMs: s.atMs, bps: (s.bytes * 8 * 1000) / s.durationMs, bytes: s.bytes }));
  }
}

/** Harmonic mean of positive values; undefined for an empty list. */
export function harmonicMean(values: readonly number[]): number | undefined {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return undefined;
  return positive.length / positive.reduce((sum, v) => sum + 1 / v, 0);
}
