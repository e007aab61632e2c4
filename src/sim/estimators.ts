/**
 * The player's real estimators, fed by the simulator the way SprintPlayer
 * feeds them: a throughput sample (first to last byte) and an RTT sample
 * (request to first byte) per finished download, body chunks and busy/idle
 * edges for the fair-share estimate.
 */
import { FairShareEstimator } from '../estimate/fair-share.js';
import { RttEstimator } from '../estimate/rtt.js';
import { ThroughputEstimator } from '../estimate/throughput.js';
import type { NetworkEstimate } from '../scheduler/types.js';

export class SimEstimators {
  readonly throughput = new ThroughputEstimator();
  readonly rtt = new RttEstimator();
  readonly fairShare = new FairShareEstimator();
  private busy = false;

  downloaded(requestMs: number, firstByteMs: number, endMs: number, bytes: number): void {
    this.throughput.add({ atMs: endMs, bytes, durationMs: endMs - firstByteMs });
    this.rtt.add(endMs, firstByteMs - requestMs);
  }

  chunk(atMs: number, bytes: number): void {
    if (bytes > 0) this.fairShare.addChunk(atMs, bytes);
  }

  /** Call after every event with whether any request is in flight. */
  setBusy(busy: boolean, atMs: number): void {
    if (busy === this.busy) return;
    this.busy = busy;
    if (busy) this.fairShare.busyStart(atMs);
    else this.fairShare.busyEnd(atMs);
  }

  network(nowMs: number): NetworkEstimate {
    return {
      throughputBps: this.throughput.estimateBps(),
      fairShareBps: this.fairShare.estimateBps(nowMs),
      baseRttMs: this.rtt.baseRttMs(),
      loadedRttMs: this.rtt.loadedRttMs(),
      lastActivityMs: this.fairShare.lastActivityMs,
    };
  }
}
