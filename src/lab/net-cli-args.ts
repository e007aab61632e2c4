/** Argument parsing for net-cli.ts (pure, so it is unit-tested). */
import { parseArgs } from 'node:util';
import { LINK_CLI_OPTIONS, cliNumber, linkFromCli } from './link-cli.js';
import { isDelayBackendChoice, type LabOptions } from './options.js';

export interface LateFlowSpec {
  /** Seconds after the competitors start. */
  startAfterS: number;
  durationS: number;
}

export interface NetCliArgs {
  lab: Partial<LabOptions>;
  /** How long the competitors run after calibration (seconds). */
  durationS: number;
  calibrate: boolean;
  lateFlow?: LateFlowSpec;
  json: boolean;
  help: boolean;
}

export const NET_CLI_USAGE = `usage: npx tsx src/lab/net-cli.ts [options]
  --rate MBPS            bottleneck rate (default 20)
  --rtt MS               base RTT, split evenly (default 40)
  --up-delay MS          one-way client→router delay (overrides the split)
  --down-delay MS        one-way router→client delay (overrides the split)
  --queue K              drop-tail queue in BDPs (default 1)
  --jitter MS            uniform 0..MS jitter on the ACK path (default 1; 0 allowed)
  --competitors N        competing bulk TCP flows, 0-4 (default 0)
  --cc cubic|bbr|reno    server congestion control (default cubic)
  --backend auto|tun|netem   delay backend (default auto)
  --slow-start-after-idle 0|1   server sysctl (default: kernel default, 1)
  --client-pingpong N    client sysctl net.ipv4.tcp_pingpong_thresh, 1-255 (default: kernel default, 1)
  --duration S           seconds the competitors run (default 10)
  --late-flow A:D        also start a bulk flow A s after the competitors, for D s
  --no-calibrate         skip calibration
  --json                 print a JSON summary at the end
  --run-id ID            namespace id (default random)`;

export function parseLateFlow(value: string): LateFlowSpec {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) throw new Error(`--late-flow needs START:DURATION in seconds, got "${value}"`);
  return { startAfterS: Number(match[1]), durationS: Number(match[2]) };
}

export function parseNetCliArgs(argv: readonly string[]): NetCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...LINK_CLI_OPTIONS,
      'up-delay': { type: 'string' },
      'down-delay': { type: 'string' },
      backend: { type: 'string' },
      'slow-start-after-idle': { type: 'string' },
      duration: { type: 'string' },
      'late-flow': { type: 'string' },
      'no-calibrate': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'run-id': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const lab: Partial<LabOptions> = { ...linkFromCli(values) };
  const set = <K extends keyof LabOptions>(key: K, value: LabOptions[K] | undefined): void => {
    if (value !== undefined) lab[key] = value;
  };
  set('upDelayMs', cliNumber('up-delay', values['up-delay']));
  set('downDelayMs', cliNumber('down-delay', values['down-delay']));
  set('runId', values['run-id']);
  if (values.backend !== undefined) {
    if (!isDelayBackendChoice(values.backend)) throw new Error(`--backend must be auto, tun or netem, got "${values.backend}"`);
    lab.delayBackend = values.backend;
  }
  const ssai = values['slow-start-after-idle'];
  if (ssai !== undefined) {
    if (ssai !== '0' && ssai !== '1') throw new Error(`--slow-start-after-idle must be 0 or 1, got "${ssai}"`);
    lab.slowStartAfterIdle = ssai === '1';
  }
  const durationS = cliNumber('duration', values.duration) ?? 10;
  if (!(durationS >= 0)) throw new Error('--duration must be >= 0');
  return {
    lab,
    durationS,
    calibrate: !values['no-calibrate'],
    ...(values['late-flow'] !== undefined ? { lateFlow: parseLateFlow(values['late-flow']) } : {}),
    json: values.json,
    help: values.help,
  };
}
