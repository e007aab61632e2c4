/**
 * Whether one media request gets a fault, and which. Deterministic: the draw
 * depends only on the seed, the request's key (path and Range) and how many
 * times that key was asked for before, so a run replays the same faults
 * whatever order concurrent requests arrive in, and a retry of a request
 * draws afresh instead of failing forever.
 */
import { FAULT_KINDS, type FaultKind, type FaultSpec } from './fault-spec.js';

export interface FaultDecision {
  readonly kind: FaultKind;
  /** `5xx`: the status sent (500, 502, 503 or 504). */
  readonly status: number;
  /** Body faults: the share of the body sent before the fault, in [0.1, 0.9]. */
  readonly cutFraction: number;
  /** `stall`: how long the body is held. */
  readonly stallMs: number;
}

const SERVER_ERRORS = [500, 502, 503, 504] as const;

/** FNV-1a, 32 bits. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, well-mixed PRNG; returns uniforms in [0, 1). */
export function seededUniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The key a request is counted under: the same resource and byte range. */
export function faultKey(path: string, range: string | undefined): string {
  return `${path}|${range ?? ''}`;
}

/** `occurrence` counts earlier requests with the same key (0 for the first). */
export function decideFault(spec: FaultSpec, key: string, occurrence: number): FaultDecision | undefined {
  const next = seededUniforms(hashText(`${spec.seed}|${key}|${occurrence}`));
  const draw = next();
  let cumulative = 0;
  for (const kind of FAULT_KINDS) {
    cumulative += spec.probabilities[kind];
    if (draw < cumulative) {
      return {
        kind,
        status: SERVER_ERRORS[Math.floor(next() * SERVER_ERRORS.length)] ?? 503,
        cutFraction: 0.1 + 0.8 * next(),
        stallMs: spec.stallMs,
      };
    }
  }
  return undefined;
}
