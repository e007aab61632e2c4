/**
 * One results.json entry per Sprint download run: the model's planned size and
 * predicted fraction next to what the run got, measured against the cell's
 * calibrated fair share (not the player's own estimate), so the model can be
 * checked run by run (issue #4). Pure.
 */
import type { PlayerStats, RunRecord } from '../../player/types.js';
import { predictionFromInputs } from '../../scheduler/sprint.js';

export interface SprintRunEntry {
  /** Run start (the scheduler's decision that sent its first requests), s since load(). */
  readonly startS: number;
  readonly reason: RunRecord['reason'];
  /** The model's planned size, bytes; null for startup runs (no estimate yet). */
  readonly plannedBytes: number | null;
  /** Body bytes the player received during the run. */
  readonly bytes: number;
  /** Run start → its last byte, s (0 before any byte). */
  readonly durationS: number;
  /** False when measurement stopped mid-run: bytes and fractions then cover only its first part. */
  readonly complete: boolean;
  /** The model's prediction for plannedBytes; null for startup runs. */
  readonly predictedFraction: number | null;
  /**
   * The model asked again, from the same inputs, about the bytes the run received (a run
   * may receive more than planned, at higher rungs, or less when cut short); null without
   * a prediction or bytes.
   */
  readonly predictedForReceived: number | null;
  /**
   * bytes × 8 ÷ durationS ÷ the cell's calibrated fair share. A run keeps requests
   * in flight from its start to its last byte, so durationS is its busy time, and it
   * is the interval the model's prediction covers (request → last byte).
   */
  readonly measuredFraction: number | null;
  /** The player's own view: the same throughput ÷ its fair-share estimate when the run completed. */
  readonly playerMeasuredFraction: number | null;
  /** Most requests in flight while the run's bytes arrived (1: no pipelining); absent in results before 2026-12-04. */
  readonly maxRequestsInFlight?: number;
}

/** Start → last byte. The tracker leaves endMs undefined for a run under way, but its throughput still covers start → last byte. */
function runDurationMs(run: RunRecord): number {
  if (run.endMs !== undefined) return Math.max(0, run.endMs - run.startMs);
  return run.throughputBps !== undefined && run.throughputBps > 0 ? (run.bytes * 8 * 1000) / run.throughputBps : 0;
}

/**
 * The player's runs (stats.runs, oldest first, the one under way last) on the
 * lab's terms. `loadStartedAt` is on the player's clock (performance.now()).
 */
export function sprintRunList(stats: Pick<PlayerStats, 'runs' | 'requestsInFlight'>, loadStartedAt: number, fairShareMbps: number): SprintRunEntry[] {
  const fairShareBps = fairShareMbps * 1e6;
  return stats.runs.map((run, i) => {
    const durationMs = runDurationMs(run);
    // Requests still in flight when the stats were taken belong to the last run.
    const cutShort = i === stats.runs.length - 1 && stats.requestsInFlight > 0;
    return {
      startS: (run.startMs - loadStartedAt) / 1000,
      reason: run.reason,
      plannedBytes: run.plannedBytes ?? null,
      bytes: run.bytes,
      durationS: durationMs / 1000,
      complete: run.endMs !== undefined && !cutShort,
      predictedFraction: run.predictedFraction ?? null,
      predictedForReceived: run.model && run.bytes > 0 ? predictionFromInputs(run.model, run.bytes) : null,
      measuredFraction: durationMs > 0 && fairShareBps > 0 ? (run.bytes * 8 * 1000) / durationMs / fairShareBps : null,
      playerMeasuredFraction: run.measuredFraction ?? null,
      maxRequestsInFlight: run.maxRequestsInFlight,
    };
  });
}
