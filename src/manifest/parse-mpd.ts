/**
 * MPD text → the immutable Manifest model. The text is untrusted: every failure
 * leaves as a SprintError (MANIFEST_*, UNSAFE_URL, NO_PLAYABLE_REPRESENTATION),
 * and allocation is bounded by ParseMpdOptions' limits.
 */
import { isSprintError } from '../errors.js';
import type { Manifest } from './types.js';
import { readDuration, readString } from './attributes.js';
import {
  createSegmentBudget,
  DEFAULT_MAX_MANIFEST_BYTES,
  DEFAULT_MAX_SEGMENTS_PER_REPRESENTATION,
  DEFAULT_MAX_SEGMENTS_TOTAL,
  exceedsUtf8Bytes,
  type ParseMpdOptions,
} from './limits.js';
import { describeUnknown, invalidManifest, manifestError, withUrl } from './manifest-errors.js';
import { baseUrlOf, buildPeriod } from './period.js';
import { periodTimings } from './period-timing.js';
import { requireSafeUrl } from './url.js';
import { parseXmlTree } from './xml-tree.js';

/** DASH requires @minBufferTime; when a sloppy MPD omits it, a common default. */
const FALLBACK_MIN_BUFFER_TIME_S = 2;

export function parseMpd(xmlText: string, manifestUrl: string, options: ParseMpdOptions = {}): Manifest {
  try {
    return parseUntrustedMpd(xmlText, manifestUrl, options);
  } catch (e) {
    if (isSprintError(e)) throw withUrl(e, manifestUrl);
    // Nothing else may escape: a bug or an engine limit (stack, memory) still gets a typed error.
    throw manifestError('MANIFEST_INVALID', `unexpected failure while parsing: ${describeUnknown(e)}`, {
      url: manifestUrl,
      cause: e,
    });
  }
}

function parseUntrustedMpd(xmlText: string, manifestUrl: string, options: ParseMpdOptions): Manifest {
  if (typeof xmlText !== 'string') throw manifestError('MANIFEST_NOT_XML', 'manifest text is not a string');
  const maxBytes = options.maxManifestBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  if (exceedsUtf8Bytes(xmlText, maxBytes)) {
    throw manifestError('MANIFEST_TOO_LARGE', `manifest is larger than ${maxBytes} bytes`);
  }
  const url = requireSafeUrl(manifestUrl);

  const mpd = parseXmlTree(xmlText);
  if (mpd.name !== 'MPD') throw invalidManifest(`root element is <${mpd.name}>, not <MPD>`);

  const type = readString(mpd.attributes, 'type') ?? 'static';
  if (type === 'dynamic') {
    throw manifestError('MANIFEST_UNSUPPORTED', 'live (type="dynamic") MPDs are not supported; only VOD (static)');
  }
  if (type !== 'static') throw invalidManifest(`MPD@type "${type}" must be "static" or "dynamic"`);

  const mediaPresentationDurationS = readDuration(mpd.attributes, 'mediaPresentationDuration', 'MPD');
  const minBufferTimeS = readDuration(mpd.attributes, 'minBufferTime', 'MPD') ?? FALLBACK_MIN_BUFFER_TIME_S;
  const budget = createSegmentBudget(
    options.maxSegmentsPerRepresentation ?? DEFAULT_MAX_SEGMENTS_PER_REPRESENTATION,
    options.maxSegmentsTotal ?? DEFAULT_MAX_SEGMENTS_TOTAL,
  );
  const context = {
    mpdBaseUrl: baseUrlOf(mpd, url),
    isTypeSupported: options.isTypeSupported ?? (() => true),
    budget,
  };
  const periods = periodTimings(mpd, mediaPresentationDurationS).map((timing) => buildPeriod(timing, context));
  const last = periods.at(-1);
  const durationS = mediaPresentationDurationS ?? (last === undefined ? 0 : last.startS + last.durationS);
  return { url, type: 'static', durationS, minBufferTimeS, periods };
}
