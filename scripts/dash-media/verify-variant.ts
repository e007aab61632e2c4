// Reads a generated MPD back and checks it describes what the recipe promised:
// codecs, sizes, bandwidths, and exactly N segments per representation on disk.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { AUDIO, SEGMENT_SECONDS, type DashVariant, type VideoRung } from './recipe.js';
import { readSegmentIndex, topLevelBoxes } from './mp4-boxes.js';

export interface RepresentationReport {
  readonly id: string;
  readonly kind: 'video' | 'audio';
  readonly codecs: string;
  readonly bandwidth: number;
  readonly width?: number;
  readonly height?: number;
  readonly nominalKbps: number;
  readonly segments: number;
  readonly initBytes: number;
  readonly mediaBytes: number;
  readonly avgKbps: number;
  readonly minKbps: number;
  readonly maxKbps: number;
}

export interface VariantReport {
  readonly name: DashVariant['name'];
  readonly representations: readonly RepresentationReport[];
  readonly totalBytes: number;
}

interface Segment {
  readonly bytes: number;
  readonly seconds: number;
}

interface SegmentListing {
  readonly initBytes: number;
  readonly segments: readonly Segment[];
}

type XmlNode = { readonly [key: string]: unknown };

/** Average bitrate may miss nominal by this fraction before we call the media broken. */
const BITRATE_TOLERANCE = 0.3;
const VIDEO_CODECS = /^avc1\.64[0-9a-f]{4}$/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['Period', 'AdaptationSet', 'Representation', 'S'].includes(name),
});

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  return typeof value === 'object' && value !== null ? (value as XmlNode) : undefined;
}

function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function numberAttr(node: XmlNode, name: string, fallback?: number): number {
  const raw = attr(node, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (value === undefined || !Number.isFinite(value)) throw new Error(`missing numeric @${name}`);
  return value;
}

async function fileSize(filePath: string): Promise<number | undefined> {
  try {
    return (await stat(filePath)).size;
  } catch {
    return undefined;
  }
}

function expandTemplate(template: string, id: string, values: { Number?: number; Time?: number }): string {
  return template
    .replaceAll('$RepresentationID$', id)
    .replace(/\$(Number|Time)(?:%0(\d+)d)?\$/g, (_, key: 'Number' | 'Time', width?: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`template ${template} uses $${key}$ unexpectedly`);
      return width ? String(value).padStart(Number(width), '0') : String(value);
    });
}

async function listNumberSegments(dir: string, id: string, template: XmlNode): Promise<SegmentListing> {
  if (child(template, 'SegmentTimeline')) throw new Error('number variant must not have a SegmentTimeline');
  const media = attr(template, 'media') ?? '';
  if (!media.includes('$Number')) throw new Error(`media="${media}" lacks $Number$`);
  const seconds = numberAttr(template, 'duration') / numberAttr(template, 'timescale', 1);
  if (seconds !== SEGMENT_SECONDS) throw new Error(`SegmentTemplate duration is ${seconds}s`);
  const initBytes = await fileSize(path.join(dir, expandTemplate(attr(template, 'initialization') ?? '', id, {})));
  if (initBytes === undefined) throw new Error(`init segment for ${id} missing`);
  const segments: Segment[] = [];
  for (let n = numberAttr(template, 'startNumber', 1); ; n++) {
    const bytes = await fileSize(path.join(dir, expandTemplate(media, id, { Number: n })));
    if (bytes === undefined) break;
    segments.push({ bytes, seconds });
  }
  return { initBytes, segments };
}

async function listTimelineSegments(dir: string, id: string, template: XmlNode): Promise<SegmentListing> {
  const media = attr(template, 'media') ?? '';
  if (!media.includes('$Time$')) throw new Error(`media="${media}" lacks $Time$`);
  const timeline = child(template, 'SegmentTimeline');
  if (!timeline) throw new Error('timeline variant has no SegmentTimeline');
  const timescale = numberAttr(template, 'timescale', 1);
  const initBytes = await fileSize(path.join(dir, expandTemplate(attr(template, 'initialization') ?? '', id, {})));
  if (initBytes === undefined) throw new Error(`init segment for ${id} missing`);
  const segments: Segment[] = [];
  let time = 0;
  for (const s of children(timeline, 'S')) {
    time = numberAttr(s, 't', time);
    const duration = numberAttr(s, 'd');
    for (let repeat = numberAttr(s, 'r', 0); repeat >= 0; repeat--) {
      const name = expandTemplate(media, id, { Time: time });
      const bytes = await fileSize(path.join(dir, name));
      if (bytes === undefined) throw new Error(`timeline names ${name} but it is not on disk`);
      segments.push({ bytes, seconds: duration / timescale });
      time += duration;
    }
  }
  return { initBytes, segments };
}

async function listSidxSegments(dir: string, representation: XmlNode): Promise<SegmentListing> {
  const base = representation['BaseURL'];
  const segmentBase = child(representation, 'SegmentBase');
  if (typeof base !== 'string' || !segmentBase) throw new Error('single variant needs BaseURL + SegmentBase');
  const [indexStart, indexEnd] = (attr(segmentBase, 'indexRange') ?? '').split('-').map(Number);
  const initRange = attr(child(segmentBase, 'Initialization') ?? {}, 'range') ?? '';
  const filePath = path.join(dir, base);
  const sidx = (await topLevelBoxes(filePath)).find((box) => box.offset === indexStart);
  if (!sidx || sidx.type !== 'sidx' || indexEnd !== sidx.offset + sidx.size - 1) {
    throw new Error(`${base}: indexRange does not cover a sidx box exactly`);
  }
  if (initRange !== `0-${sidx.offset - 1}`) throw new Error(`${base}: Initialization range ${initRange} is not 0-${sidx.offset - 1}`);
  const index = await readSegmentIndex(filePath, sidx);
  return {
    initBytes: sidx.offset,
    segments: index.references.map((ref) => ({ bytes: ref.referencedSize, seconds: ref.subsegmentDuration / index.timescale })),
  };
}

function checkIdentity(kind: 'video' | 'audio', representation: XmlNode, rung: VideoRung | undefined): void {
  const codecs = attr(representation, 'codecs') ?? '';
  if (numberAttr(representation, 'bandwidth') <= 0) throw new Error('bandwidth must be positive');
  if (kind === 'audio') {
    if (codecs !== 'mp4a.40.2') throw new Error(`audio codecs="${codecs}", expected mp4a.40.2`);
    if (numberAttr(representation, 'audioSamplingRate') !== AUDIO.sampleRate) throw new Error('audioSamplingRate mismatch');
    return;
  }
  if (!VIDEO_CODECS.test(codecs)) throw new Error(`video codecs="${codecs}" is not avc1 High (avc1.64xxxx)`);
  if (!rung) throw new Error('more video representations than ladder rungs');
  const width = numberAttr(representation, 'width');
  const height = numberAttr(representation, 'height');
  if (width !== rung.width || height !== rung.height) throw new Error(`${width}x${height}, expected ${rung.width}x${rung.height}`);
}

function summarise(
  kind: 'video' | 'audio',
  representation: XmlNode,
  nominalKbps: number,
  listing: SegmentListing,
): RepresentationReport {
  const kbps = listing.segments.map((s) => (s.bytes * 8) / s.seconds / 1000);
  const mediaBytes = listing.segments.reduce((sum, s) => sum + s.bytes, 0);
  const mediaSeconds = listing.segments.reduce((sum, s) => sum + s.seconds, 0);
  const width = attr(representation, 'width');
  const height = attr(representation, 'height');
  return {
    id: attr(representation, 'id') ?? '?',
    kind,
    codecs: attr(representation, 'codecs') ?? '',
    bandwidth: numberAttr(representation, 'bandwidth'),
    ...(width && height ? { width: Number(width), height: Number(height) } : {}),
    nominalKbps,
    segments: listing.segments.length,
    initBytes: listing.initBytes,
    mediaBytes,
    avgKbps: Math.round((mediaBytes * 8) / mediaSeconds / 1000),
    minKbps: Math.round(Math.min(...kbps)),
    maxKbps: Math.round(Math.max(...kbps)),
  };
}

/** Throws with the variant and representation named when anything is off. */
export async function verifyVariant(
  variant: DashVariant['name'],
  manifestPath: string,
  ladder: readonly VideoRung[],
  expectedSegments: number,
): Promise<VariantReport> {
  const dir = path.dirname(manifestPath);
  const mpd = child(parser.parse(await readFile(manifestPath, 'utf8')) as XmlNode, 'MPD');
  if (!mpd || attr(mpd, 'type') !== 'static') throw new Error(`${manifestPath}: not a static MPD`);
  const periods = children(mpd, 'Period');
  const sets = periods.length === 1 && periods[0] ? children(periods[0], 'AdaptationSet') : [];
  const reports: RepresentationReport[] = [];
  let videoIndex = 0;
  for (const set of sets) {
    const kind = attr(set, 'contentType') === 'audio' ? 'audio' : 'video';
    for (const representation of children(set, 'Representation')) {
      const id = attr(representation, 'id') ?? '?';
      try {
        const rung = kind === 'video' ? ladder[videoIndex++] : undefined;
        checkIdentity(kind, representation, rung);
        const template = child(representation, 'SegmentTemplate') ?? {};
        const listing =
          variant === 'number' ? await listNumberSegments(dir, id, template)
          : variant === 'timeline' ? await listTimelineSegments(dir, id, template)
          : await listSidxSegments(dir, representation);
        if (listing.segments.length !== expectedSegments) {
          throw new Error(`${listing.segments.length} segments, expected ${expectedSegments}`);
        }
        const report = summarise(kind, representation, rung?.kbps ?? AUDIO.kbps, listing);
        const miss = Math.abs(report.avgKbps - report.nominalKbps) / report.nominalKbps;
        if (miss > BITRATE_TOLERANCE) throw new Error(`average ${report.avgKbps} kbps is ${Math.round(miss * 100)}% off nominal`);
        reports.push(report);
      } catch (error) {
        throw new Error(`${variant} representation ${id}: ${(error as Error).message}`);
      }
    }
  }
  if (videoIndex !== ladder.length || reports.length !== ladder.length + 1) {
    throw new Error(`${variant}: expected ${ladder.length} video + 1 audio representations, found ${reports.length}`);
  }
  const totalBytes = reports.reduce((sum, r) => sum + r.initBytes + r.mediaBytes, 0);
  return { name: variant, representations: reports, totalBytes };
}
