/** Builds the read-only context an ABR controller decides on. */
import type { AbrContext, PlaybackPhase } from '../abr/types.js';
import type { MediaTrack } from './media-track.js';
import type { PlayerConfig } from './types.js';

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

export function buildAbrContext(
  track: MediaTrack,
  segmentIndex: number,
  previousLevel: number | undefined,
  startupComplete: boolean,
  inputs: AbrInputs,
  config: PlayerConfig,
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
  };
}
