/**
 * Polls `ss -tinm` in the server namespace while a download runs, so the
 * report can say whether the sender was cwnd-, receive-window-, send-buffer-
 * or application-limited, and how its cwnd and retransmits evolved.
 */
import type { Lab } from '../network-lab.js';
import { parseSsOutput, type SsSample } from './ss-sample.js';

export interface SsSummary {
  /** Samples of the busiest connection on the port (the one carrying the download). */
  readonly samples: number;
  /** Bytes acknowledged per second between the first and last sample: the server's view of goodput. */
  readonly ackedMbps: number;
  readonly meanCwnd: number;
  readonly meanRttMs: number;
  /** Retransmitted segments ÷ data segments sent during the window. */
  readonly retransmitRate: number;
  readonly retransmits: number;
  /** Share of the window the kernel counted as limited by the peer's window / our send buffer. */
  readonly rwndLimitedShare: number;
  readonly sndbufLimitedShare: number;
  /** Share of samples whose last rate sample was application-limited. */
  readonly appLimitedShare: number;
  /** Share of samples with nothing unsent queued behind the cwnd (the application was not ahead of TCP). */
  readonly nothingQueuedShare: number;
  readonly meanNotsentBytes: number;
  readonly meanSndbufBytes: number;
  readonly minPeerWindowBytes: number | undefined;
  /** A few raw ss lines from the middle of the window. */
  readonly excerpt: readonly string[];
}

export class SsSampler {
  private readonly samples: SsSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly lab: Pick<Lab, 'runInServer'>,
    private readonly localPort: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    const poll = async (): Promise<void> => {
      const filter = `( sport = :${this.localPort} )`;
      const result = await this.lab.runInServer('ss', ['-tinmH', 'state', 'established', filter], { allowFailure: true });
      this.samples.push(...parseSsOutput(result.stdout, Date.now()));
    };
    this.timer = setInterval(() => {
      this.polling = this.polling.then(poll).catch(() => undefined);
    }, this.intervalMs);
  }

  async stop(): Promise<SsSample[]> {
    clearInterval(this.timer);
    await this.polling;
    return this.busiestConnection();
  }

  /** Every sample of every connection on the port so far. */
  get all(): readonly SsSample[] {
    return this.samples;
  }

  /** Samples of the connection that sent the most (the page load and the download share one over h2). */
  private busiestConnection(): SsSample[] {
    const sentByPeer = new Map<string, number>();
    for (const s of this.samples) sentByPeer.set(s.peer, Math.max(sentByPeer.get(s.peer) ?? 0, s.bytesSent));
    const busiest = [...sentByPeer.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    return this.samples.filter((s) => s.peer === busiest);
  }
}

const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

/** Summary of one connection's samples over a measurement window. */
export function summarizeSsSamples(samples: readonly SsSample[]): SsSummary {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const busySpan = first && last ? (last.busyMs ?? 0) - (first.busyMs ?? 0) : 0;
  const share = (a: number | undefined, b: number | undefined): number => (busySpan > 0 ? ((b ?? 0) - (a ?? 0)) / busySpan : 0);
  const retransmits = first && last ? last.retransSegs - first.retransSegs : 0;
  const segments = first && last ? last.dataSegsOut - first.dataSegsOut : 0;
  const windows = samples.map((s) => s.peerWindow).filter((w): w is number => w !== undefined);
  const middle = Math.floor(samples.length / 2);
  return {
    samples: samples.length,
    ackedMbps: first && last && last.atMs > first.atMs ? ((last.bytesAcked - first.bytesAcked) * 8) / ((last.atMs - first.atMs) * 1000) : 0,
    meanCwnd: mean(samples.map((s) => s.cwnd ?? 0)),
    meanRttMs: mean(samples.map((s) => s.rttMs ?? 0)),
    retransmits,
    retransmitRate: segments > 0 ? retransmits / segments : 0,
    rwndLimitedShare: share(first?.rwndLimitedMs, last?.rwndLimitedMs),
    sndbufLimitedShare: share(first?.sndbufLimitedMs, last?.sndbufLimitedMs),
    appLimitedShare: samples.length ? samples.filter((s) => s.appLimited).length / samples.length : 0,
    nothingQueuedShare: samples.length ? samples.filter((s) => s.notsent === 0).length / samples.length : 0,
    meanNotsentBytes: mean(samples.map((s) => s.notsent)),
    meanSndbufBytes: mean(samples.map((s) => s.sndbufBytes ?? 0)),
    minPeerWindowBytes: windows.length ? Math.min(...windows) : undefined,
    excerpt: samples.slice(middle, middle + 3).map((s) => s.raw),
  };
}
