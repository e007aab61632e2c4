/**
 * Segment information inheritance (DASH 5.3.9.1): SegmentBase, SegmentList and
 * SegmentTemplate may sit on the Period, the AdaptationSet and the Representation.
 * The most specific level that has one decides the addressing kind; the elements
 * of that kind on every level are merged attribute by attribute (the more specific
 * wins), and child elements (SegmentTimeline, Initialization, SegmentURL list)
 * come from the most specific level that has them.
 */
import { childrenOf, firstChild, type XmlElement } from './xml-tree.js';
import type { Attributes } from './attributes.js';

export type SegmentInfoKind = 'template' | 'list' | 'base';

export interface SegmentInfo {
  readonly kind: SegmentInfoKind;
  readonly attributes: Attributes;
  readonly timeline?: XmlElement;
  readonly initialization?: XmlElement;
  readonly segmentUrls: readonly XmlElement[];
}

const ELEMENT_OF: Readonly<Record<SegmentInfoKind, string>> = {
  template: 'SegmentTemplate',
  list: 'SegmentList',
  base: 'SegmentBase',
};

/** Where several kinds share a level (not allowed, but seen), the richer one wins. */
const PRECEDENCE: readonly SegmentInfoKind[] = ['template', 'list', 'base'];

/**
 * Merged segment information for a Representation, from its ancestors
 * `levels` ordered general → specific (Period, AdaptationSet, Representation),
 * or undefined when no level has any.
 */
export function mergeSegmentInfo(levels: readonly XmlElement[]): SegmentInfo | undefined {
  const kind = kindOfMostSpecificLevel(levels);
  if (kind === undefined) return undefined;
  const elements = levels
    .map((level) => firstChild(level, ELEMENT_OF[kind]))
    .filter((element): element is XmlElement => element !== undefined);

  const attributes = new Map<string, string>();
  let timeline: XmlElement | undefined;
  let initialization: XmlElement | undefined;
  let segmentUrls: readonly XmlElement[] = [];
  for (const element of elements) {
    for (const [name, value] of element.attributes) attributes.set(name, value);
    timeline = firstChild(element, 'SegmentTimeline') ?? timeline;
    initialization = firstChild(element, 'Initialization') ?? initialization;
    const urls = childrenOf(element, 'SegmentURL');
    if (urls.length > 0) segmentUrls = urls;
  }
  return {
    kind,
    attributes,
    segmentUrls,
    ...(timeline === undefined ? {} : { timeline }),
    ...(initialization === undefined ? {} : { initialization }),
  };
}

function kindOfMostSpecificLevel(levels: readonly XmlElement[]): SegmentInfoKind | undefined {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (level === undefined) continue;
    const kind = PRECEDENCE.find((k) => firstChild(level, ELEMENT_OF[k]) !== undefined);
    if (kind !== undefined) return kind;
  }
  return undefined;
}
