/** Per-device settings every lab interface needs: offloads off, MTU, up. */
import { runInNamespace } from './exec.js';
import { LAB_MTU } from './link-math.js';

const OFFLOADS_TO_DISABLE = ['tso', 'gso', 'gro', 'lro', 'rx-gro-list', 'rx-udp-gro-forwarding'] as const;
const OFFLOADS_THAT_MUST_BE_OFF = ['tcp-segmentation-offload', 'generic-segmentation-offload', 'generic-receive-offload'];

/**
 * Turns segmentation/receive offloads off. With them on, the shaper sees
 * 64 KB super-packets and a 20 ms queue measured 90–275 ms on these machines.
 */
export async function disableOffloads(ns: string, device: string): Promise<void> {
  const args = ['-K', device, ...OFFLOADS_TO_DISABLE.flatMap((feature) => [feature, 'off'])];
  await runInNamespace(ns, 'ethtool', args, { allowFailure: true });
  const { stdout } = await runInNamespace(ns, 'ethtool', ['-k', device]);
  const stillOn = OFFLOADS_THAT_MUST_BE_OFF.filter((feature) => new RegExp(`^${feature}: on`, 'm').test(stdout));
  if (stillOn.length > 0) throw new Error(`cannot turn off ${stillOn.join(', ')} on ${device} in ${ns}`);
}

/** MTU 1500, offloads off, link up. */
export async function prepareDevice(ns: string, device: string): Promise<void> {
  await runInNamespace(ns, 'ip', ['link', 'set', 'dev', device, 'mtu', String(LAB_MTU)]);
  await disableOffloads(ns, device);
  await runInNamespace(ns, 'ip', ['link', 'set', 'dev', device, 'up']);
}

/** Keeps IPv6 (router solicitations, MLD) off the lab links so counters only show our traffic. */
export async function disableIpv6(ns: string): Promise<void> {
  for (const key of ['net.ipv6.conf.all.disable_ipv6', 'net.ipv6.conf.default.disable_ipv6']) {
    await runInNamespace(ns, 'sysctl', ['-qw', `${key}=1`], { allowFailure: true });
  }
}
