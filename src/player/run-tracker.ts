/**
 * Turns the scheduler's run events and the network's byte arrivals into
 * per-run records: planned size and predicted fraction next to what the run
 * actually got. A run is complete when its last request has finished.
 */
import type { RunEvent } from '../scheduler/types.js';
import type { RunRecord } from './types.js';

const MAX_RUNS_KEPT = 200;

export class RunTracker {
  private readonly runs: RunRecord[] = [];
  private open: { record: RunRecord; ended: boolean; bytes: number; maxInFlight: number; firstByteMs?: number; lastByteMs?: number } | undefined;

  onRun(event: RunEvent): void {
    if (event.kind === 'start') {
      // A continued run takes over from one whose filling goes on: that one is over, not cut short.
      if (event.reason === 'continued' && this.open) this.open.ended = true;
      this.finish();
      this.open = {
        record: {
          startMs: event.atMs,
          endMs: undefined,
          reason: event.reason ?? 'model',
          plannedBytes: event.plannedBytes,
          predictedFraction: event.predictedFraction,
          ...(event.model ? { model: event.model } : {}),
          bytes: 0,
          throughputBps: undefined,
          measuredFraction: undefined,
          maxRequestsInFlight: 0,
        },
        ended: false,
        bytes: 0,
        maxInFlight: 0,
      };
    } else if (this.open) {
      this.open.ended = true;
    }
  }

  /** Body bytes arrived, with the requests in flight at that moment (the one delivering included). */
  onChunk(atMs: number, bytes: number, requestsInFlight = 1): void {
    if (!this.open) return;
    this.open.bytes += bytes;
    this.open.maxInFlight = Math.max(this.open.maxInFlight, requestsInFlight);
    this.open.firstByteMs ??= atMs;
    this.open.lastByteMs = atMs;
  }

  /** Called when nothing is in flight any more: an ended run is then complete. */
  onIdle(fairShareBps: number | undefined): void {
    if (this.open?.ended) this.finish(fairShareBps);
  }

  /** Completed runs, oldest first, and the one under way last. */
  list(): readonly RunRecord[] {
    return this.open ? [...this.runs, this.snapshot(this.open, undefined)] : this.runs;
  }

  reset(): void {
    this.runs.length = 0;
    this.open = undefined;
  }

  private finish(fairShareBps?: number): void {
    if (!this.open) return;
    this.runs.push(this.snapshot(this.open, fairShareBps));
    if (this.runs.length > MAX_RUNS_KEPT) this.runs.shift();
    this.open = undefined;
  }

  private snapshot(open: NonNullable<RunTracker['open']>, fairShareBps: number | undefined): RunRecord {
    const start = open.record.startMs;
    const end = open.lastByteMs;
    const seconds = end !== undefined ? (end - start) / 1000 : 0;
    const throughputBps = seconds > 0 ? (open.bytes * 8) / seconds : undefined;
    return {
      ...open.record,
      endMs: open.ended ? end : undefined,
      bytes: open.bytes,
      throughputBps,
      measuredFraction: throughputBps !== undefined && fairShareBps ? throughputBps / fairShareBps : undefined,
      maxRequestsInFlight: open.maxInFlight,
    };
  }
}
