/**
 * Where each Period sits on the presentation timeline (DASH 5.3.2.1): @start, else
 * the previous Period's @start + @duration; its length from @duration, else the
 * next Period's start, else the MPD's mediaPresentationDuration.
 */
import { readDuration, readString } from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import { childrenOf, type XmlElement } from './xml-tree.js';

export interface PeriodTiming {
  readonly element: XmlElement;
  readonly id: string;
  readonly startS: number;
  /** Undefined only for a last Period when the MPD states no total duration. */
  readonly durationS: number | undefined;
  /** Names the Period in error messages. */
  readonly where: string;
}

export function periodTimings(mpd: XmlElement, mpdDurationS: number | undefined): PeriodTiming[] {
  const elements = childrenOf(mpd, 'Period');
  if (elements.length === 0) throw invalidManifest('MPD has no Period');

  const partial = elements.map((element, index) => {
    const id = readString(element.attributes, 'id') ?? String(index);
    const where = `Period "${id}"`;
    return {
      element,
      id,
      where,
      start: readDuration(element.attributes, 'start', where),
      duration: readDuration(element.attributes, 'duration', where),
    };
  });

  const starts: number[] = [];
  partial.forEach((period, index) => {
    const previous = partial[index - 1];
    const previousStart = starts[index - 1];
    let start = period.start;
    if (start === undefined && index === 0) start = 0;
    if (start === undefined && previous?.duration !== undefined && previousStart !== undefined) {
      start = previousStart + previous.duration;
    }
    if (start === undefined) {
      throw invalidManifest(`${period.where}: no @start and the previous Period has no @duration`);
    }
    if (previousStart !== undefined && start < previousStart) {
      throw invalidManifest(`${period.where}: @start ${start}s is before the previous Period's start`);
    }
    starts.push(start);
  });

  return partial.map((period, index) => {
    const startS = starts[index] ?? 0;
    const nextStart = starts[index + 1];
    const end = nextStart ?? mpdDurationS;
    const durationS = period.duration ?? (end === undefined ? undefined : end - startS);
    if (durationS !== undefined && durationS < 0) {
      throw invalidManifest(`${period.where}: starts at ${startS}s, after the presentation ends`);
    }
    return { element: period.element, id: period.id, where: period.where, startS, durationS };
  });
}
