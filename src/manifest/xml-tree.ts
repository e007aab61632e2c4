/**
 * Untrusted XML text → a small immutable element tree, with fast-xml-parser
 * (runs in browsers and Node alike; no DOMParser).
 *
 * Entities: the parser's own entity processing is off, so a DOCTYPE's <!ENTITY>
 * can never be expanded; we decode the five predefined XML entities and numeric
 * character references ourselves. A DOCTYPE declaring entities is refused outright.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { manifestError } from './manifest-errors.js';

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** Child elements by (namespace-stripped) name, in document order within a name. */
  readonly children: ReadonlyMap<string, readonly XmlElement[]>;
  readonly text: string;
}

const ATTRIBUTES_KEY = '@';
const TEXT_KEY = '#text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: ATTRIBUTES_KEY,
  textNodeName: TEXT_KEY,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Every element may repeat; attributes never do.
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

const ENTITY_DECLARATION = /<!ENTITY/i;
const DOCTYPE = /<!DOCTYPE/i;
const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; anything else stays literal. */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, body: string) => {
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const code = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/** Parses XML text; throws MANIFEST_NOT_XML naming the cause when it is not well-formed. */
export function parseXmlTree(rawText: string): XmlElement {
  // A byte-order mark or stray leading whitespace (seen from sloppy servers) would make
  // the XML declaration "not at the start"; neither carries meaning.
  const text = rawText.replace(/^\uFEFF?\s+/, '').replace(/^\uFEFF/, '');
  const docType = DOCTYPE.exec(text);
  if (docType && ENTITY_DECLARATION.test(text.slice(docType.index))) {
    throw manifestError('MANIFEST_NOT_XML', 'DOCTYPE entity declarations are not allowed');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw manifestError('MANIFEST_NOT_XML', `not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw manifestError('MANIFEST_NOT_XML', `XML parser rejected the document: ${reason}`, { cause });
  }
  const roots = toChildren(raw);
  const all = [...roots.values()].flat();
  if (all.length !== 1 || all[0] === undefined) {
    throw manifestError('MANIFEST_NOT_XML', `expected one root element, found ${all.length}`);
  }
  return all[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toElement(name: string, raw: unknown): XmlElement {
  // The parser gives a bare string for elements with neither attributes nor children.
  if (!isRecord(raw)) {
    return { name, attributes: new Map(), children: new Map(), text: decodeXmlReferences(stringOf(raw)) };
  }
  return {
    name,
    attributes: toAttributes(raw[ATTRIBUTES_KEY]),
    children: toChildren(raw),
    text: decodeXmlReferences(stringOf(raw[TEXT_KEY])),
  };
}

function toAttributes(raw: unknown): ReadonlyMap<string, string> {
  const attributes = new Map<string, string>();
  if (!isRecord(raw)) return attributes;
  for (const key of Object.keys(raw)) {
    attributes.set(key, decodeXmlReferences(stringOf(raw[key])));
  }
  return attributes;
}

function toChildren(raw: unknown): ReadonlyMap<string, readonly XmlElement[]> {
  const children = new Map<string, XmlElement[]>();
  if (!isRecord(raw)) return children;
  for (const key of Object.keys(raw)) {
    if (key === ATTRIBUTES_KEY || key === TEXT_KEY) continue;
    const value = raw[key];
    const items = Array.isArray(value) ? value : [value];
    children.set(key, items.map((item: unknown) => toElement(key, item)));
  }
  return children;
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Mixed content can yield several text pieces; a manifest never needs that.
  if (Array.isArray(value)) return value.map(stringOf).join('');
  return '';
}

/** Child elements named `name` (namespace prefix already stripped). */
export function childrenOf(element: XmlElement, name: string): readonly XmlElement[] {
  return element.children.get(name) ?? [];
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return childrenOf(element, name)[0];
}
