/**
 * A Representation's descriptive attributes, with the common attributes it
 * inherits from its AdaptationSet (DASH 5.3.7), validated. Segments come later,
 * and only for the Representations the browser can play.
 */
import {
  readFrameRate,
  readPositiveInt,
  readSamplingRate,
  readString,
  type Attributes,
} from './attributes.js';
import { invalidManifest } from './manifest-errors.js';
import type { XmlElement } from './xml-tree.js';

export interface RepresentationCandidate {
  readonly element: XmlElement;
  readonly id: string;
  readonly bandwidth: number;
  readonly mimeType: string;
  readonly codecs: string;
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly audioSamplingRate?: number;
}

/** Attributes a Representation takes from its AdaptationSet when it lacks them. */
const INHERITED = ['mimeType', 'codecs', 'width', 'height', 'frameRate', 'audioSamplingRate'] as const;

export function inheritedAttributes(representation: XmlElement, adaptationSet: XmlElement): Attributes {
  const merged = new Map(representation.attributes);
  for (const name of INHERITED) {
    const parentValue = adaptationSet.attributes.get(name);
    if (!merged.has(name) && parentValue !== undefined) merged.set(name, parentValue);
  }
  return merged;
}

export function describeRepresentation(
  representation: XmlElement,
  adaptationSet: XmlElement,
  where: string,
): RepresentationCandidate {
  const attrs = inheritedAttributes(representation, adaptationSet);
  const id = readString(attrs, 'id');
  if (id === undefined) throw invalidManifest(`${where}: Representation@id is required`);
  const here = `${where} Representation "${id}"`;
  const bandwidth = readPositiveInt(attrs, 'bandwidth', here);
  if (bandwidth === undefined) throw invalidManifest(`${here}: @bandwidth is required`);
  const mimeType = readString(attrs, 'mimeType');
  if (mimeType === undefined) throw invalidManifest(`${here}: @mimeType is required (on it or its AdaptationSet)`);

  const width = readPositiveInt(attrs, 'width', here);
  const height = readPositiveInt(attrs, 'height', here);
  const frameRate = readFrameRate(attrs, 'frameRate', here);
  const audioSamplingRate = readSamplingRate(attrs, 'audioSamplingRate', here);
  return {
    element: representation,
    id,
    bandwidth,
    mimeType,
    codecs: readString(attrs, 'codecs') ?? '',
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
    ...(frameRate === undefined ? {} : { frameRate }),
    ...(audioSamplingRate === undefined ? {} : { audioSamplingRate }),
  };
}

/** The string MediaSource.isTypeSupported expects: `video/mp4; codecs="avc1.64001f"`. */
export function mimeWithCodecs(candidate: { readonly mimeType: string; readonly codecs: string }): string {
  return candidate.codecs === '' ? candidate.mimeType : `${candidate.mimeType}; codecs="${candidate.codecs}"`;
}
