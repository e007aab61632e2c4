/**
 * BOLA-BASIC with the practical parts of dash.js's BolaRule (Spiteri,
 * Urgaonkar, Sitaraman, INFOCOM 2016; Spiteri, Sitaraman, Sparacio, "From
 * Theory to Practice: Improving Bitrate Adaptation in the DASH Reference
 * Player", MMSys 2018). The math is in bola-math.ts; this module keeps the
 * per-stream state as an immutable value advanced by a pure step function.
 *
 * - Startup: until one segment is buffered, pick by throughput (harmonic mean
 *   of the last 5 samples × 0.9, dash.js's bandwidthSafetyFactor; 1 Mbit/s
 *   before any sample, dash.js's default video bitrate) and seed a
 *   placeholder buffer so BOLA's map agrees with that pick.
 * - Steady: effective buffer = real buffer + placeholder. The placeholder
 *   grows by the time no request was in flight before this one (the scheduler
 *   holding the buffer at its target must not keep BOLA low; context.idleSinceMs,
 *   nothing is credited when the caller does not provide it), decays ×0.99 per
 *   segment and is capped so the effective buffer at the previous request stays
 *   below that rung's maximum; an empty buffer clears it. dash.js measures idle
 *   time from the last download's end, which with one request at a time is the
 *   same; with overlapping requests only time with nothing in flight is idle.
 * - BOLA-O: never climb above both the previous rung and the rung the
 *   throughput sustains (avoids oscillating when bandwidth lies between rungs).
 * - Insufficient buffer (insufficient-buffer.ts): never pick a rung whose
 *   download would outlast the buffer.
 * dash.js also delays requests when the effective buffer is above the rung's
 * maximum; here only the placeholder part of that delay is applied, the
 * buffer target of the scheduler does the rest.
 */
import { bolaLevelForBuffer, bolaMaxBufferForLevel, bolaMinBufferForLevel, bolaParameters } from './bola-math.js';
import { DEFAULT_INSUFFICIENT_BUFFER, insufficientBufferCap } from './insufficient-buffer.js';
import { highestLevelUnder, predictThroughputBps } from './throughput-rule.js';
import type { AbrContext, AbrController, AbrDecision } from './types.js';

export interface BolaOptions {
  /** dash.js streaming.abr.throughput.bandwidthSafetyFactor. */
  readonly safetyFactor: number;
  /** Samples in the harmonic mean. */
  readonly window: number;
  /** Throughput assumed before any sample (dash.js's default video bitrate, 1000 kbit/s). */
  readonly defaultBps: number;
  /** dash.js PLACEHOLDER_BUFFER_DECAY, applied once per downloaded segment. */
  readonly placeholderDecay: number;
  readonly insufficientBufferSafety: number;
  /** Decisions before the insufficient-buffer cap applies (dash.js segmentIgnoreCount). */
  readonly insufficientBufferIgnore: number;
}

export const DEFAULT_BOLA: BolaOptions = {
  safetyFactor: 0.9,
  window: 5,
  defaultBps: 1_000_000,
  placeholderDecay: 0.99,
  insufficientBufferSafety: DEFAULT_INSUFFICIENT_BUFFER.safetyFactor,
  insufficientBufferIgnore: DEFAULT_INSUFFICIENT_BUFFER.ignoreFirstSegments,
};

export interface BolaState {
  readonly phase: 'startup' | 'steady';
  /** Seconds of virtual buffer added to the real one. */
  readonly placeholderS: number;
  readonly lastCallMs: number | undefined;
  /** Real buffer at the previous request. */
  readonly lastBufferS: number | undefined;
  readonly decisions: number;
}

export const INITIAL_BOLA_STATE: BolaState = {
  phase: 'startup',
  placeholderS: 0,
  lastCallMs: undefined,
  lastBufferS: undefined,
  decisions: 0,
};

export interface BolaStep {
  readonly state: BolaState;
  readonly decision: AbrDecision;
}

/** Seconds with nothing in flight since the previous decision (already credited time is not counted twice). */
function idleSeconds(state: BolaState, context: AbrContext): number {
  if (context.idleSinceMs === undefined) return 0;
  const fromMs = Math.max(context.idleSinceMs, state.lastCallMs ?? -Infinity);
  return Math.max(0, (context.nowMs - fromMs) / 1000);
}

export function bolaStep(state: BolaState, context: AbrContext, options: BolaOptions = DEFAULT_BOLA): BolaStep {
  const params = bolaParameters(context.ladder, context.bufferTargetS);
  if (!params) return { state, decision: { level: 0, reason: 'BOLA: one bitrate' } };
  const predicted = predictThroughputBps(context, options.window);
  const safeBps = (predicted ?? options.defaultBps) * options.safetyFactor;
  const throughputLevel = highestLevelUnder(context.ladder, safeBps);
  const bufferS = context.phase === 'recovering' ? 0 : Math.max(0, context.bufferLevelS);

  let level: number;
  let placeholderS: number;
  let phase = state.phase;
  let reason: string;
  if (state.phase === 'startup') {
    level = throughputLevel;
    placeholderS = Math.max(0, bolaMinBufferForLevel(params, level) - bufferS);
    if (context.previousLevel !== undefined && bufferS >= context.segmentDurationS) phase = 'steady';
    reason = `BOLA startup: throughput ${(safeBps / 1e6).toFixed(2)} Mbit/s`;
  } else {
    const current = context.previousLevel ?? throughputLevel;
    placeholderS = state.placeholderS;
    if (bufferS <= 0) placeholderS = 0;
    else {
      placeholderS *= options.placeholderDecay;
      if (state.lastBufferS !== undefined) {
        placeholderS = Math.min(placeholderS, Math.max(0, bolaMaxBufferForLevel(params, current) - state.lastBufferS));
      }
      placeholderS += idleSeconds(state, context);
    }
    const effectiveS = bufferS + placeholderS;
    level = bolaLevelForBuffer(params, effectiveS);
    if (level > current && level > throughputLevel) level = Math.max(throughputLevel, current);
    const overS = Math.max(0, effectiveS - bolaMaxBufferForLevel(params, level));
    placeholderS -= Math.min(overS, placeholderS);
    reason = `BOLA buffer ${bufferS.toFixed(1)} s + placeholder ${placeholderS.toFixed(1)} s`;
  }

  if (state.decisions >= options.insufficientBufferIgnore) {
    const cap = insufficientBufferCap(context, predicted, options.insufficientBufferSafety);
    if (cap !== undefined && cap < level) {
      level = cap;
      reason += `; capped: buffer ${bufferS.toFixed(1)} s too low`;
    }
  }

  return {
    state: {
      phase,
      placeholderS,
      lastCallMs: context.nowMs,
      lastBufferS: bufferS,
      decisions: state.decisions + 1,
    },
    decision: { level, reason },
  };
}

export class BolaRule implements AbrController {
  readonly name = 'bola';
  private readonly options: BolaOptions;
  private state: BolaState = INITIAL_BOLA_STATE;

  constructor(options: Partial<BolaOptions> = {}) {
    this.options = { ...DEFAULT_BOLA, ...options };
  }

  /** BOLA's own state (startup or steady, placeholder), for stats and tests. */
  get current(): BolaState {
    return this.state;
  }

  choose(context: AbrContext): AbrDecision {
    const step = bolaStep(this.state, context, this.options);
    this.state = step.state;
    return step.decision;
  }

  reset(): void {
    this.state = INITIAL_BOLA_STATE;
  }
}
