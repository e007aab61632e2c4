/**
 * The baseline data plane, as dash.js and Shaka do it: per media type, one
 * request at a time; request the next segment whenever the buffer ahead is
 * below the target, idle while it is full. Kept for comparison with Sprint.
 */
import type { DownloadScheduler, SchedulerDecision, SchedulerState, FetchOrder } from './types.js';

/** Never recheck faster than this; the driver also re-decides on every event. */
const MIN_RECHECK_MS = 50;

export class SequentialScheduler implements DownloadScheduler {
  readonly name = 'sequential';

  bufferGoalS(limits: { readonly bufferTargetS: number }): number {
    return limits.bufferTargetS;
  }

  decide(state: SchedulerState): SchedulerDecision {
    const orders: FetchOrder[] = [];
    let recheckInMs: number | undefined;
    for (const track of state.tracks) {
      if (track.nextSegmentIndex >= track.segmentCount || track.inFlight.length > 0) continue;
      if (track.requestedAheadS < state.bufferTargetS) {
        orders.push({ contentType: track.contentType, segmentCount: 1 });
        continue;
      }
      if (state.playing && state.playbackRate > 0) {
        const untilBelowTargetMs = ((track.requestedAheadS - state.bufferTargetS) * 1000) / state.playbackRate;
        const wait = Math.max(MIN_RECHECK_MS, untilBelowTargetMs);
        recheckInMs = recheckInMs === undefined ? wait : Math.min(recheckInMs, wait);
      }
    }
    return { orders, recheckInMs };
  }
}
