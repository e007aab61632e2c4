/** Turns what a soak recorded into the `soak` section of results.json. Pure. */
import { FAULT_KINDS, type FaultKind } from '../../server/fault-spec.js';
import type { OriginRequestRecord } from '../../server/request-log.js';
import type { LabPlayerResult } from '../page/lab-result.js';
import type { LinkEvent } from './link-schedule.js';
import type { SoakRecorder } from './soak-recorder.js';
import type { BufferHole, SoakResult, SoakStall } from './soak-types.js';

export interface SoakInputs {
  readonly durationS: number;
  readonly faultSpec: string;
  readonly faultSpecExpanded: string;
  readonly linkEvents: readonly LinkEvent[];
  readonly baseRateMbps: number;
  readonly recorder: SoakRecorder;
  readonly origin: readonly OriginRequestRecord[];
  readonly page: LabPlayerResult;
  readonly finalPositionS: number;
}

/** A stall this long after a link fault ended is still the fault's. */
export const LINK_RECOVERY_S = 30;

export function countFaults(records: readonly OriginRequestRecord[]): Record<FaultKind, number> {
  const counts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const record of records) {
    if (record.fault && (FAULT_KINDS as readonly string[]).includes(record.fault)) counts[record.fault as FaultKind] += 1;
  }
  return counts;
}

/** A Range from past byte 0 on a whole-file segment ($Number$/$Time$ media) can only be a resume. */
export function countRangeResumes(records: readonly OriginRequestRecord[]): number {
  return records.filter((r) => r.path.endsWith('.m4s') && r.status === 206 && /^bytes=[1-9]\d*-$/.test(r.range ?? '')).length;
}

/** "SEGMENT_LOAD_FAILED: …" → SEGMENT_LOAD_FAILED. */
export function errorsByCode(texts: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of texts) {
    const code = /^([A-Z][A-Z_]+):/.exec(text)?.[1] ?? 'OTHER';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

export function attributeStalls(page: LabPlayerResult, events: readonly LinkEvent[], jumped: readonly BufferHole[], endS: number): SoakStall[] {
  return (page.sprint?.stalls ?? []).map((stall) => {
    const atS = (stall.startMs - page.loadStartedAt) / 1000;
    const durationS = stall.endMs === undefined ? Math.max(0, endS - atS) : (stall.endMs - stall.startMs) / 1000;
    const linkFault = events.some((e) => atS >= e.atS && atS <= e.atS + e.durationS + LINK_RECOVERY_S);
    const gapJump = jumped.some((hole) => stall.positionS >= hole.fromS - 0.3 && stall.positionS <= hole.fromS + 0.01);
    // A stall right in front of a hole the jumper stepped over is the hole's, whatever the link did.
    return { atS, durationS, positionS: stall.positionS, cause: gapJump ? 'gap jump' : linkFault ? 'link fault' : 'other' };
  });
}

export function summarizeSoak(inputs: SoakInputs): SoakResult {
  const { page, recorder } = inputs;
  const faults = countFaults(inputs.origin);
  const fatalErrors = page.sprint?.fatalErrors ?? 0;
  const gaps = recorder.bufferGaps();
  const jumped = recorder.jumpedGaps();
  const stalls = attributeStalls(page, inputs.linkEvents, jumped, inputs.durationS);
  return {
    durationS: inputs.durationS,
    player: page.player,
    faultSpec: inputs.faultSpec,
    faultSpecExpanded: inputs.faultSpecExpanded,
    faults,
    faultsTotal: FAULT_KINDS.reduce((sum, kind) => sum + faults[kind], 0),
    baseRateMbps: inputs.baseRateMbps,
    linkEvents: inputs.linkEvents,
    recoveries: page.sprint?.recoverableErrors ?? 0,
    errorsByCode: errorsByCode(page.errors),
    fatalErrors,
    // A fatal error stops the player, so it is the last one reported.
    fatalMessages: fatalErrors > 0 ? page.errors.slice(-fatalErrors) : [],
    bufferGaps: gaps.length,
    gaps: gaps.slice(0, 50),
    jumpedGaps: jumped.length,
    slivers: recorder.sliverCount(),
    rangeResumes: countRangeResumes(inputs.origin),
    stalls,
    stallSeconds: stalls.reduce((sum, s) => sum + s.durationS, 0),
    maxSourceBufferBytes: recorder.maxSourceBufferBytes(),
    maxHeapBytes: recorder.maxHeapBytes(),
    heapGrowthBytesPerMin: recorder.heapGrowthBytesPerMin(),
    memory: recorder.memorySeries(),
    bufferAhead: recorder.bufferSeries(),
    memoryStepS: recorder.memoryStepS,
    finalPositionS: inputs.finalPositionS,
    passed: fatalErrors === 0 && gaps.length === 0,
  };
}
