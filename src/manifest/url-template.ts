/**
 * SegmentTemplate URL templates (DASH 5.3.9.4.4): $RepresentationID$, $Number$,
 * $Bandwidth$, $Time$, "$$" for a literal dollar, and printf width like $Number%05d$.
 * Compiled once per template, then filled per segment.
 */
import { invalidManifest } from './manifest-errors.js';

export interface TemplateValues {
  readonly representationId: string;
  readonly bandwidth: number;
  readonly number?: number;
  readonly time?: number;
}

type Identifier = 'RepresentationID' | 'Number' | 'Bandwidth' | 'Time';
type Part = { readonly literal: string } | { readonly identifier: Identifier; readonly width: number };

export type FilledTemplate = (values: TemplateValues) => string;

const IDENTIFIER = /^(RepresentationID|Number|Bandwidth|Time)(?:%0?(\d{1,3})d)?$/;
/** A hostile "%0999999999d" must not allocate a gigabyte of zeros. */
const MAX_WIDTH = 32;

export function compileTemplate(template: string, where: string): FilledTemplate {
  const parts = splitTemplate(template, where);
  // Filled once per segment, so a plain loop rather than map/join.
  return (values) => {
    let out = '';
    for (const part of parts) out += 'literal' in part ? part.literal : fill(part, values, where);
    return out;
  };
}

/** True when the template names the identifier (e.g. to pick $Time$ or $Number$ addressing). */
export function templateUses(template: string, identifier: Identifier): boolean {
  return template.includes(`$${identifier}$`) || template.includes(`$${identifier}%`);
}

function splitTemplate(template: string, where: string): Part[] {
  const parts: Part[] = [];
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('$', cursor);
    if (open < 0) {
      parts.push({ literal: template.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ literal: template.slice(cursor, open) });
    const close = template.indexOf('$', open + 1);
    if (close < 0) throw invalidManifest(`${where}: unterminated "$" in template "${template}"`);
    const body = template.slice(open + 1, close);
    parts.push(body === '' ? { literal: '$' } : parseIdentifier(body, template, where));
    cursor = close + 1;
  }
  return parts;
}

function parseIdentifier(body: string, template: string, where: string): Part {
  const match = IDENTIFIER.exec(body);
  if (!match) throw invalidManifest(`${where}: unknown identifier "$${body}$" in template "${template}"`);
  const identifier = match[1] as Identifier;
  const width = match[2] === undefined ? 0 : Number(match[2]);
  if (width > MAX_WIDTH) throw invalidManifest(`${where}: width ${width} too large in "$${body}$"`);
  if (identifier === 'RepresentationID' && match[2] !== undefined) {
    throw invalidManifest(`${where}: $RepresentationID$ takes no format tag`);
  }
  return { identifier, width };
}

function fill(part: { identifier: Identifier; width: number }, values: TemplateValues, where: string): string {
  const value = valueOf(part.identifier, values);
  if (value === undefined) throw invalidManifest(`${where}: $${part.identifier}$ cannot be used in this template`);
  return typeof value === 'string' ? value : String(value).padStart(part.width, '0');
}

function valueOf(identifier: Identifier, values: TemplateValues): string | number | undefined {
  switch (identifier) {
    case 'RepresentationID':
      return values.representationId;
    case 'Bandwidth':
      return values.bandwidth;
    case 'Number':
      return values.number;
    case 'Time':
      return values.time;
  }
}
