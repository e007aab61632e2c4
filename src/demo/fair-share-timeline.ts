/**
 * The true fair share of one player over time. In lab mode it changes as
 * players start and stop (goodput ÷ (competitors + players running)), so it
 * is kept as steps and integrated over each player's busy time: the fraction
 * of fair share is media bits ÷ ∫ fair share over the time with ≥ 1 request in
 * flight. With one player running this is exactly media bytes ÷ (busy time ×
 * goodput ÷ (competitors + 1)), the lab runner's downloadFraction.
 */
import type { Span } from './busy-periods.js';

export interface FairShareStep {
  readonly atMs: number;
  /** Undefined while no fair share is known. */
  readonly bps: number | undefined;
}

export class FairShareTimeline {
  private readonly _steps: FairShareStep[] = [];

  /** Records the value from `atMs` on (ignored when unchanged). */
  set(atMs: number, bps: number | undefined): void {
    const last = this._steps[this._steps.length - 1];
    if (last && last.bps === bps) return;
    if (last && last.atMs === atMs) this._steps.pop();
    this._steps.push({ atMs, bps });
  }

  get steps(): readonly FairShareStep[] {
    return this._steps;
  }

  valueAt(atMs: number): number | undefined {
    return valueAt(this._steps, atMs);
  }
}

export function valueAt(steps: readonly FairShareStep[], atMs: number): number | undefined {
  let value: number | undefined;
  for (const step of steps) {
    if (step.atMs > atMs) break;
    value = step.bps;
  }
  return value;
}

/**
 * Bits the fair share would have carried over the spans (which must not
 * overlap: pass busy periods). Undefined when the fair share is unknown for
 * any part of them.
 */
export function fairShareBits(spans: readonly Span[], steps: readonly FairShareStep[]): number | undefined {
  let bits = 0;
  for (const span of spans) {
    let t = span.startMs;
    while (t < span.endMs) {
      const bps = valueAt(steps, t);
      if (bps === undefined) return undefined;
      const next = steps.find((s) => s.atMs > t)?.atMs ?? Number.POSITIVE_INFINITY;
      const until = Math.min(span.endMs, next);
      bits += (bps * (until - t)) / 1000;
      t = until;
    }
  }
  return bits;
}

/** Media bits ÷ fair-share bits over the busy spans; undefined without a fair share or busy time. */
export function fractionOfFairShare(mediaBytes: number, busy: readonly Span[], steps: readonly FairShareStep[]): number | undefined {
  const fair = fairShareBits(busy, steps);
  return fair !== undefined && fair > 0 ? (mediaBytes * 8) / fair : undefined;
}
