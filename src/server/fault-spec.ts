/**
 * The origin's fault-injection spec: which faults to inject into media
 * responses, how often, and with which seed. One text form serves the CLI
 * (`--faults`) and the per-URL prefix (`/__faults/<spec>/media/...`):
 *
 *   5xx=0.05,404=0.02,reset=0.02,truncate=0.02,stall=0.02:8s,seed=7,match=-00005.m4s
 *
 * `mixed` names a preset (items after it override it). Pure; parsing is strict
 * because the prefix form comes from request URLs.
 */

export const FAULT_KINDS = ['5xx', '404', 'reset', 'truncate', 'stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Probability per media request of each kind; they add up to at most 1. */
  readonly probabilities: Readonly<Record<FaultKind, number>>;
  /** How long a `stall` fault holds the body mid-transfer. */
  readonly stallMs: number;
  readonly seed: number;
  /** Only paths containing this text are eligible (e.g. `-00005.m4s`); undefined: every media path. */
  readonly match: string | undefined;
}

export const DEFAULT_STALL_MS = 8_000;
export const MAX_STALL_MS = 120_000;
/** The prefix form arrives in a URL; nothing legitimate is longer. */
export const MAX_SPEC_LENGTH = 256;

export const FAULT_PRESETS: Readonly<Record<string, string>> = {
  /** The soak's mix: every origin fault kind, a few percent each. */
  mixed: '5xx=0.02,404=0.01,reset=0.02,truncate=0.02,stall=0.01:8s,seed=1',
  none: '',
};

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const NO_FAULTS: Readonly<Record<FaultKind, number>> = { '5xx': 0, '404': 0, reset: 0, truncate: 0, stall: 0 };
const MATCH_TEXT = /^[A-Za-z0-9._-]{1,64}$/;

function isFaultKind(key: string): key is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(key);
}

function parseProbability(raw: string, key: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new FaultSpecError(`${key}: probability must be a number in [0, 1], got "${raw}"`);
  }
  return value;
}

/** "8s", "800ms", "1.5s" → milliseconds. */
export function parseDurationMs(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(raw);
  if (!match) throw new FaultSpecError(`stall duration must look like 8s or 800ms, got "${raw}"`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (!(ms > 0 && ms <= MAX_STALL_MS)) throw new FaultSpecError(`stall duration must be in (0, ${MAX_STALL_MS / 1000}s], got "${raw}"`);
  return ms;
}

export function parseFaultSpec(text: string): FaultSpec {
  if (text.length > MAX_SPEC_LENGTH) throw new FaultSpecError(`fault spec is longer than ${MAX_SPEC_LENGTH} characters`);
  const probabilities: Record<FaultKind, number> = { ...NO_FAULTS };
  let stallMs = DEFAULT_STALL_MS;
  let seed = 1;
  let match: string | undefined;
  const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of items) {
    const preset = FAULT_PRESETS[item];
    if (preset !== undefined) {
      const base = parseFaultSpec(preset);
      Object.assign(probabilities, base.probabilities);
      ({ stallMs, seed, match } = base);
      continue;
    }
    const eq = item.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`"${item}" is neither key=value nor a preset (${Object.keys(FAULT_PRESETS).join(', ')})`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (key === 'seed') {
      const n = Number(value);
      if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n)) throw new FaultSpecError(`seed must be a non-negative integer, got "${value}"`);
      seed = n;
    } else if (key === 'match') {
      if (!MATCH_TEXT.test(value)) throw new FaultSpecError('match must be 1-64 characters of A-Z a-z 0-9 . _ -');
      match = value;
    } else if (key === 'stall') {
      const [probability = '', duration] = value.split(':');
      probabilities.stall = parseProbability(probability, key);
      if (duration !== undefined) stallMs = parseDurationMs(duration);
    } else if (isFaultKind(key)) {
      probabilities[key] = parseProbability(value, key);
    } else {
      throw new FaultSpecError(`unknown fault "${key}" (known: ${FAULT_KINDS.join(', ')}, seed, match)`);
    }
  }
  const total = FAULT_KINDS.reduce((sum, kind) => sum + probabilities[kind], 0);
  if (total > 1 + 1e-9) throw new FaultSpecError(`fault probabilities add up to ${total.toFixed(3)}, more than 1`);
  return { probabilities, stallMs, seed, match };
}

export function hasFaults(spec: FaultSpec): boolean {
  return FAULT_KINDS.some((kind) => spec.probabilities[kind] > 0);
}

/** The canonical text of a spec (parseFaultSpec(formatFaultSpec(s)) equals s). */
export function formatFaultSpec(spec: FaultSpec): string {
  const items = FAULT_KINDS.filter((kind) => spec.probabilities[kind] > 0).map((kind) =>
    kind === 'stall' ? `stall=${spec.probabilities.stall}:${spec.stallMs}ms` : `${kind}=${spec.probabilities[kind]}`,
  );
  items.push(`seed=${spec.seed}`);
  if (spec.match !== undefined) items.push(`match=${spec.match}`);
  return items.join(',');
}
