/** Sender-side TCP state from `ss -tin`: congestion control in use and retransmissions per connection. */
import { runInNamespace } from './exec.js';

export interface TcpConnectionInfo {
  localPort: number;
  peer: string;
  congestionControl: string | undefined;
  bytesSent: number;
  bytesRetrans: number;
  dataSegsOut: number;
  /** Total retransmitted segments (the b of "retrans:a/b"). */
  retransSegs: number;
  rttMs: number | undefined;
  cwnd: number | undefined;
}

const CONGESTION_CONTROL = /^\s+(cubic|bbr|reno|bbr2|bbr3|vegas|westwood|dctcp|htcp|illinois)\b/;
const ADDRESS_LINE = /^\S*\s*\d+\s+\d+\s+(\S+):(\d+)\s+(\S+)/;

function field(line: string, name: string): number | undefined {
  const match = new RegExp(`\\b${name}:([\\d.]+)`).exec(line);
  return match ? Number(match[1]) : undefined;
}

/** Pure parser for `ss -tin` output (one address line, then one info line, per connection). */
export function parseSsConnections(ssOutput: string): TcpConnectionInfo[] {
  const connections: TcpConnectionInfo[] = [];
  let pending: { localPort: number; peer: string } | undefined;
  for (const line of ssOutput.split('\n')) {
    const address = ADDRESS_LINE.exec(line);
    if (address && !/^\s/.test(line)) {
      pending = { localPort: Number(address[2]), peer: address[3] ?? '' };
      continue;
    }
    if (!pending || !/^\s/.test(line)) continue;
    const retrans = /\bretrans:\d+\/(\d+)/.exec(line);
    connections.push({
      ...pending,
      congestionControl: CONGESTION_CONTROL.exec(line)?.[1],
      bytesSent: field(line, 'bytes_sent') ?? 0,
      bytesRetrans: field(line, 'bytes_retrans') ?? 0,
      dataSegsOut: field(line, 'data_segs_out') ?? 0,
      retransSegs: retrans ? Number(retrans[1]) : 0,
      rttMs: field(line, 'rtt'),
      cwnd: field(line, 'cwnd'),
    });
    pending = undefined;
  }
  return connections;
}

/** Congestion control names of the connections that report one. */
export function parseSsCongestionControls(ssOutput: string): string[] {
  return parseSsConnections(ssOutput)
    .map((connection) => connection.congestionControl)
    .filter((name): name is string => name !== undefined);
}

export async function tcpConnections(ns: string): Promise<TcpConnectionInfo[]> {
  const { stdout } = await runInNamespace(ns, 'ss', ['-tin', 'state', 'established']);
  return parseSsConnections(stdout);
}

/** Congestion control names of the established TCP connections in a namespace. */
export async function congestionControlsInUse(ns: string): Promise<string[]> {
  return (await tcpConnections(ns))
    .map((connection) => connection.congestionControl)
    .filter((name): name is string => name !== undefined);
}

/** The busiest (data) connection on a server port, e.g. an iperf3 flow's data socket. */
export function busiestOnPort(connections: readonly TcpConnectionInfo[], port: number): TcpConnectionInfo | undefined {
  return connections
    .filter((connection) => connection.localPort === port)
    .reduce<TcpConnectionInfo | undefined>((best, c) => (best && best.bytesSent >= c.bytesSent ? best : c), undefined);
}
