/**
 * The player's delivery rate over the last couple of seconds, from every body
 * chunk of every request: what the link gives right now, before any request
 * completes (completed-request samples lag a sudden drop by a whole download).
 * Pure; the caller supplies times.
 */
export class RecentRate {
  private readonly chunks: { atMs: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 2000) {}

  add(atMs: number, bytes: number): void {
    this.chunks.push({ atMs, bytes });
    this.prune(atMs);
  }

  /**
   * Bits/s over the window ending at `nowMs`; 0 when nothing arrived in it (an outage);
   * undefined when data has flowed for less than the window (not measured yet).
   */
  rateBps(nowMs: number, busy: boolean): number | undefined {
    this.prune(nowMs);
    const first = this.chunks[0];
    if (!first) return busy ? 0 : undefined;
    // The window must be covered: data started flowing at its beginning.
    if (first.atMs > nowMs - this.windowMs * 0.8) return undefined;
    const bytes = this.chunks.reduce((sum, c) => sum + c.bytes, 0);
    return (bytes * 8 * 1000) / this.windowMs;
  }

  private prune(nowMs: number): void {
    while (this.chunks.length > 0 && this.chunks[0]!.atMs <= nowMs - this.windowMs) this.chunks.shift();
  }
}
