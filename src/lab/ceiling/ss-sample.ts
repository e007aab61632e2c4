/**
 * Sender-side TCP state from `ss -tinm` in full: cwnd, windows, the kernel's
 * "why was this socket not sending" timers (busy / rwnd_limited /
 * sndbuf_limited), unsent bytes and socket memory. Pure parser, for tests.
 */

export interface SsSample {
  /** Date.now() when ss ran. */
  readonly atMs: number;
  readonly localPort: number;
  readonly peer: string;
  /** Bytes in the socket's send queue (Send-Q column). */
  readonly sendQueue: number;
  readonly cwnd: number | undefined;
  readonly ssthresh: number | undefined;
  readonly rttMs: number | undefined;
  readonly mss: number | undefined;
  readonly bytesAcked: number;
  readonly bytesSent: number;
  readonly retransSegs: number;
  readonly dataSegsOut: number;
  readonly unacked: number | undefined;
  /** Bytes written by the application but not yet sent (beyond cwnd). */
  readonly notsent: number;
  /** Peer's advertised receive window in bytes (snd_wnd). */
  readonly peerWindow: number | undefined;
  readonly deliveryRateMbps: number | undefined;
  readonly pacingRateMbps: number | undefined;
  /** Cumulative ms the socket had data in flight, and of that, limited by the peer's window / our send buffer. */
  readonly busyMs: number | undefined;
  readonly rwndLimitedMs: number;
  readonly sndbufLimitedMs: number;
  /** The kernel marked the last delivery-rate sample application-limited. */
  readonly appLimited: boolean;
  /** skmem: send buffer size (tb) and bytes queued in it (w). */
  readonly sndbufBytes: number | undefined;
  readonly wmemQueued: number | undefined;
  /** The raw info line, for excerpts in reports. */
  readonly raw: string;
}

const ADDRESS_LINE = /^(?:[A-Z-]+\s+)?(\d+)\s+(\d+)\s+(\S+):(\d+)\s+(\S+)/;

function numberField(info: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|\\s)${name}:([\\d.]+)`).exec(info);
  return match ? Number(match[1]) : undefined;
}

/** ss prints rates as e.g. "19.3Mbps", "950Kbps", "12bps". */
function rateField(info: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|\\s)${name} ([\\d.]+)([KMG]?)bps`).exec(info);
  if (!match) return undefined;
  const scale = { '': 1e-6, K: 1e-3, M: 1, G: 1e3 }[match[2] as '' | 'K' | 'M' | 'G'];
  return Number(match[1]) * scale;
}

function skmemField(info: string, key: string): number | undefined {
  const skmem = /skmem:\(([^)]*)\)/.exec(info)?.[1];
  const match = skmem ? new RegExp(`(?:^|,)${key}(\\d+)`).exec(skmem) : null;
  return match ? Number(match[1]) : undefined;
}

export function parseSsSample(address: string, info: string, atMs: number): SsSample | undefined {
  const head = ADDRESS_LINE.exec(address);
  if (!head) return undefined;
  const retrans = /\bretrans:\d+\/(\d+)/.exec(info);
  return {
    atMs,
    localPort: Number(head[4]),
    peer: head[5] ?? '',
    sendQueue: Number(head[2]),
    cwnd: numberField(info, 'cwnd'),
    ssthresh: numberField(info, 'ssthresh'),
    rttMs: numberField(info, 'rtt'),
    mss: numberField(info, 'mss'),
    bytesAcked: numberField(info, 'bytes_acked') ?? 0,
    bytesSent: numberField(info, 'bytes_sent') ?? 0,
    retransSegs: retrans ? Number(retrans[1]) : 0,
    dataSegsOut: numberField(info, 'data_segs_out') ?? 0,
    unacked: numberField(info, 'unacked'),
    notsent: numberField(info, 'notsent') ?? 0,
    peerWindow: numberField(info, 'snd_wnd'),
    deliveryRateMbps: rateField(info, 'delivery_rate'),
    pacingRateMbps: rateField(info, 'pacing_rate'),
    busyMs: numberField(info, 'busy'),
    rwndLimitedMs: numberField(info, 'rwnd_limited') ?? 0,
    sndbufLimitedMs: numberField(info, 'sndbuf_limited') ?? 0,
    appLimited: /(?:^|\s)app_limited(?:\s|$)/.test(info),
    sndbufBytes: skmemField(info, 'tb'),
    wmemQueued: skmemField(info, 'w'),
    raw: info.trim(),
  };
}

/** `ss -tinmH state established …` output: an address line, then indented info line(s), per connection. */
export function parseSsOutput(output: string, atMs: number): SsSample[] {
  const samples: SsSample[] = [];
  let address: string | undefined;
  let info = '';
  const flush = (): void => {
    if (address !== undefined) {
      const sample = parseSsSample(address, info, atMs);
      if (sample) samples.push(sample);
    }
    address = undefined;
    info = '';
  };
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      info += ` ${line.trim()}`;
    } else {
      flush();
      address = line;
    }
  }
  flush();
  return samples;
}
