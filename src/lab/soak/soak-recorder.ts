/**
 * Accumulates what the soak samples once a second: holes in video.buffered,
 * the largest heap and SourceBuffer sizes, and a thinned memory series. Pure.
 *
 * A hole is a buffer gap (lost media, or media the player cannot get past)
 * when it is wider than the gap jumper's limit, or when the playhead sat stuck
 * in front of it; a narrow hole the playhead went past was jumped (Period
 * boundaries of real content leave such holes).
 */
import type { BufferHole } from './soak-types.js';

export interface SoakSample {
  /** Seconds since the player was loaded. */
  readonly elapsedS: number;
  readonly positionS: number;
  readonly ranges: readonly (readonly [number, number])[];
  readonly bufferAheadS: number;
  readonly heapUsedBytes: number | undefined;
  readonly sourceBufferBytes: number | undefined;
}

/** Narrower holes are slivers between encodes (a frame or less), which the gap jumper steps over. */
export const HOLE_MIN_S = 0.1;
/** The player's default maxGapJumpS: wider holes cannot be jumped. */
export const MAX_JUMP_S = 0.5;
/** Samples (seconds) the playhead may sit in front of a hole before it counts as not jumped. */
export const STUCK_SAMPLES = 3;

interface TrackedHole extends BufferHole {
  stuckSamples: number;
  passed: boolean;
}

export class SoakRecorder {
  private readonly holes = new Map<string, TrackedHole>();
  private readonly sliverKeys = new Set<string>();
  private lastPositionS: number | undefined;
  private readonly samples: SoakSample[] = [];
  private maxHeap: number | undefined;
  private maxSourceBuffer: number | undefined;

  constructor(private readonly stepS = 10) {}

  add(sample: SoakSample): void {
    for (let i = 1; i < sample.ranges.length; i++) {
      const fromS = sample.ranges[i - 1]![1];
      const toS = sample.ranges[i]![0];
      const key = `${fromS.toFixed(2)}-${toS.toFixed(2)}`;
      if (toS - fromS <= HOLE_MIN_S) this.sliverKeys.add(key);
      else if (!this.holes.has(key)) {
        this.holes.set(key, { seenAtS: sample.elapsedS, positionS: sample.positionS, fromS, toS, behind: toS <= sample.positionS, stuckSamples: 0, passed: false });
      }
    }
    const still = this.lastPositionS !== undefined && Math.abs(sample.positionS - this.lastPositionS) < 0.01;
    for (const hole of this.holes.values()) {
      if (sample.positionS >= hole.toS) hole.passed = true;
      else if (still && sample.positionS >= hole.fromS - 0.3 && sample.positionS <= hole.fromS + 0.01) hole.stuckSamples += 1;
    }
    this.lastPositionS = sample.positionS;
    if (sample.heapUsedBytes !== undefined) this.maxHeap = Math.max(this.maxHeap ?? 0, sample.heapUsedBytes);
    if (sample.sourceBufferBytes !== undefined) this.maxSourceBuffer = Math.max(this.maxSourceBuffer ?? 0, sample.sourceBufferBytes);
    const last = this.samples[this.samples.length - 1];
    if (!last || sample.elapsedS - last.elapsedS >= this.stepS - 0.5) this.samples.push(sample);
  }

  get memoryStepS(): number {
    return this.stepS;
  }

  /** Holes the player lost media in, or could not get past. */
  bufferGaps(): BufferHole[] {
    return [...this.holes.values()].filter((h) => h.toS - h.fromS > MAX_JUMP_S || h.stuckSamples >= STUCK_SAMPLES).map(plain);
  }

  /** Narrow holes the playhead went past without sitting in front of them. */
  jumpedGaps(): BufferHole[] {
    return [...this.holes.values()].filter((h) => h.toS - h.fromS <= MAX_JUMP_S && h.stuckSamples < STUCK_SAMPLES && h.passed).map(plain);
  }

  sliverCount(): number {
    return this.sliverKeys.size;
  }

  maxHeapBytes(): number | null {
    return this.maxHeap ?? null;
  }

  maxSourceBufferBytes(): number | null {
    return this.maxSourceBuffer ?? null;
  }

  memorySeries(): [number, number | null, number | null][] {
    return this.samples.map((s) => [Math.round(s.elapsedS), s.heapUsedBytes ?? null, s.sourceBufferBytes ?? null]);
  }

  bufferSeries(): [number, number][] {
    return this.samples.map((s) => [Math.round(s.elapsedS), Number(s.bufferAheadS.toFixed(2))]);
  }

  /** Heap slope over the second half, bytes per minute; null with fewer than 4 points. */
  heapGrowthBytesPerMin(): number | null {
    const points = this.samples.filter((s) => s.heapUsedBytes !== undefined).map((s) => [s.elapsedS, s.heapUsedBytes!] as const);
    const half = points.slice(Math.floor(points.length / 2));
    if (half.length < 4) return null;
    const meanX = half.reduce((sum, [x]) => sum + x, 0) / half.length;
    const meanY = half.reduce((sum, [, y]) => sum + y, 0) / half.length;
    const sxx = half.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
    const sxy = half.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
    return sxx === 0 ? null : (sxy / sxx) * 60;
  }
}

function plain(hole: TrackedHole): BufferHole {
  return { seenAtS: hole.seenAtS, positionS: hole.positionS, fromS: hole.fromS, toS: hole.toS, behind: hole.behind };
}
