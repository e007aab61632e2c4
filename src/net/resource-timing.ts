/**
 * Finds the Resource Timing entry of a finished request, for its protocol.
 * A PerformanceObserver sees every entry even after the page's resource timing
 * buffer (250 entries by default) is full, which a long playback fills; the
 * buffer lookup covers entries the observer has not delivered yet.
 */
const KEEP_ENTRIES = 64;

export class ResourceTimingWatcher {
  private readonly recent: PerformanceResourceTiming[] = [];
  private readonly observer: PerformanceObserver | undefined;

  constructor() {
    if (typeof PerformanceObserver === 'undefined') return;
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (entry.initiatorType !== 'fetch') continue;
        this.recent.push(entry);
        if (this.recent.length > KEEP_ENTRIES) this.recent.shift();
      }
    });
    this.observer.observe({ type: 'resource' });
  }

  /** nextHopProtocol of the newest entry for `url` that started no earlier than `startMs`. */
  protocolOf(url: string, startMs: number): string | undefined {
    const pending = this.observer?.takeRecords() ?? [];
    for (const entry of pending as PerformanceResourceTiming[]) if (entry.initiatorType === 'fetch') this.recent.push(entry);
    const fromObserver = findNewest(this.recent, url, startMs);
    if (fromObserver) return fromObserver;
    if (typeof performance === 'undefined' || typeof performance.getEntriesByName !== 'function') return undefined;
    return findNewest(performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[], url, startMs);
  }

  disconnect(): void {
    this.observer?.disconnect();
  }
}

function findNewest(entries: readonly PerformanceResourceTiming[], url: string, startMs: number): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    // Resource Timing's startTime and our clock are both performance.now(); allow clock granularity.
    if (entry && entry.name === url && entry.startTime >= startMs - 50) return entry.nextHopProtocol || undefined;
  }
  return undefined;
}
