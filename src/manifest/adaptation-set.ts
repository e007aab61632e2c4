/**
 * An AdaptationSet's description: its content type and its Representations'
 * attributes. Sets that carry neither video, audio nor text are left out.
 */
import type { ContentType } from './types.js';
import { readString } from './attributes.js';
import { inferContentType, type ContentHints } from './content-type.js';
import { describeRepresentation, inheritedAttributes, type RepresentationCandidate } from './representation.js';
import { childrenOf, type XmlElement } from './xml-tree.js';

export interface AdaptationSetCandidate {
  readonly element: XmlElement;
  readonly id: string;
  readonly contentType: ContentType;
  readonly mimeType: string;
  readonly lang?: string;
  readonly representations: readonly RepresentationCandidate[];
}

export function describeAdaptationSet(
  element: XmlElement,
  index: number,
  where: string,
): AdaptationSetCandidate | undefined {
  const id = readString(element.attributes, 'id') ?? String(index);
  const here = `${where} AdaptationSet "${id}"`;
  const representationElements = childrenOf(element, 'Representation');
  if (representationElements.length === 0) return undefined;

  const contentType = inferContentType(contentHints(element, representationElements));
  if (contentType === undefined) return undefined;

  const representations = representationElements.map((rep) => describeRepresentation(rep, element, here));
  const mimeType = readString(element.attributes, 'mimeType') ?? representations[0]?.mimeType ?? '';
  const lang = readString(element.attributes, 'lang');
  return { element, id, contentType, mimeType, ...(lang === undefined ? {} : { lang }), representations };
}

function contentHints(adaptationSet: XmlElement, representations: readonly XmlElement[]): ContentHints[] {
  const hintOf = (attrs: ReadonlyMap<string, string>, withContentType: boolean): ContentHints => {
    const contentType = withContentType ? readString(attrs, 'contentType') : undefined;
    const mimeType = readString(attrs, 'mimeType');
    const codecs = readString(attrs, 'codecs');
    return {
      ...(contentType === undefined ? {} : { contentType }),
      ...(mimeType === undefined ? {} : { mimeType }),
      ...(codecs === undefined ? {} : { codecs }),
    };
  };
  return [
    hintOf(adaptationSet.attributes, true),
    ...representations.map((rep) => hintOf(inheritedAttributes(rep, adaptationSet), false)),
  ];
}
