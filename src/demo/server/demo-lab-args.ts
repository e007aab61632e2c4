/** Arguments of `npm run demo:lab` (pure, so it is unit tested). */
import { parseArgs } from 'node:util';
import { isCongestionControl, type CongestionControl } from '../../lab/options.js';

export interface DemoLabArgs {
  readonly rateMbps: number;
  readonly rttMs: number;
  readonly queueBdp: number;
  readonly competitors: number;
  readonly cc: CongestionControl;
  readonly jitterMs: number;
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
  --port P             page port on 127.0.0.1; the players' origins use P+1..P+4 (default 8443)
  --no-build           do not rebuild the demo even when sources are newer
  --run-id ID          lab namespace id (default random)`;

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number, got "${raw}"`);
  return value;
}

export function parseDemoLabArgs(argv: readonly string[]): DemoLabArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rate: { type: 'string' },
      rtt: { type: 'string' },
      queue: { type: 'string' },
      competitors: { type: 'string' },
      cc: { type: 'string' },
      jitter: { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'run-id': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const cc = values.cc ?? 'cubic';
  if (!isCongestionControl(cc)) throw new Error(`--cc must be cubic, bbr or reno, got "${cc}"`);
  const port = number('port', values.port, 8443);
  if (!(Number.isInteger(port) && port > 0 && port + 4 <= 65_535)) throw new Error(`--port must leave room for 4 more ports, got ${port}`);
  return {
    rateMbps: number('rate', values.rate, 20),
    rttMs: number('rtt', values.rtt, 40),
    queueBdp: number('queue', values.queue, 1),
    competitors: number('competitors', values.competitors, 1),
    cc,
    jitterMs: number('jitter', values.jitter, 1),
    port,
    build: !values['no-build'],
    runId: values['run-id'],
    help: values.help,
  };
}
