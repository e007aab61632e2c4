import { describe, expect, it } from 'vitest';
import { parseTcpdumpLine, senderGaps, summarizeSenderIdle, type CapturedSegment, type ConnectionGaps } from './sender-gaps.js';

const SERVER = 8443;
const data = (atS: number, seqEnd: number, bytes = 1448, clientPort = 50000): CapturedSegment => ({ atS, clientPort, fromServer: true, seqEnd, payloadBytes: bytes });
const ack = (atS: number, n: number, clientPort = 50000, payloadBytes = 0): CapturedSegment => ({ atS, clientPort, fromServer: false, ack: n, payloadBytes });

describe('parseTcpdumpLine', () => {
  it('reads a server data segment and a client ACK, and skips other ports and non-TCP lines', () => {
    const out = parseTcpdumpLine('1796436627.912 ifb0  Out IP 198.18.2.2.8443 > 198.18.1.2.54296: Flags [.], seq 1955873536:1955874984, ack 277897000, win 64, length 1448', SERVER);
    expect(out).toEqual({ atS: 1796436627.912, clientPort: 54296, fromServer: true, seqEnd: 1955874984, ack: 277897000, payloadBytes: 1448 });
    const back = parseTcpdumpLine('1796436627.95 ifb0  In  IP 198.18.1.2.54296 > 198.18.2.2.8443: Flags [.], ack 1955874984, win 63, options [nop,nop,TS val 1 ecr 2], length 0', SERVER);
    expect(back).toEqual({ atS: 1796436627.95, clientPort: 54296, fromServer: false, ack: 1955874984, payloadBytes: 0 });
    expect(parseTcpdumpLine('1796436627.95 ifb0 In IP 198.18.1.2.5000 > 198.18.2.2.5201: Flags [.], ack 1, win 63, length 0', SERVER)).toBeUndefined();
    expect(parseTcpdumpLine('reading from file cap.pcap, link-type LINUX_SLL2', SERVER)).toBeUndefined();
  });
});

describe('senderGaps', () => {
  it('tells a quiet spell with everything acknowledged (idle) from one waiting on ACKs', () => {
    const base = 4_294_966_000; // the server's sequence numbers wrap past 2^32 mid-capture
    const wrap = (n: number) => (base + n) % 2 ** 32;
    const [connection] = senderGaps([
      data(0, wrap(1448)),
      data(0.001, wrap(2896)),
      ack(0.08, wrap(1448)),
      data(0.2, wrap(4344)), // 199 ms after the last data, 1448 B unacknowledged: waiting
      ack(0.28, wrap(4344)),
      ack(0.3, 1, 50000, 60), // the client's next request
      data(0.5, wrap(5792)), // 300 ms quiet with everything acknowledged: idle
      data(0.52, wrap(7240)),
    ]);
    expect(connection?.serverBytes).toBe(5 * 1448);
    expect(connection?.clientDataSegments).toBe(0); // the first request is not counted
    expect(connection?.gaps.map((g) => [Number(g.gapS.toFixed(3)), g.idle])).toEqual([[0.199, false], [0.3, true]]);
    expect(connection?.gaps[1]?.atS).toBeCloseTo(0.2, 6);
  });

  it('keeps connections apart by client port and ignores gaps under the threshold', () => {
    const out = senderGaps([data(0, 1448, 1448, 1), data(0, 1448, 1448, 2), data(0.04, 2896, 1448, 1), data(0.3, 2896, 1448, 2)], 0.05);
    expect(out.map((c) => [c.clientPort, c.gaps.length])).toEqual([[1, 0], [2, 1]]);
  });
});

describe('summarizeSenderIdle', () => {
  it('counts the idle spells wholly inside a run apart from the rest, over the media connections only', () => {
    const media: ConnectionGaps = {
      clientPort: 1, startEpochS: 1000, serverBytes: 5e6, spanS: 100, clientDataSegments: 9,
      gaps: [
        { atS: 5, gapS: 0.16, idle: true }, // inside the first run
        { atS: 6, gapS: 0.3, idle: false }, // waiting on ACKs: not idle
        { atS: 29.95, gapS: 40.1, idle: true }, // between the runs: it begins before the first run's last byte arrives
        { atS: 75, gapS: 0.2, idle: true }, // inside the second run
      ],
    };
    const small: ConnectionGaps = { clientPort: 2, startEpochS: 1000, serverBytes: 1e4, spanS: 1, clientDataSegments: 0, gaps: [{ atS: 5, gapS: 1, idle: true }] };
    const runs = [{ startEpochS: 1000, endEpochS: 1030 }, { startEpochS: 1070, endEpochS: 1100 }];
    const summary = summarizeSenderIdle([media, small], runs);
    expect(summary).toMatchObject({ connections: 1, idleSpells: 3, insideRunSpells: 2 });
    expect(summary.idleS).toBeCloseTo(40.46, 6);
    expect(summary.insideRunS).toBeCloseTo(0.36, 6);
    expect(summary.longestInsideRunS).toBeCloseTo(0.2, 6);
    // Past the 200 ms RTO floor: only the 40.1 s spell (0.2 s is not past it).
    expect(summary.overRtoFloorSpells).toBe(1);
    expect(summary.overRtoFloorS).toBeCloseTo(40.1, 6);
    expect(summarizeSenderIdle([media], []).insideRunSpells).toBe(0);
  });
});
