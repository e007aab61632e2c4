/**
 * Round-trip time from time-to-first-byte samples. The minimum over a window
 * approximates the base (propagation) RTT; a fast EWMA tracks the loaded RTT,
 * which includes queueing at the bottleneck. Server think time inflates both,
 * so callers feed samples from warm connections only where they can tell.
 *
 * A request sent while other responses were still to come on the connection
 * waits for them at the origin: its time to first byte is only an upper bound
 * on the RTT (`addQueued`). Such bounds stand in for the base RTT until a
 * request sent on an idle connection gives a real sample; they never move the
 * loaded RTT. (A Sprint startup run keeps requests in flight for minutes.)
 */
import { Ewma } from './ewma.js';

export class RttEstimator {
  private readonly recent = new Ewma(4);
  private readonly window: { atMs: number; rttMs: number }[] = [];
  private queuedMinMs: number | undefined;

  constructor(private readonly baseWindowMs = 30_000) {}

  /** A time to first byte that is a round trip (the request had the connection to itself). */
  add(atMs: number, rttMs: number): void {
    if (!valid(rttMs)) return;
    this.recent.add(1, rttMs);
    this.window.push({ atMs, rttMs });
    while (this.window.length > 0 && (this.window[0]?.atMs ?? atMs) < atMs - this.baseWindowMs) this.window.shift();
  }

  /** A time to first byte that may include a wait behind other responses: an upper bound on the RTT. */
  addQueued(ttfbMs: number): void {
    if (!valid(ttfbMs)) return;
    this.queuedMinMs = Math.min(this.queuedMinMs ?? Infinity, ttfbMs);
  }

  baseRttMs(): number | undefined {
    if (this.window.length === 0) return this.queuedMinMs;
    return Math.min(...this.window.map((s) => s.rttMs));
  }

  loadedRttMs(): number | undefined {
    return this.recent.weight === 0 ? undefined : this.recent.value();
  }

  /** The RTT to show and plan with: the loaded RTT, or before any real sample the base bound. */
  currentRttMs(): number | undefined {
    return this.loadedRttMs() ?? this.baseRttMs();
  }
}

function valid(ms: number): boolean {
  return ms > 0 && Number.isFinite(ms);
}
