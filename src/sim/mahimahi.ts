/**
 * Mahimahi packet-delivery traces (Netravali et al., "Mahimahi: Accurate
 * Record-and-Replay for HTTP", USENIX ATC 2015): one line per delivery
 * opportunity of one 1500-byte packet, the line being its time in ms; several
 * lines may share a time; the trace loops with the last time as its period
 * (so "1, 2, …, 100" is one packet every millisecond, 12 Mbit/s, forever).
 * We turn it into piecewise-constant capacity by counting opportunities per
 * bin (10 ms by default: fine enough for segment downloads, and coarse enough
 * that a 12 Mbit/s trace, one packet per ms, does not read as on/off).
 */
import type { CapacityStep, CapacityTrace } from './traces.js';

export const MAHIMAHI_PACKET_BYTES = 1500;

export interface MahimahiOptions {
  readonly binMs: number;
  readonly name: string;
}

export function parseMahimahi(text: string, options: Partial<MahimahiOptions> = {}): CapacityTrace {
  const binMs = options.binMs ?? 10;
  if (!(binMs > 0)) throw new RangeError(`binMs must be > 0, got ${binMs}`);
  const times = mahimahiTimes(text);
  const periodMs = times[times.length - 1] ?? 0;
  if (!(periodMs > 0)) throw new Error('Mahimahi trace needs at least one delivery time after 0 ms');
  const binCount = Math.ceil(periodMs / binMs);
  const counts = new Array<number>(binCount).fill(0);
  // An opportunity at t delivers during the millisecond (t − 1, t]; t = 0 is the same instant as the period's end.
  for (const t of times) counts[Math.min(binCount - 1, Math.floor((t === 0 ? periodMs - 1 : t - 1) / binMs))]! += 1;
  const steps: CapacityStep[] = [];
  counts.forEach((count, k) => {
    const startMs = k * binMs;
    const lengthMs = Math.min(binMs, periodMs - startMs);
    const bps = (count * MAHIMAHI_PACKET_BYTES * 8 * 1000) / lengthMs;
    if (steps[steps.length - 1]?.bps !== bps) steps.push({ atMs: startMs, bps });
  });
  return { name: options.name ?? 'mahimahi', steps, periodMs };
}

/** Delivery times in ms, ascending; blank lines and `#` comments are skipped. */
function mahimahiTimes(text: string): number[] {
  const times: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const t = Number(line);
    if (!Number.isInteger(t) || t < 0) throw new Error(`Mahimahi trace line ${i + 1}: expected a non-negative integer ms, got "${line}"`);
    if (times.length > 0 && t < times[times.length - 1]!) throw new Error(`Mahimahi trace line ${i + 1}: time ${t} goes backwards`);
    times.push(t);
  });
  return times;
}
