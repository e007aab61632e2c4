/**
 * Round-trip time from time-to-first-byte samples. The minimum over a window
 * approximates the base (propagation) RTT; a fast EWMA tracks the loaded RTT,
 * which includes queueing at the bottleneck. Server think time inflates both,
 * so callers feed samples from warm connections only where they can tell.
 */
import { Ewma } from './ewma.js';

export class RttEstimator {
  private readonly recent = new Ewma(4);
  private readonly window: { atMs: number; rttMs: number }[] = [];

  constructor(private readonly baseWindowMs = 30_000) {}

  add(atMs: number, rttMs: number): void {
    if (!(rttMs > 0) || !Number.isFinite(rttMs)) return;
    this.recent.add(1, rttMs);
    this.window.push({ atMs, rttMs });
    while (this.window.length > 0 && (this.window[0]?.atMs ?? atMs) < atMs - this.baseWindowMs) this.window.shift();
  }

  baseRttMs(): number | undefined {
    if (this.window.length === 0) return undefined;
    return Math.min(...this.window.map((s) => s.rttMs));
  }

  loadedRttMs(): number | undefined {
    return this.recent.weight === 0 ? undefined : this.recent.value();
  }
}
