/**
 * The player's real estimators, fed by the simulator the way SegmentLoader and
 * SprintPlayer feed them: per finished download a throughput sample through
 * the DeliveryRateMeter (the union of receiving intervals, so overlapping
 * requests do not understate the link) and an RTT sample (request to first
 * byte: the simulated link sends every response at once, so unlike a real
 * origin's no first byte waits behind another response); body chunks and
 * busy/idle edges for the fair-share estimate.
 */
import { DeliveryRateMeter } from '../estimate/delivery-rate.js';
import { FairShareEstimator } from '../estimate/fair-share.js';
import { RttEstimator } from '../estimate/rtt.js';
import { ThroughputEstimator } from '../estimate/throughput.js';
import type { NetworkEstimate } from '../scheduler/types.js';

export class SimEstimators {
  readonly throughput = new ThroughputEstimator();
  readonly rtt = new RttEstimator();
  readonly fairShare = new FairShareEstimator();
  private readonly deliveryRate = new DeliveryRateMeter();
  private busy = false;

  downloaded(requestMs: number, firstByteMs: number, endMs: number, bytes: number): void {
    const sample = this.deliveryRate.complete({ firstByteMs, endMs, bytes });
    if (sample) this.throughput.add(sample);
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
      busyBytes: this.fairShare.busyPeriodBytes(),
    };
  }
}
