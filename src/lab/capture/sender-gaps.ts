/**
 * Where a server's TCP sender went quiet, from a packet capture. A log of when the origin
 * wrote each response cannot tell: the kernel's send buffer holds a few hundred ms of data
 * after the last write, so a late request leaves the application idle but not the wire.
 * A quiet spell with every byte acknowledged is the connection idling (the scheduler's
 * doing); one with bytes unacknowledged is TCP waiting on ACKs or a retransmit timer.
 * Pure: the CLI (sender-gaps-cli.ts) feeds it `tcpdump -tt -n -S` text.
 */

export interface CapturedSegment {
  readonly atS: number;
  /** Port of the client end: one connection per client port. */
  readonly clientPort: number;
  readonly fromServer: boolean;
  /** Absolute sequence number after this segment's payload (with -S); undefined for pure ACKs. */
  readonly seqEnd?: number;
  readonly ack?: number;
  readonly payloadBytes: number;
}

export interface SenderGap {
  /** Seconds since the connection's first packet. */
  readonly atS: number;
  readonly gapS: number;
  /** Everything sent was acknowledged when the gap began: the sender had nothing to send. */
  readonly idle: boolean;
}

export interface ConnectionGaps {
  readonly clientPort: number;
  /** The connection's first packet, s since the epoch (the capture's clock: the lab host's). */
  readonly startEpochS: number;
  readonly serverBytes: number;
  readonly spanS: number;
  /** Segments with payload from the client after its first (requests, h2 frames). */
  readonly clientDataSegments: number;
  readonly gaps: readonly SenderGap[];
}

const LINE = /^(\d+\.\d+) .*?IP6? (\S+)\.(\d+) > (\S+)\.(\d+): Flags \[[^\]]*\](?:, seq (\d+)(?::(\d+))?)?(?:, ack (\d+))?.*?, length (\d+)/;

/** One line of `tcpdump -tt -n -S` output, or undefined for anything that is not a TCP segment. */
export function parseTcpdumpLine(line: string, serverPort: number): CapturedSegment | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const srcPort = Number(m[3]);
  const dstPort = Number(m[5]);
  if (srcPort !== serverPort && dstPort !== serverPort) return undefined;
  const fromServer = srcPort === serverPort;
  return {
    atS: Number(m[1]),
    clientPort: fromServer ? dstPort : srcPort,
    fromServer,
    ...(m[7] !== undefined ? { seqEnd: Number(m[7]) } : {}),
    ...(m[8] !== undefined ? { ack: Number(m[8]) } : {}),
    payloadBytes: Number(m[9]),
  };
}

const SEQ_SPACE = 2 ** 32;

/** Connections that carried at least this much from the server are the media ones (the page's own assets carry less). */
export const MEDIA_CONNECTION_BYTES = 1e6;

export function isMediaConnection(c: ConnectionGaps): boolean {
  return c.serverBytes >= MEDIA_CONNECTION_BYTES;
}

/**
 * Gaps longer than `minGapS` between the server's data segments, per connection, in capture
 * order. Sequence numbers count from the server's first data segment, modulo 2³², so a
 * connection may carry up to 4 GB across a wrap.
 */
export function senderGaps(segments: Iterable<CapturedSegment>, minGapS = 0.05): ConnectionGaps[] {
  interface State { first: number; last: number; base?: number; sent: number; acked: number; lastDataS?: number; bytes: number; clientData: number; gaps: SenderGap[] }
  const offset = (c: State, seq: number) => (((seq - (c.base ?? 0)) % SEQ_SPACE) + SEQ_SPACE) % SEQ_SPACE;
  const connections = new Map<number, State>();
  for (const s of segments) {
    let c = connections.get(s.clientPort);
    if (!c) {
      c = { first: s.atS, last: s.atS, sent: 0, acked: 0, bytes: 0, clientData: 0, gaps: [] };
      connections.set(s.clientPort, c);
    }
    c.last = s.atS;
    if (s.fromServer && s.payloadBytes > 0) {
      if (c.lastDataS !== undefined && s.atS - c.lastDataS > minGapS) {
        c.gaps.push({ atS: c.lastDataS - c.first, gapS: s.atS - c.lastDataS, idle: c.acked >= c.sent });
      }
      c.lastDataS = s.atS;
      if (s.seqEnd !== undefined) {
        c.base ??= s.seqEnd - s.payloadBytes;
        c.sent = Math.max(c.sent, offset(c, s.seqEnd));
      }
      c.bytes += s.payloadBytes;
    } else if (!s.fromServer) {
      // ACKs before the first data segment (the handshake's) have nothing to count from.
      if (s.ack !== undefined && c.base !== undefined) c.acked = Math.max(c.acked, offset(c, s.ack));
      if (s.payloadBytes > 0) c.clientData++;
    }
  }
  return [...connections].map(([clientPort, c]) => ({
    clientPort,
    startEpochS: c.first,
    serverBytes: c.bytes,
    spanS: c.last - c.first,
    clientDataSegments: Math.max(0, c.clientData - 1),
    gaps: c.gaps,
  }));
}

/** Linux's TCP_RTO_MIN: no retransmission timeout, and so no restart after idle, is shorter. */
export const LINUX_MIN_RTO_S = 0.2;

/** What results.json keeps of a player's capture: idle spells overall and inside its download runs. */
export interface SenderIdleSummary {
  /** Connections that carried at least 1 MB (the media connections). */
  readonly connections: number;
  readonly idleSpells: number;
  readonly idleS: number;
  /**
   * Idle spells longer than Linux's minimum RTO (200 ms). Only these can restart the sender's
   * window (slow start after idle waits one RTO, which is never shorter), so they bound how
   * often a player's connection went back to the restart window.
   */
  readonly overRtoFloorSpells: number;
  readonly overRtoFloorS: number;
  /** Idle spells that lay wholly inside a run (between its start and its last byte). */
  readonly insideRunSpells: number;
  readonly insideRunS: number;
  readonly longestInsideRunS: number;
}

/**
 * `runs` on the capture's clock (epoch s). An idle spell is inside a run when it lies wholly
 * within it: the spell after a run's last packet leaves the server begins a one-way delay
 * before the run's last byte arrives, and lasts until the next run, so it is between runs.
 */
export function summarizeSenderIdle(
  connections: readonly ConnectionGaps[],
  runs: readonly { readonly startEpochS: number; readonly endEpochS: number }[],
): SenderIdleSummary {
  const media = connections.filter(isMediaConnection);
  const idle = media.flatMap((c) => c.gaps.filter((g) => g.idle).map((g) => ({ atEpochS: c.startEpochS + g.atS, gapS: g.gapS })));
  const overRtoFloor = idle.filter((g) => g.gapS > LINUX_MIN_RTO_S);
  const inside = idle.filter((g) => runs.some((r) => g.atEpochS >= r.startEpochS && g.atEpochS + g.gapS <= r.endEpochS));
  const total = (spells: readonly { gapS: number }[]) => spells.reduce((s, g) => s + g.gapS, 0);
  return {
    connections: media.length,
    idleSpells: idle.length,
    idleS: total(idle),
    overRtoFloorSpells: overRtoFloor.length,
    overRtoFloorS: total(overRtoFloor),
    insideRunSpells: inside.length,
    insideRunS: total(inside),
    longestInsideRunS: inside.reduce((m, g) => Math.max(m, g.gapS), 0),
  };
}
