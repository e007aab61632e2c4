/** Scheduler states for unit tests: one track and a whole snapshot, with overrides. */
import type { NetworkEstimate, SchedulerState, TrackSchedulingState } from './types.js';

export const UNKNOWN_NETWORK: NetworkEstimate = {
  throughputBps: undefined,
  fairShareBps: undefined,
  baseRttMs: undefined,
  loadedRttMs: undefined,
  lastActivityMs: undefined,
};

export function trackState(overrides: Partial<TrackSchedulingState> = {}): TrackSchedulingState {
  return {
    contentType: 'video',
    nextSegmentIndex: 0,
    segmentCount: 20,
    nextSegmentDurationS: 2,
    requestedAheadS: 0,
    bufferedAheadS: 0,
    inFlight: [],
    currentBandwidth: 1e6,
    ...overrides,
  };
}

export function schedulerState(tracks: TrackSchedulingState[], overrides: Partial<SchedulerState> = {}): SchedulerState {
  return {
    nowMs: 0,
    playing: true,
    playbackRate: 1,
    startupComplete: true,
    bufferTargetS: 30,
    startupBufferS: 4,
    maxBufferS: 60,
    tracks,
    network: UNKNOWN_NETWORK,
    ...overrides,
  };
}
