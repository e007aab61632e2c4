/** The `soak` section of results.json (docs/reliability.md describes each field). */
import type { FaultKind } from '../../server/fault-spec.js';
import type { LabResults } from '../runner/results.js';
import type { LinkEvent } from './link-schedule.js';

/** A hole between two buffered ranges, first seen at `seenAtS` (seconds since load). */
export interface BufferHole {
  readonly seenAtS: number;
  readonly positionS: number;
  readonly fromS: number;
  readonly toS: number;
  /** The hole was behind the playhead when first seen. */
  readonly behind: boolean;
}

export interface SoakStall {
  /** Seconds since load. */
  readonly atS: number;
  readonly durationS: number;
  readonly positionS: number;
  /**
   * `link fault`: during an outage or rate step or within 30 s after it; `gap jump`: the
   * playhead reached a narrow hole (a Period boundary) and the gap jumper stepped over it;
   * `other`: unexplained.
   */
  readonly cause: 'link fault' | 'gap jump' | 'other';
}

export interface SoakResult {
  readonly durationS: number;
  readonly player: string;
  /** The fault spec as given (e.g. "mixed") and expanded. */
  readonly faultSpec: string;
  readonly faultSpecExpanded: string;
  /** Origin faults injected, by kind (from the origin's request log). */
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly faultsTotal: number;
  /** The bottleneck's rate outside rate steps. */
  readonly baseRateMbps: number;
  /** Link faults as carried out (seconds since load). */
  readonly linkEvents: readonly LinkEvent[];
  /** Recoverable errors the player reported (each a retried attempt, a rung fallback or a deferred append). */
  readonly recoveries: number;
  /** Every error the player reported, by code. */
  readonly errorsByCode: Readonly<Record<string, number>>;
  readonly fatalErrors: number;
  readonly fatalMessages: readonly string[];
  /**
   * Holes in video.buffered, behind or ahead of the playhead, that were not jumped: wider than
   * the gap jumper's limit (lost media), or with the playhead stuck in front of them.
   */
  readonly bufferGaps: number;
  readonly gaps: readonly BufferHole[];
  /** Narrow holes (0.1-0.5 s) the playhead went past: the content's Period boundaries. */
  readonly jumpedGaps: number;
  /** Distinct holes up to HOLE_MIN_S (frame-sized slivers the gap jumper steps over). */
  readonly slivers: number;
  /** Range requests that started past byte 0 of a whole-file segment: resumed bodies. */
  readonly rangeResumes: number;
  readonly stalls: readonly SoakStall[];
  readonly stallSeconds: number;
  readonly maxSourceBufferBytes: number | null;
  readonly maxHeapBytes: number | null;
  /** Least-squares slope of the JS heap over the second half of the run. */
  readonly heapGrowthBytesPerMin: number | null;
  /** Every `memoryStepS`: [s since load, JS heap bytes, SourceBuffer bytes]. */
  readonly memory: readonly (readonly [number, number | null, number | null])[];
  /** Every `memoryStepS`: [s, buffer ahead s]. */
  readonly bufferAhead: readonly (readonly [number, number])[];
  readonly memoryStepS: number;
  readonly finalPositionS: number;
  readonly passed: boolean;
}

export type SoakResults = LabResults & { readonly soak: SoakResult };
