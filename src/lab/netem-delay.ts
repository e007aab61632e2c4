/**
 * The "netem" delay backend, for kernels that have sch_netem (the lab machines
 * do not; this backend is untested there). netem gets its own hop — a bridge in
 * a "delay" namespace between client and router — with a large limit, so it
 * only delays and never becomes the bottleneck queue (which stays the HTB+bfifo
 * on the router). Caveat: netem reorders jittered packets, unlike our delay line.
 */
import type { BackendProbe, DelayBackend, DelayLink, DelayLinkSpec } from './delay-backend.js';
import { run, runInNamespace } from './exec.js';
import { disableIpv6, prepareDevice } from './netdev.js';

/** Packets netem may hold: far above any BDP the lab builds, so it never drops. */
const NETEM_LIMIT_PACKETS = 100_000;
const BRIDGE = 'delay-br';
const CLIENT_SIDE = 'to-client';
const ROUTER_SIDE = 'to-router';

async function probeNetem(probe: BackendProbe): Promise<string | undefined> {
  const added = await runInNamespace(probe.namespace, 'tc', ['qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'], {
    allowFailure: true,
  });
  if (added.exitCode !== 0) return `tc qdisc add ... netem failed: ${added.stderr.trim()}`;
  await runInNamespace(probe.namespace, 'tc', ['qdisc', 'del', 'dev', 'lo', 'root'], { allowFailure: true });
  return undefined;
}

function netemArgs(device: string, delayMs: number, jitterMs: number): string[] {
  const args = ['qdisc', 'add', 'dev', device, 'root', 'netem', 'limit', String(NETEM_LIMIT_PACKETS)];
  // Without a distribution table netem draws jitter uniformly in mean ± jitter,
  // so "delay d+J/2 J/2" gives the same uniform 0..J as the TUN delay line.
  if (jitterMs > 0) args.push('delay', `${delayMs + jitterMs / 2}ms`, `${jitterMs / 2}ms`);
  else args.push('delay', `${delayMs}ms`);
  return args;
}

class NetemDelayLink implements DelayLink {
  readonly backend = 'netem' as const;
  readonly pids: readonly number[] = [];
  constructor(readonly namespaces: readonly string[]) {}

  async stats(): Promise<undefined> {
    return undefined;
  }

  async stop(): Promise<undefined> {
    return undefined; // the delay namespace goes away with the lab's other namespaces
  }
}

async function createNetemLink(spec: DelayLinkSpec): Promise<DelayLink> {
  const delayNs = `${spec.namespacePrefix}-delay`;
  await run('ip', ['netns', 'add', delayNs]);
  await disableIpv6(delayNs);
  await run('ip', ['link', 'add', spec.clientDevice, 'netns', spec.clientNs, 'type', 'veth', 'peer', 'name', CLIENT_SIDE, 'netns', delayNs]);
  await run('ip', ['link', 'add', spec.routerDevice, 'netns', spec.routerNs, 'type', 'veth', 'peer', 'name', ROUTER_SIDE, 'netns', delayNs]);
  await runInNamespace(delayNs, 'ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  for (const port of [CLIENT_SIDE, ROUTER_SIDE]) {
    await runInNamespace(delayNs, 'ip', ['link', 'set', 'dev', port, 'master', BRIDGE]);
    await prepareDevice(delayNs, port);
  }
  await runInNamespace(delayNs, 'ip', ['link', 'set', 'dev', BRIDGE, 'up']);
  await runInNamespace(delayNs, 'tc', netemArgs(CLIENT_SIDE, spec.downDelayMs, 0));
  await runInNamespace(delayNs, 'tc', netemArgs(ROUTER_SIDE, spec.upDelayMs, spec.upJitterMs));
  if (spec.upJitterMs > 0) spec.log('netem backend: ACK-path jitter may reorder packets (the tun backend does not)');
  return new NetemDelayLink([delayNs]);
}

export const netemDelayBackend: DelayBackend = {
  kind: 'netem',
  unavailableReason: probeNetem,
  createLink: createNetemLink,
};
