/**
 * Turns completed requests into throughput samples that stay honest when
 * requests overlap. A pipelined request's own first-byte-to-end time includes
 * the time it waited behind the request ahead of it on the connection, so
 * per-request rates understate the link. Instead, each request is credited only
 * with the time it extends the union of receiving intervals, and samples shorter
 * than `minIntervalMs` are merged into the next one. For one request at a time
 * this is the usual bytes ÷ (last byte − first byte). Pure.
 */
import type { ThroughputSampleInput } from './throughput.js';

export interface CompletedTransfer {
  readonly firstByteMs: number;
  readonly endMs: number;
  readonly bytes: number;
}

export class DeliveryRateMeter {
  private coveredUntilMs = -Infinity;
  private pendingBytes = 0;
  private pendingMs = 0;

  constructor(private readonly minIntervalMs = 100) {}

  complete(transfer: CompletedTransfer): ThroughputSampleInput | undefined {
    const from = Math.max(transfer.firstByteMs, this.coveredUntilMs);
    const newTime = Math.max(0, transfer.endMs - from);
    this.coveredUntilMs = Math.max(this.coveredUntilMs, transfer.endMs);
    this.pendingBytes += transfer.bytes;
    this.pendingMs += newTime;
    if (this.pendingMs < this.minIntervalMs) return undefined;
    const sample = { atMs: transfer.endMs, bytes: this.pendingBytes, durationMs: this.pendingMs };
    this.pendingBytes = 0;
    this.pendingMs = 0;
    return sample;
  }
}
