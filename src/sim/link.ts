/**
 * The simulated bottleneck: a fluid model. A request's first byte arrives one
 * RTT after it is sent; from then on all transfers in their data phase share
 * the trace's capacity equally (as long-lived TCP flows roughly do), so a
 * lone download takes RTT + bytes / capacity. Time only moves between events
 * (a capacity change, a first byte, a completion), so results are exact for
 * piecewise-constant traces and identical run to run.
 */
import { capacityAt, nextCapacityChange, type CapacityTrace } from './traces.js';

export interface Transfer {
  readonly segmentIndex: number;
  readonly requestMs: number;
  /** requestMs + RTT. */
  readonly firstByteMs: number;
  readonly bytes: number;
  remainingBits: number;
}

/** Completion tolerance in bits (float residue of the fluid arithmetic). */
const DONE_BITS = 1e-6;

function sending(transfers: readonly Transfer[], nowMs: number): Transfer[] {
  return transfers.filter((t) => t.firstByteMs <= nowMs && t.remainingBits > DONE_BITS);
}

/** The next time the link's state changes: a capacity step, a first byte or a completion. */
export function nextLinkEventMs(transfers: readonly Transfer[], trace: CapacityTrace, nowMs: number): number {
  let next = nextCapacityChange(trace, nowMs);
  for (const t of transfers) if (t.firstByteMs > nowMs) next = Math.min(next, t.firstByteMs);
  const active = sending(transfers, nowMs);
  const share = capacityAt(trace, nowMs) / Math.max(1, active.length);
  if (share > 0) for (const t of active) next = Math.min(next, nowMs + (t.remainingBits / share) * 1000);
  return next;
}

/**
 * Moves bits for `dtMs` and returns the bytes delivered; the caller never
 * steps past nextLinkEventMs, so the share is constant over the step.
 */
export function advanceLink(transfers: readonly Transfer[], trace: CapacityTrace, nowMs: number, dtMs: number): number {
  const active = sending(transfers, nowMs);
  const share = capacityAt(trace, nowMs) / Math.max(1, active.length);
  let bits = 0;
  for (const t of active) {
    const moved = Math.min(t.remainingBits, (share * dtMs) / 1000);
    t.remainingBits -= moved;
    bits += moved;
  }
  return bits / 8;
}

export function isComplete(transfer: Transfer): boolean {
  return transfer.remainingBits <= DONE_BITS;
}

export function bytesLoaded(transfer: Transfer): number {
  return Math.round(transfer.bytes - transfer.remainingBits / 8);
}
