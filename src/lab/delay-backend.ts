/** Pluggable propagation delay for the client–router link, and picking a backend. */
import type { DelayLineStats } from './delay-stats.js';
import type { DelayBackendChoice, DelayBackendKind } from './options.js';
import { netemDelayBackend } from './netem-delay.js';
import { tunDelayBackend } from './tun-delay.js';

export interface DelayLinkSpec {
  /** Prefix of every namespace this run owns, e.g. "sprint-ab12cd". */
  namespacePrefix: string;
  clientNs: string;
  routerNs: string;
  /** Device names to create in the client and router namespaces. */
  clientDevice: string;
  routerDevice: string;
  /** One-way delay client → router (ACK path). */
  upDelayMs: number;
  /** One-way delay router → client (data path, after the bottleneck queue). */
  downDelayMs: number;
  /** Uniform 0..J ms jitter on the ACK path only. */
  upJitterMs: number;
  /** Directory for compiled helpers. */
  cacheDir: string;
  /** Where the delay line writes its stats on exit (if the backend has any). */
  statsFile: string;
  log: (line: string) => void;
}

/**
 * A live client–router link. When createLink resolves, `clientDevice` exists in
 * the client namespace and `routerDevice` in the router namespace, both down and
 * unaddressed; the topology configures them and puts the shaper on routerDevice.
 */
export interface DelayLink {
  readonly backend: DelayBackendKind;
  /** Processes (in the root namespace's view) that implement the link. */
  readonly pids: readonly number[];
  /** Extra namespaces the backend created (removed by the lab's cleanup). */
  readonly namespaces: readonly string[];
  /** Current counters, or undefined when the backend cannot report any. */
  stats(): Promise<DelayLineStats | undefined>;
  /** Stops the link and returns its final counters. Idempotent. */
  stop(): Promise<DelayLineStats | undefined>;
}

export interface BackendProbe {
  /** A namespace of this run where tc experiments are harmless. */
  namespace: string;
  cacheDir: string;
}

export interface DelayBackend {
  readonly kind: DelayBackendKind;
  /** Undefined when usable here, otherwise why not. */
  unavailableReason(probe: BackendProbe): Promise<string | undefined>;
  createLink(spec: DelayLinkSpec): Promise<DelayLink>;
}

const BACKENDS: Readonly<Record<DelayBackendKind, DelayBackend>> = {
  tun: tunDelayBackend,
  netem: netemDelayBackend,
};

/**
 * Resolves the requested backend. "auto" prefers our TUN delay line: it keeps
 * FIFO order under jitter (netem reorders jittered packets) and reports its
 * timing; netem is the fallback where TUN or a C compiler is missing.
 */
export async function chooseDelayBackend(choice: DelayBackendChoice, probe: BackendProbe): Promise<DelayBackend> {
  const order: DelayBackendKind[] = choice === 'auto' ? ['tun', 'netem'] : [choice];
  const reasons: string[] = [];
  for (const kind of order) {
    const backend = BACKENDS[kind];
    const reason = await backend.unavailableReason(probe);
    if (reason === undefined) return backend;
    reasons.push(`${kind}: ${reason}`);
  }
  throw new Error(`no usable delay backend (${reasons.join('; ')})`);
}
