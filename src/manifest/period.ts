/**
 * One Period → the model: AdaptationSets with the Representations this browser
 * can play, sorted by bandwidth, each with its segments (or segment-index descriptor).
 */
import type { AdaptationSet, Period, Representation, SegmentSource } from './types.js';
import { describeAdaptationSet, type AdaptationSetCandidate } from './adaptation-set.js';
import { buildSegments } from './build-segments.js';
import type { SegmentBudget } from './limits.js';
import { manifestError } from './manifest-errors.js';
import type { PeriodTiming } from './period-timing.js';
import { mimeWithCodecs, type RepresentationCandidate } from './representation.js';
import { mergeSegmentInfo } from './segment-info.js';
import { resolveUrl } from './url.js';
import { childrenOf, firstChild, type XmlElement } from './xml-tree.js';

export interface PeriodContext {
  readonly mpdBaseUrl: string;
  readonly isTypeSupported: (mimeWithCodecs: string) => boolean;
  readonly budget: SegmentBudget;
}

/** The first BaseURL child resolved against `base`; `base` itself when there is none. */
export function baseUrlOf(element: XmlElement, base: string): string {
  const reference = firstChild(element, 'BaseURL')?.text.trim();
  return reference === undefined || reference === '' ? base : resolveUrl(base, reference);
}

export function buildPeriod(timing: PeriodTiming, context: PeriodContext): Period {
  const periodBase = baseUrlOf(timing.element, context.mpdBaseUrl);
  const candidates = childrenOf(timing.element, 'AdaptationSet')
    .map((element, index) => describeAdaptationSet(element, index, timing.where))
    .filter((candidate): candidate is AdaptationSetCandidate => candidate !== undefined);

  const playable = candidates.map((candidate) => ({
    candidate,
    representations:
      candidate.contentType === 'text'
        ? candidate.representations
        : candidate.representations.filter((rep) => supported(context, rep)),
  }));
  requireSomethingPlayable(timing, candidates, playable.map((p) => p.representations));

  const adaptationSets = playable
    .filter(({ representations }) => representations.length > 0)
    .map(({ candidate, representations }) =>
      buildAdaptationSet(candidate, representations, timing, periodBase, context),
    );
  return {
    id: timing.id,
    startS: timing.startS,
    durationS: timing.durationS ?? durationFromSegments(timing, adaptationSets),
    adaptationSets,
  };
}

function supported(context: PeriodContext, rep: RepresentationCandidate): boolean {
  try {
    return context.isTypeSupported(mimeWithCodecs(rep)) === true;
  } catch {
    // A capability probe that throws has not said yes.
    return false;
  }
}

function requireSomethingPlayable(
  timing: PeriodTiming,
  candidates: readonly AdaptationSetCandidate[],
  kept: readonly (readonly RepresentationCandidate[])[],
): void {
  const anyAudioVisual = candidates.some(
    (candidate, i) => candidate.contentType !== 'text' && (kept[i]?.length ?? 0) > 0,
  );
  if (anyAudioVisual) return;
  const seen = [
    ...new Set(
      candidates
        .filter((candidate) => candidate.contentType !== 'text')
        .flatMap((candidate) => candidate.representations.map(mimeWithCodecs)),
    ),
  ];
  const detail = seen.length === 0 ? 'it has no video or audio representation' : `seen: ${seen.join(', ')}`;
  throw manifestError('NO_PLAYABLE_REPRESENTATION', `${timing.where}: nothing this browser can play; ${detail}`);
}

function buildAdaptationSet(
  candidate: AdaptationSetCandidate,
  representations: readonly RepresentationCandidate[],
  timing: PeriodTiming,
  periodBase: string,
  context: PeriodContext,
): AdaptationSet {
  const setBase = baseUrlOf(candidate.element, periodBase);
  const sorted = [...representations].sort((a, b) => a.bandwidth - b.bandwidth);
  return {
    id: candidate.id,
    contentType: candidate.contentType,
    mimeType: candidate.mimeType,
    ...(candidate.lang === undefined ? {} : { lang: candidate.lang }),
    representations: sorted.map((rep) => buildRepresentation(rep, candidate, timing, setBase, context)),
  };
}

function buildRepresentation(
  rep: RepresentationCandidate,
  adaptationSet: AdaptationSetCandidate,
  timing: PeriodTiming,
  setBase: string,
  context: PeriodContext,
): Representation {
  const info = mergeSegmentInfo([timing.element, adaptationSet.element, rep.element]);
  const segments: SegmentSource = buildSegments(info, {
    baseUrl: baseUrlOf(rep.element, setBase),
    representationId: rep.id,
    bandwidth: rep.bandwidth,
    periodStartS: timing.startS,
    periodDurationS: timing.durationS,
    budget: context.budget.forRepresentation(),
    where: `${timing.where} AdaptationSet "${adaptationSet.id}" Representation "${rep.id}"`,
  });
  const { element: _element, ...attributes } = rep;
  return { ...attributes, segments };
}

/** A last Period of unstated length lasts as long as its longest listed Representation. */
function durationFromSegments(timing: PeriodTiming, adaptationSets: readonly AdaptationSet[]): number {
  let endS = timing.startS;
  for (const set of adaptationSets) {
    for (const rep of set.representations) {
      if (rep.segments.kind !== 'listed') continue;
      const last = rep.segments.segments.at(-1);
      if (last !== undefined) endS = Math.max(endS, last.startS + last.durationS);
    }
  }
  return endS - timing.startS;
}
