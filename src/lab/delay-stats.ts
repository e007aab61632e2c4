/** Delay-line statistics: parsing the delay line's JSON and judging its timing. */

/** Upper bounds (µs) of the lateness buckets; the last bucket is "≥ 5000 µs". */
export const LATENESS_BUCKET_UPPER_US = [50, 100, 250, 500, 1000, 2000, 5000] as const;

/** A run is flagged when more than this fraction of packets left > 1 ms late. */
export const LATE_FRACTION_LIMIT = 0.01;

export interface DelayDirectionStats {
  delayUs: number;
  jitterUs: number;
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  /** Packets the delay line itself dropped (queue full or write error); should be 0. */
  drops: number;
  /** Packets released more than 1 ms after their scheduled time. */
  lateOver1ms: number;
  maxLateUs: number;
  maxQueued: number;
  /** Counts per bucket of (release time − scheduled time), see LATENESS_BUCKET_UPPER_US. */
  lateness: number[];
}

export interface DelayLineStats {
  backend: 'tun' | 'netem';
  /** Scheduler the delay line got: "fifo" (SCHED_FIFO) or "other". */
  scheduling: string;
  wallSeconds: number;
  cpuSeconds: number;
  /** Average cores used over the line's lifetime. */
  cpuCores: number;
  /** up = client → router (ACK path, jittered); down = router → client (data path). */
  up: DelayDirectionStats;
  down: DelayDirectionStats;
}

type RawDirection = Record<string, number | number[]>;

function num(raw: RawDirection, key: string): number {
  const value = raw[key];
  if (typeof value !== 'number') throw new Error(`delay line stats: missing ${key}`);
  return value;
}

function parseDirection(raw: RawDirection): DelayDirectionStats {
  const lateness = raw['lateness'];
  if (!Array.isArray(lateness)) throw new Error('delay line stats: missing lateness');
  return {
    delayUs: num(raw, 'delay_us'),
    jitterUs: num(raw, 'jitter_us'),
    packetsIn: num(raw, 'packets_in'),
    bytesIn: num(raw, 'bytes_in'),
    packetsOut: num(raw, 'packets_out'),
    bytesOut: num(raw, 'bytes_out'),
    drops: num(raw, 'drops_full') + num(raw, 'drops_write'),
    lateOver1ms: num(raw, 'late_over_1ms'),
    maxLateUs: num(raw, 'max_late_us'),
    maxQueued: num(raw, 'max_queued'),
    lateness,
  };
}

/** Parses one JSON line written by delayline.c. */
export function parseDelayLineStats(line: string): DelayLineStats {
  const raw = JSON.parse(line) as {
    sched: string;
    wall_s: number;
    cpu_user_s: number;
    cpu_sys_s: number;
    directions: { up: RawDirection; down: RawDirection };
  };
  const cpuSeconds = raw.cpu_user_s + raw.cpu_sys_s;
  return {
    backend: 'tun',
    scheduling: raw.sched,
    wallSeconds: raw.wall_s,
    cpuSeconds,
    cpuCores: raw.wall_s > 0 ? cpuSeconds / raw.wall_s : 0,
    up: parseDirection(raw.directions.up),
    down: parseDirection(raw.directions.down),
  };
}

/** Counters accumulated since `before` (both snapshots from the same delay line). */
export function diffDelayLineStats(after: DelayLineStats, before: DelayLineStats): DelayLineStats {
  const diffDirection = (a: DelayDirectionStats, b: DelayDirectionStats): DelayDirectionStats => ({
    ...a,
    packetsIn: a.packetsIn - b.packetsIn,
    bytesIn: a.bytesIn - b.bytesIn,
    packetsOut: a.packetsOut - b.packetsOut,
    bytesOut: a.bytesOut - b.bytesOut,
    drops: a.drops - b.drops,
    lateOver1ms: a.lateOver1ms - b.lateOver1ms,
    lateness: a.lateness.map((count, i) => count - (b.lateness[i] ?? 0)),
  });
  const wallSeconds = after.wallSeconds - before.wallSeconds;
  const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
  return {
    ...after,
    wallSeconds,
    cpuSeconds,
    cpuCores: wallSeconds > 0 ? cpuSeconds / wallSeconds : 0,
    up: diffDirection(after.up, before.up),
    down: diffDirection(after.down, before.down),
  };
}

export interface LatenessVerdict {
  packets: number;
  lateOver1ms: number;
  lateFraction: number;
  drops: number;
  /** True when > 1% of packets were released > 1 ms late, or the line dropped packets. */
  flagged: boolean;
}

export function judgeLateness(stats: DelayLineStats): LatenessVerdict {
  const packets = stats.up.packetsOut + stats.down.packetsOut;
  const lateOver1ms = stats.up.lateOver1ms + stats.down.lateOver1ms;
  const drops = stats.up.drops + stats.down.drops;
  const lateFraction = packets > 0 ? lateOver1ms / packets : 0;
  return { packets, lateOver1ms, lateFraction, drops, flagged: lateFraction > LATE_FRACTION_LIMIT || drops > 0 };
}

function bucketLabels(): string[] {
  const labels = LATENESS_BUCKET_UPPER_US.map((us) => (us >= 1000 ? `<${us / 1000}ms` : `<${us}µs`));
  const last = LATENESS_BUCKET_UPPER_US[LATENESS_BUCKET_UPPER_US.length - 1] ?? 0;
  return [...labels, `≥${last / 1000}ms`];
}

/** Human-readable summary: one line per direction plus the verdict. */
export function formatDelayLineStats(stats: DelayLineStats): string {
  const labels = bucketLabels();
  const direction = (name: string, d: DelayDirectionStats): string => {
    const total = d.lateness.reduce((sum, n) => sum + n, 0);
    const histogram = d.lateness
      .map((n, i) => `${labels[i]} ${total > 0 ? ((100 * n) / total).toFixed(2) : '0.00'}%`)
      .join(', ');
    return (
      `  ${name}: delay ${d.delayUs / 1000} ms + jitter 0–${d.jitterUs / 1000} ms, ` +
      `${d.packetsOut} pkts / ${(d.bytesOut / 1e6).toFixed(1)} MB, drops ${d.drops}, ` +
      `max late ${d.maxLateUs} µs, max queued ${d.maxQueued}\n    lateness: ${histogram}`
    );
  };
  const verdict = judgeLateness(stats);
  return [
    `delay line (${stats.backend}, sched ${stats.scheduling}): CPU ${(stats.cpuCores * 100).toFixed(1)}% of a core over ${stats.wallSeconds.toFixed(1)} s`,
    direction('up (client→server, ACK path)', stats.up),
    direction('down (server→client, data path)', stats.down),
    `  >1 ms late: ${(verdict.lateFraction * 100).toFixed(3)}% of ${verdict.packets} pkts` +
      (verdict.flagged ? '  ** FLAGGED: timing or drops out of bounds **' : ''),
  ].join('\n');
}
