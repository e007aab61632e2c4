// Where the origin may listen: loopback, or the network lab's benchmarking
// range 198.18.0.0/15 (RFC 2544). Anything else would expose a dev server.
import { isIPv4, isIPv6 } from 'node:net';

export type HostVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

function ipv4Octets(host: string): number[] | undefined {
  const v4 = host.startsWith('::ffff:') ? host.slice('::ffff:'.length) : host;
  return isIPv4(v4) ? v4.split('.').map(Number) : undefined;
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return ipv4Octets(host)?.[0] === 127;
}

export function isLabHost(host: string): boolean {
  const octets = ipv4Octets(host);
  return octets !== undefined && octets[0] === 198 && (octets[1] === 18 || octets[1] === 19);
}

export function checkListenHost(host: string): HostVerdict {
  if (isLoopbackHost(host) || isLabHost(host)) return { allowed: true };
  const what = isIPv4(host) || isIPv6(host) ? `address ${host}` : `host name "${host}"`;
  return {
    allowed: false,
    reason: `refusing to listen on ${what}: use loopback (127.0.0.1, ::1, localhost) or a lab address in 198.18.0.0/15`,
  };
}
