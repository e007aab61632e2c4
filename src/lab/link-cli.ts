/**
 * The lab link's command-line flags, shared by the CLIs that build a lab
 * (net-cli, the ceiling probe, demo:lab, the runner): one option spec and one parser, so
 * the flags mean and validate the same everywhere. Pure, unit-tested.
 */
import { isClientPingpongThresh, isCongestionControl, type LabOptions } from './options.js';

/** For node:util parseArgs: --rate --rtt --queue --competitors --cc --jitter --client-pingpong. */
export const LINK_CLI_OPTIONS = {
  rate: { type: 'string' },
  rtt: { type: 'string' },
  queue: { type: 'string' },
  competitors: { type: 'string' },
  cc: { type: 'string' },
  jitter: { type: 'string' },
  'client-pingpong': { type: 'string' },
} as const;

export interface LinkCliValues {
  readonly rate?: string;
  readonly rtt?: string;
  readonly queue?: string;
  readonly competitors?: string;
  readonly cc?: string;
  readonly jitter?: string;
  readonly 'client-pingpong'?: string;
}

export type LinkCliOptions = Partial<Pick<LabOptions, 'rateMbps' | 'rttMs' | 'queueBdp' | 'competitors' | 'congestionControl' | 'jitterMs' | 'clientPingpongThresh'>>;

/** A flag's number: undefined when absent, an error naming the flag when not a finite number ≥ 0. */
export function cliNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`--${flag} needs a number >= 0, got "${raw}"`);
  return value;
}

/** Only the flags that were given; callers spread their defaults underneath. */
export function linkFromCli(values: LinkCliValues): LinkCliOptions {
  const link: { -readonly [K in keyof LinkCliOptions]: LinkCliOptions[K] } = {};
  const numbers = [['rateMbps', 'rate'], ['rttMs', 'rtt'], ['queueBdp', 'queue'], ['competitors', 'competitors'], ['jitterMs', 'jitter']] as const;
  for (const [key, flag] of numbers) {
    const value = cliNumber(flag, values[flag]);
    if (value !== undefined) link[key] = value;
  }
  const pingpong = cliNumber('client-pingpong', values['client-pingpong']);
  if (pingpong !== undefined) {
    if (!isClientPingpongThresh(pingpong)) {
      throw new Error(`--client-pingpong needs an integer 1-255, got "${values['client-pingpong']}"`);
    }
    link.clientPingpongThresh = pingpong;
  }
  if (values.cc !== undefined) {
    if (!isCongestionControl(values.cc)) throw new Error(`--cc must be cubic, bbr or reno, got "${values.cc}"`);
    link.congestionControl = values.cc;
  }
  return link;
}
