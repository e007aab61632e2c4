/**
 * SegmentTimeline (DASH 5.3.9.6): <S t d r> runs expanded to one entry per segment,
 * in the timescale's ticks. A missing @t continues from the previous run's end;
 * r="-1" repeats up to the next S@t, or the period end.
 */
import { childrenOf, type XmlElement } from './xml-tree.js';
import { readPositiveInt, readSignedInt, readUnsignedInt } from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import type { RepresentationBudget } from './limits.js';

export interface TimelineEntry {
  /** Media time of the segment start, ticks ($Time$). */
  readonly time: number;
  readonly duration: number;
}

/** A segment whose start falls this short of the end (in segments) is rounding noise. */
const COUNT_FUZZ = 1e-6;

/** How many `step`s start before `span` ends, ignoring floating-point residue. */
export function segmentsToCover(span: number, step: number): number {
  return Math.max(0, Math.ceil(span / step - COUNT_FUZZ));
}

/**
 * @param endTicks the period end in media ticks (presentationTimeOffset + duration × timescale),
 *   or undefined when the period's duration is unknown.
 */
export function expandTimeline(
  timeline: XmlElement,
  endTicks: number | undefined,
  budget: RepresentationBudget,
  where: string,
): TimelineEntry[] {
  const runs = childrenOf(timeline, 'S');
  if (runs.length === 0) throw invalidManifest(`${where}: SegmentTimeline has no S elements`);
  const entries: TimelineEntry[] = [];
  let nextTime = 0;
  runs.forEach((run, i) => {
    const here = `${where} SegmentTimeline S[${i}]`;
    const time = readUnsignedInt(run.attributes, 't', here) ?? nextTime;
    const duration = readPositiveInt(run.attributes, 'd', here);
    if (duration === undefined) throw invalidManifest(`${here}: @d is required`);
    const repeat = readSignedInt(run.attributes, 'r', here) ?? 0;
    if (repeat < -1) throw invalidManifest(`${here}: @r "${repeat}" must be -1 or more`);

    const count = repeat >= 0 ? repeat + 1 : repeatToEnd(runs[i + 1], time, duration, endTicks, here);
    budget.reserve(count, where);
    const end = time + count * duration;
    if (!Number.isSafeInteger(end)) throw invalidManifest(`${here}: timeline runs past 2^53 ticks`);
    for (let k = 0; k < count; k++) entries.push({ time: time + k * duration, duration });
    nextTime = end;
  });
  return entries;
}

function repeatToEnd(
  following: XmlElement | undefined,
  time: number,
  duration: number,
  endTicks: number | undefined,
  where: string,
): number {
  const followingTime = following === undefined ? undefined : readUnsignedInt(following.attributes, 't', where);
  const until = followingTime ?? endTicks;
  if (until === undefined) {
    throw invalidManifest(`${where}: @r="-1" needs a following S@t or a known period duration`);
  }
  return segmentsToCover(until - time, duration);
}
