/**
 * Link capacity over time for the simulator: piecewise constant, either held
 * at its last rate forever or repeating with a period (Mahimahi traces loop).
 * Plain data plus pure lookups, and a few synthetic traces as code.
 */

export interface CapacityStep {
  /** Start of this rate, ms from the start of the trace (or of its period). */
  readonly atMs: number;
  readonly bps: number;
}

export interface CapacityTrace {
  readonly name: string;
  /** Sorted by atMs, the first at 0. */
  readonly steps: readonly CapacityStep[];
  /** Repeat every periodMs; undefined: the last rate holds forever. */
  readonly periodMs?: number | undefined;
}

/** Tolerance for float time arithmetic at step boundaries. */
const EPS_MS = 1e-6;

function localTime(trace: CapacityTrace, ms: number): { baseMs: number; localMs: number } {
  const period = trace.periodMs;
  if (period === undefined || !(period > 0)) return { baseMs: 0, localMs: ms };
  const cycles = Math.floor((ms + EPS_MS) / period);
  return { baseMs: cycles * period, localMs: ms - cycles * period };
}

/** Index of the step in force at local time `localMs`. */
function stepIndexAt(steps: readonly CapacityStep[], localMs: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid]!.atMs <= localMs + EPS_MS) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Capacity in bits/s at `ms`. */
export function capacityAt(trace: CapacityTrace, ms: number): number {
  const { localMs } = localTime(trace, ms);
  return trace.steps[stepIndexAt(trace.steps, localMs)]?.bps ?? 0;
}

/** The first time after `ms` at which the capacity may change; Infinity if never. */
export function nextCapacityChange(trace: CapacityTrace, ms: number): number {
  const { baseMs, localMs } = localTime(trace, ms);
  const next = trace.steps[stepIndexAt(trace.steps, localMs) + 1];
  if (next) return baseMs + next.atMs;
  return trace.periodMs !== undefined && trace.periodMs > 0 ? baseMs + trace.periodMs : Infinity;
}

/** Bits the whole link can carry between two times (for tests and checks). */
export function capacityBitsBetween(trace: CapacityTrace, fromMs: number, toMs: number): number {
  let bits = 0;
  for (let t = fromMs; t < toMs - EPS_MS; ) {
    const end = Math.min(toMs, nextCapacityChange(trace, t));
    bits += (capacityAt(trace, t) * (end - t)) / 1000;
    t = end;
  }
  return bits;
}

/** A trace from `[{ untilS, mbps }]`: each rate holds until `untilS`; the last one holds forever. */
export function stepTrace(name: string, steps: readonly { readonly untilS: number; readonly mbps: number }[], periodS?: number): CapacityTrace {
  let startMs = 0;
  const out: CapacityStep[] = [];
  for (const step of steps) {
    out.push({ atMs: startMs, bps: step.mbps * 1e6 });
    startMs = step.untilS * 1000;
  }
  return { name, steps: out.length > 0 ? out : [{ atMs: 0, bps: 0 }], periodMs: periodS === undefined ? undefined : periodS * 1000 };
}

export function flatTrace(mbps: number): CapacityTrace {
  return stepTrace(`flat ${mbps} Mbit/s`, [{ untilS: Infinity, mbps }]);
}

/** The synthetic traces the ABR tests and the results table use. */
export const SYNTHETIC_TRACES = {
  flat3: flatTrace(3),
  flat10: flatTrace(10),
  /** 8 Mbit/s, then 1 Mbit/s from 60 s on. */
  stepDown: stepTrace('step down 8→1 Mbit/s at 60 s', [
    { untilS: 60, mbps: 8 },
    { untilS: Infinity, mbps: 1 },
  ]),
  /** 1 Mbit/s, then 8 Mbit/s from 60 s on. */
  stepUp: stepTrace('step up 1→8 Mbit/s at 60 s', [
    { untilS: 60, mbps: 1 },
    { untilS: Infinity, mbps: 8 },
  ]),
  /** 20 s at 6 Mbit/s, 20 s at 1.5 Mbit/s, repeating. */
  oscillating: stepTrace(
    'oscillating 6↔1.5 Mbit/s every 20 s',
    [
      { untilS: 20, mbps: 6 },
      { untilS: 40, mbps: 1.5 },
    ],
    40,
  ),
} as const satisfies Record<string, CapacityTrace>;
