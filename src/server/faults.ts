/**
 * Fault injection for the origin: a spec given at start (`--faults`) or per
 * URL through the prefix `/__faults/<spec>/...`, which strips itself so the
 * rest is served as usual (relative segment URLs in an MPD fetched that way
 * inherit the prefix). Only GETs of media files are eligible; the MPD never is.
 * Every injected fault is counted here and named in the request log record.
 */
import { decideFault, faultKey, type FaultDecision } from './fault-decision.js';
import { FAULT_KINDS, FaultSpecError, hasFaults, parseFaultSpec, type FaultKind, type FaultSpec } from './fault-spec.js';

export const FAULT_PREFIX = '/__faults/';
/** GET: `{ counts: { 5xx, 404, … }, total }` since the origin started. */
export const FAULT_COUNTS_PATH = '/__origin/faults';

export type FaultRoute =
  /** No prefix: the origin-wide spec (if any) applies. */
  | { readonly kind: 'plain'; readonly url: string }
  /** `url` is the request target with the prefix removed. */
  | { readonly kind: 'prefixed'; readonly url: string; readonly specText: string; readonly spec: FaultSpec }
  | { readonly kind: 'bad-spec'; readonly reason: string };

export type FaultCounts = Record<FaultKind, number>;

const MEDIA_FILE = /\.(m4s|mp4|m4a|m4v)$/i;
const SPEC_CHARACTERS = /^[A-Za-z0-9=,:._-]+$/;
/** Bounds on the state a stream of distinct URLs can create. */
const MAX_CACHED_SPECS = 64;
const MAX_COUNTED_KEYS = 50_000;

export class FaultInjector {
  private readonly specCache = new Map<string, FaultSpec>();
  private readonly occurrences = new Map<string, number>();
  private readonly tally: FaultCounts = { '5xx': 0, '404': 0, reset: 0, truncate: 0, stall: 0 };

  constructor(private readonly originSpec: FaultSpec | undefined) {}

  static fromText(text: string | undefined): FaultInjector {
    const spec = text === undefined || text.trim() === '' ? undefined : parseFaultSpec(text);
    return new FaultInjector(spec && hasFaults(spec) ? spec : undefined);
  }

  get originWide(): FaultSpec | undefined {
    return this.originSpec;
  }

  /** Splits off a `/__faults/<spec>` prefix. The rest must be an ordinary path (not another `/__` endpoint). */
  route(rawUrl: string): FaultRoute {
    if (!rawUrl.startsWith(FAULT_PREFIX)) return { kind: 'plain', url: rawUrl };
    const afterPrefix = rawUrl.slice(FAULT_PREFIX.length);
    const slash = afterPrefix.indexOf('/');
    const specText = slash < 0 ? afterPrefix : afterPrefix.slice(0, slash);
    const url = slash < 0 ? '' : afterPrefix.slice(slash);
    if (!SPEC_CHARACTERS.test(specText)) return { kind: 'bad-spec', reason: 'fault spec has characters other than A-Z a-z 0-9 = , : . _ -' };
    if (url === '' || url.startsWith('/__') || url.startsWith('//')) return { kind: 'bad-spec', reason: 'nothing to serve after the fault spec' };
    try {
      return { kind: 'prefixed', url, specText, spec: this.parseCached(specText) };
    } catch (error) {
      if (error instanceof FaultSpecError) return { kind: 'bad-spec', reason: error.message };
      throw error;
    }
  }

  /** The fault for a request of `path` (prefix already removed), counted; undefined for none. */
  decide(route: FaultRoute, method: string, path: string, range: string | undefined): FaultDecision | undefined {
    const spec = route.kind === 'prefixed' ? route.spec : route.kind === 'plain' ? this.originSpec : undefined;
    if (!spec || method !== 'GET' || !MEDIA_FILE.test(path)) return undefined;
    if (spec.match !== undefined && !path.includes(spec.match)) return undefined;
    const key = `${route.kind === 'prefixed' ? route.specText : ''}#${faultKey(path, range)}`;
    const occurrence = this.occurrences.get(key) ?? 0;
    if (this.occurrences.size >= MAX_COUNTED_KEYS) this.occurrences.clear();
    this.occurrences.set(key, occurrence + 1);
    const decision = decideFault(spec, key, occurrence);
    if (decision) this.tally[decision.kind] += 1;
    return decision;
  }

  counts(): { counts: FaultCounts; total: number } {
    return { counts: { ...this.tally }, total: FAULT_KINDS.reduce((sum, kind) => sum + this.tally[kind], 0) };
  }

  private parseCached(specText: string): FaultSpec {
    let spec = this.specCache.get(specText);
    if (!spec) {
      spec = parseFaultSpec(specText);
      if (this.specCache.size >= MAX_CACHED_SPECS) this.specCache.clear();
      this.specCache.set(specText, spec);
    }
    return spec;
  }
}
