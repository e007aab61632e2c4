/** Argument parsing for the ceiling probe CLI (pure, so it is unit-tested). */
import { parseArgs } from 'node:util';
import { LINK_CLI_OPTIONS, cliNumber, linkFromCli } from '../link-cli.js';
import type { LabOptions } from '../network-lab.js';
import { DIAGNOSTIC_PATHS, isDiagnosticPath, type DiagnosticPath } from './diagnostic-paths.js';
import { ORIGIN_KINDS, type OriginKind } from './origin-under-test.js';

export interface CeilingCliArgs {
  readonly lab: Partial<LabOptions>;
  readonly repeat: number;
  readonly durationS: number;
  readonly steadyFromS: number;
  readonly inFlight: number;
  readonly origins: readonly OriginKind[];
  /** Empty unless --diagnostics was given. */
  readonly diagnostics: readonly DiagnosticPath[];
  readonly json: string | undefined;
  readonly help: boolean;
}

export const CEILING_CLI_USAGE = `usage: npx tsx src/lab/ceiling/cli.ts [options]
  --rate MBPS          bottleneck rate (default 20)
  --rtt MS             base RTT (default 40)
  --queue K            drop-tail queue in BDPs (default 1)
  --competitors N      long-lived iperf3 competitors (default 1)
  --jitter MS          ACK-path jitter 0..MS (default 1)
  --cc cubic|bbr|reno  server congestion control (default cubic)
  --client-pingpong N  client's net.ipv4.tcp_pingpong_thresh 1-255 (default: the kernel's, 1;
                       255 keeps the client's ACKs out of delayed-ACK pingpong mode)
  --repeat N           rounds of (bulk, h2 pipelined, HTTP/1.1 back to back, diagnostics) in one lab (default 1)
  --duration S         seconds per measurement (default 25)
  --steady-from S      seconds into each measurement where its steady part starts (default 5)
  --in-flight N        h2 requests in flight, 2-4 (default 2)
  --origins LIST       comma-separated: node, node-interleaved, nginx (default node)
  --diagnostics LIST   also measure, from the first origin (comma-separated, or all):
                         h2-serial     h2, 1 MB objects, one request at a time
                         h2-stream     h2, one long response cut at --duration
                         http1-stream  HTTP/1.1, one long response cut at --duration
                         h2-pipelined-no-pingpong  (b) again, with the client's tcp_pingpong_thresh
                                       at 255 for that measurement only
  --json FILE          write every round's results as JSON`;

function positive(name: string, value: string | undefined, fallback: number): number {
  return cliNumber(name, value) ?? fallback;
}

export function parseOrigins(value: string): OriginKind[] {
  const origins = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!(ORIGIN_KINDS as readonly string[]).includes(origin)) throw new Error(`--origins takes ${ORIGIN_KINDS.join(', ')}, got "${origin}"`);
  }
  if (origins.length === 0) throw new Error('--origins needs at least one origin');
  return origins as OriginKind[];
}

/** Comma-separated diagnostic paths, or "all"; in the order given, each once. */
export function parseDiagnostics(value: string): DiagnosticPath[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new Error(`--diagnostics needs at least one of ${DIAGNOSTIC_PATHS.join(', ')} or all`);
  const paths: DiagnosticPath[] = [];
  for (const name of names) {
    if (name === 'all') continue;
    if (!isDiagnosticPath(name)) throw new Error(`--diagnostics takes ${DIAGNOSTIC_PATHS.join(', ')} or all, got "${name}"`);
    if (!paths.includes(name)) paths.push(name);
  }
  return names.includes('all') ? [...DIAGNOSTIC_PATHS] : paths;
}

export function parseCeilingCliArgs(argv: readonly string[]): CeilingCliArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...LINK_CLI_OPTIONS,
      repeat: { type: 'string' },
      duration: { type: 'string' },
      'steady-from': { type: 'string' },
      'in-flight': { type: 'string' },
      origins: { type: 'string' },
      diagnostics: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const inFlight = positive('in-flight', values['in-flight'], 2);
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 8) throw new Error('--in-flight must be an integer 1-8');
  const repeat = positive('repeat', values.repeat, 1);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be an integer >= 1');
  const lab = { rateMbps: 20, rttMs: 40, queueBdp: 1, jitterMs: 1, competitors: 1, ...linkFromCli(values) };
  if (lab.competitors < 1) throw new Error('--competitors must be >= 1: the ceiling is measured against competing flows');
  return {
    lab,
    repeat,
    durationS: positive('duration', values.duration, 25),
    steadyFromS: positive('steady-from', values['steady-from'], 5),
    inFlight,
    origins: values.origins === undefined ? ['node'] : parseOrigins(values.origins),
    diagnostics: values.diagnostics === undefined ? [] : parseDiagnostics(values.diagnostics),
    json: values.json,
    help: values.help,
  };
}
