/** Arguments of `npm run demo:lab` (pure, so it is unit tested). */
import { parseArgs } from 'node:util';
import { LINK_CLI_OPTIONS, cliNumber, linkFromCli } from '../../lab/link-cli.js';
import type { CongestionControl } from '../../lab/options.js';

export interface DemoLabArgs {
  readonly rateMbps: number;
  readonly rttMs: number;
  readonly queueBdp: number;
  readonly competitors: number;
  readonly cc: CongestionControl;
  readonly jitterMs: number;
  /** The client namespace's net.ipv4.tcp_pingpong_thresh (the relay's sockets live there); undefined = kernel default. */
  readonly clientPingpongThresh: number | undefined;
  /** Page port on the host's loopback (and in the server namespace); players' origins use the next four. */
  readonly port: number;
  readonly build: boolean;
  readonly runId: string | undefined;
  readonly help: boolean;
}

export const DEMO_LAB_USAGE = `usage: npm run demo:lab -- [options]
  --rate MBPS          bottleneck rate (default 20)
  --rtt MS             base RTT (default 40)
  --queue K            drop-tail queue in BDPs (default 1)
  --competitors N      competing bulk TCP flows, 0-4 (default 1)
  --cc cubic|bbr|reno  server congestion control (default cubic)
  --jitter MS          ACK-path jitter 0..MS (default 1)
  --client-pingpong N  client namespace's net.ipv4.tcp_pingpong_thresh 1-255 (default: the kernel's, 1)
  --port P             page port on 127.0.0.1; the players' origins use P+1..P+4 (default 8443)
  --no-build           do not rebuild the demo even when sources are newer
  --run-id ID          lab namespace id (default random)`;


export function parseDemoLabArgs(argv: readonly string[]): DemoLabArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...LINK_CLI_OPTIONS,
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'run-id': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const link = linkFromCli(values);
  const port = cliNumber('port', values.port) ?? 8443;
  if (!(Number.isInteger(port) && port > 0 && port + 4 <= 65_535)) throw new Error(`--port must leave room for 4 more ports, got ${port}`);
  return {
    rateMbps: link.rateMbps ?? 20,
    rttMs: link.rttMs ?? 40,
    queueBdp: link.queueBdp ?? 1,
    competitors: link.competitors ?? 1,
    cc: link.congestionControl ?? 'cubic',
    jitterMs: link.jitterMs ?? 1,
    clientPingpongThresh: link.clientPingpongThresh,
    port,
    build: !values['no-build'],
    runId: values['run-id'],
    help: values.help,
  };
}
