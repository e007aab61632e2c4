/**
 * Estimates the throughput this player gets when it has converged to its fair
 * share: the rate over the steady part of long busy periods (time with at least
 * one request in flight), skipping each period's ramp-up. Short busy periods
 * are all ramp and say little about fair share, so they are ignored.
 * Pure: fed timestamps and byte counts, no clock of its own.
 */
import { Ewma } from './ewma.js';

export interface FairShareOptions {
  /** Skip at least this much of each busy period (ramp-up), seconds. */
  readonly minSkipS: number;
  /** …or this fraction of it, whichever is longer. */
  readonly skipFraction: number;
  /** Steady windows shorter than this are not used, seconds. */
  readonly minSteadyS: number;
  /** Weight half-life over steady seconds. */
  readonly halfLifeS: number;
}

export const DEFAULT_FAIR_SHARE_OPTIONS: FairShareOptions = { minSkipS: 2, skipFraction: 0.3, minSteadyS: 2, halfLifeS: 20 };

export class FairShareEstimator {
  private readonly options: FairShareOptions;
  private readonly ewma: Ewma;
  private chunks: { atMs: number; bytes: number }[] = [];
  private busySinceMs: number | undefined;
  private bytesThisPeriod = 0;
  lastActivityMs: number | undefined;

  constructor(options: Partial<FairShareOptions> = {}) {
    this.options = { ...DEFAULT_FAIR_SHARE_OPTIONS, ...options };
    this.ewma = new Ewma(this.options.halfLifeS);
  }

  busyStart(atMs: number): void {
    if (this.busySinceMs !== undefined) return;
    this.busySinceMs = atMs;
    this.chunks = [];
    this.bytesThisPeriod = 0;
  }

  addChunk(atMs: number, bytes: number): void {
    this.lastActivityMs = atMs;
    if (this.busySinceMs === undefined) return;
    this.chunks.push({ atMs, bytes });
    this.bytesThisPeriod += bytes;
  }

  /** Body bytes since the current busy period began; 0 when nothing is in flight. */
  busyPeriodBytes(): number {
    return this.busySinceMs === undefined ? 0 : this.bytesThisPeriod;
  }

  /** Ends a busy period and folds its steady part into the estimate. */
  busyEnd(atMs: number): void {
    if (this.busySinceMs === undefined) return;
    const steady = steadyRate(this.busySinceMs, atMs, this.chunks, this.options);
    if (steady) this.ewma.add(steady.seconds, steady.bps);
    this.busySinceMs = undefined;
    this.chunks = [];
    this.bytesThisPeriod = 0;
  }

  /** Bits/s, including the steady part of a busy period still under way; undefined before any. */
  estimateBps(nowMs: number): number | undefined {
    const current = this.busySinceMs === undefined ? undefined : steadyRate(this.busySinceMs, nowMs, this.chunks, this.options);
    if (this.ewma.weight === 0) return current?.bps;
    if (!current) return this.ewma.value();
    // Fold the running period in without committing it.
    const w = this.ewma.weight;
    return (this.ewma.value() * w + current.bps * current.seconds) / (w + current.seconds);
  }
}

function steadyRate(
  startMs: number,
  endMs: number,
  chunks: readonly { atMs: number; bytes: number }[],
  options: FairShareOptions,
): { bps: number; seconds: number } | undefined {
  const durationS = (endMs - startMs) / 1000;
  const skipS = Math.max(options.minSkipS, options.skipFraction * durationS);
  const fromMs = startMs + skipS * 1000;
  const seconds = (endMs - fromMs) / 1000;
  if (seconds < options.minSteadyS) return undefined;
  let bytes = 0;
  for (const c of chunks) if (c.atMs > fromMs && c.atMs <= endMs) bytes += c.bytes;
  return bytes > 0 ? { bps: (bytes * 8) / seconds, seconds } : undefined;
}
