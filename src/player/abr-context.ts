/**
 * Builds the read-only context an ABR controller decides on. Pure: the
 * download driver and the trace-driven simulator (src/sim) both call it, so a
 * controller sees the same context in tests as in the browser.
 */
import type { AbrContext, PlaybackPhase } from '../abr/types.js';
import type { ContentType } from '../manifest/types.js';
import type { PlayerConfig, RepresentationInfo } from './types.js';

/** What the player knows outside the track: estimates and playback state. */
export interface AbrInputs {
  readonly nowMs: number;
  readonly positionS: number;
  readonly bufferLevelS: number;
  readonly throughputBps: number | undefined;
  readonly throughputSamples: AbrContext['throughputSamples'];
  readonly rttMs: number | undefined;
  readonly fairShareBps: number | undefined;
  readonly playbackRate: number;
  readonly stalled: boolean;
}

/** The part of a media track the context is built from; MediaTrack fits it, as does the simulator's track. */
export interface AbrTrackView {
  readonly contentType: ContentType;
  readonly levels: readonly RepresentationInfo[];
  readonly segmentCount: number;
  referenceAt(index: number): { readonly durationS: number } | undefined;
}

/** Per-track facts a caller may know and pass on (see AbrContext for their meaning). */
export interface AbrTrackExtras {
  readonly idleSinceMs?: number | undefined;
  readonly upcomingSegmentBytes?: readonly (readonly number[])[] | undefined;
}

export function buildAbrContext(
  track: AbrTrackView,
  segmentIndex: number,
  previousLevel: number | undefined,
  startupComplete: boolean,
  inputs: AbrInputs,
  config: Pick<PlayerConfig, 'bufferTargetS'>,
  extras: AbrTrackExtras = {},
): AbrContext {
  const phase: PlaybackPhase = !startupComplete ? 'startup' : inputs.stalled ? 'recovering' : 'steady';
  return {
    nowMs: inputs.nowMs,
    contentType: track.contentType,
    ladder: track.levels.map((l) => ({
      level: l.level,
      id: l.id,
      bandwidth: l.bandwidth,
      codecs: l.codecs,
      ...(l.width !== undefined ? { width: l.width } : {}),
      ...(l.height !== undefined ? { height: l.height } : {}),
    })),
    bufferLevelS: inputs.bufferLevelS,
    bufferTargetS: config.bufferTargetS,
    segmentDurationS: track.referenceAt(segmentIndex)?.durationS ?? 0,
    segmentIndex,
    segmentCount: track.segmentCount,
    throughputBps: inputs.throughputBps,
    throughputSamples: inputs.throughputSamples,
    rttMs: inputs.rttMs,
    fairShareBps: inputs.fairShareBps,
    previousLevel,
    playbackRate: inputs.playbackRate,
    phase,
    idleSinceMs: extras.idleSinceMs,
    upcomingSegmentBytes: extras.upcomingSegmentBytes,
  };
}
