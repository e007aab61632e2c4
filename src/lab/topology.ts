/**
 * Lab topology: three network namespaces, addresses and routes.
 *
 *   client 198.18.1.2 [to-router] ~~delay link~~ [to-client] 198.18.1.1  router
 *   router 198.18.2.1 [to-server] ----veth----- [to-router] 198.18.2.2  server
 *
 * The client–router link comes from the delay backend (two TUN devices bridged
 * by our delay line, or a netem hop). The bottleneck (HTB + bfifo) sits on the
 * router's to-client device, so packets queue drop-tail at the router before
 * the delay line adds propagation delay. Only 198.18.0.0/15 (RFC 2544
 * benchmarking space) is used; nothing routes outside the lab.
 */
import { run, runInNamespace } from './exec.js';
import { disableIpv6, prepareDevice } from './netdev.js';
import type { CongestionControl } from './options.js';

export const LAB_ADDRESSES = {
  clientSubnet: '198.18.1.0/24',
  serverSubnet: '198.18.2.0/24',
  client: '198.18.1.2',
  routerClientSide: '198.18.1.1',
  routerServerSide: '198.18.2.1',
  server: '198.18.2.2',
} as const;

export type LabAddresses = typeof LAB_ADDRESSES;

/** Device names; each lives in its own namespace, so runs never clash. */
export const LAB_DEVICES = {
  clientToRouter: 'to-router',
  routerToClient: 'to-client',
  routerToServer: 'to-server',
  serverToRouter: 'to-router',
} as const;

export const NAMESPACE_PREFIX = 'sprint-';

export interface LabNamespaces {
  /** Every namespace of this run starts with this, e.g. "sprint-ab12cd". */
  prefix: string;
  client: string;
  router: string;
  server: string;
}

export function labNamespaces(runId: string): LabNamespaces {
  const prefix = `${NAMESPACE_PREFIX}${runId}`;
  return { prefix, client: `${prefix}-client`, router: `${prefix}-router`, server: `${prefix}-server` };
}

export function namespaceList(ns: LabNamespaces): string[] {
  return [ns.client, ns.router, ns.server];
}

/** Creates the three namespaces with loopback up and IPv6 off. */
export async function createNamespaces(ns: LabNamespaces): Promise<void> {
  for (const name of namespaceList(ns)) {
    await run('ip', ['netns', 'add', name]);
    await runInNamespace(name, 'ip', ['link', 'set', 'dev', 'lo', 'up']);
    await disableIpv6(name);
  }
}

/** The router–server veth pair, created directly inside the two namespaces. */
export async function createServerLink(ns: LabNamespaces): Promise<void> {
  await run('ip', [
    'link', 'add', LAB_DEVICES.routerToServer, 'netns', ns.router, 'type', 'veth',
    'peer', 'name', LAB_DEVICES.serverToRouter, 'netns', ns.server,
  ]);
}

async function addAddress(ns: string, device: string, address: string): Promise<void> {
  await runInNamespace(ns, 'ip', ['addr', 'add', `${address}/24`, 'dev', device]);
}

export interface RoutingOptions {
  congestionControl: CongestionControl;
  slowStartAfterIdle?: boolean;
  clientPingpongThresh?: number;
}

/**
 * Addresses, forwarding and routes. Congestion control is set per route
 * (`congctl`) because the sysctl is EPERM inside a namespace on these kernels;
 * TCP picks it up for both active and passive opens over that route.
 */
export async function configureRouting(ns: LabNamespaces, options: RoutingOptions): Promise<void> {
  const a = LAB_ADDRESSES;
  const d = LAB_DEVICES;
  for (const [name, device] of [
    [ns.client, d.clientToRouter],
    [ns.router, d.routerToClient],
    [ns.router, d.routerToServer],
    [ns.server, d.serverToRouter],
  ] as const) {
    await prepareDevice(name, device);
  }
  await addAddress(ns.client, d.clientToRouter, a.client);
  await addAddress(ns.router, d.routerToClient, a.routerClientSide);
  await addAddress(ns.router, d.routerToServer, a.routerServerSide);
  await addAddress(ns.server, d.serverToRouter, a.server);
  await runInNamespace(ns.router, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);

  const cc = ['congctl', options.congestionControl];
  await runInNamespace(ns.server, 'ip', ['route', 'replace', 'default', 'via', a.routerServerSide, ...cc]);
  await runInNamespace(ns.server, 'ip', ['route', 'replace', a.clientSubnet, 'via', a.routerServerSide, ...cc]);
  await runInNamespace(ns.client, 'ip', ['route', 'replace', 'default', 'via', a.routerClientSide, ...cc]);
  await runInNamespace(ns.client, 'ip', ['route', 'replace', a.serverSubnet, 'via', a.routerClientSide, ...cc]);

  if (options.slowStartAfterIdle !== undefined) {
    const value = options.slowStartAfterIdle ? 1 : 0;
    await runInNamespace(ns.server, 'sysctl', ['-qw', `net.ipv4.tcp_slow_start_after_idle=${value}`]);
  }
  if (options.clientPingpongThresh !== undefined) await setClientPingpongThresh(ns, options.clientPingpongThresh);
}

/** Sets the client namespace's net.ipv4.tcp_pingpong_thresh (per namespace; existing sockets see it at once). */
export async function setClientPingpongThresh(ns: LabNamespaces, thresh: number): Promise<void> {
  await runInNamespace(ns.client, 'sysctl', ['-qw', `net.ipv4.tcp_pingpong_thresh=${thresh}`]);
}

/** The client's net.ipv4.tcp_pingpong_thresh in effect (per namespace; undefined if the kernel lacks it). */
export async function readClientPingpongThresh(ns: LabNamespaces): Promise<number | undefined> {
  const result = await runInNamespace(ns.client, 'sysctl', ['-n', 'net.ipv4.tcp_pingpong_thresh'], { allowFailure: true });
  const value = Number(result.stdout.trim());
  return result.exitCode === 0 && result.stdout.trim() !== '' && Number.isInteger(value) ? value : undefined;
}
