/**
 * Records the origin's traffic during one player's session (tcpdump in the server
 * namespace, headers only) and reads back where its TCP sender went quiet
 * (sender-gaps.ts). `npm run lab -- --capture` turns it on.
 */
import type { Lab } from '../network-lab.js';
import { run, terminate } from '../exec.js';
import { LINUX_MIN_RTO_S, isMediaConnection, parseTcpdumpLine, senderGaps, type CapturedSegment, type ConnectionGaps, type SenderIdleSummary } from './sender-gaps.js';

/** TCP/IP headers with options and the cooked link header fit in 96 bytes; no payload is kept. */
const SNAP_BYTES = 96;

export interface OriginCapture {
  /** Stops the capture and returns each connection's quiet spells. */
  stop(): Promise<ConnectionGaps[]>;
}

export async function startOriginCapture(lab: Lab, file: string, port: number): Promise<OriginCapture> {
  const child = lab.spawnInServer('tcpdump', ['-i', 'any', '-s', String(SNAP_BYTES), '-U', '-w', file, `tcp port ${port}`]);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // tcpdump says "listening on …" once its filter is in place; packets before that are lost.
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    child.stderr?.on('data', () => {
      if (/listening on/.test(stderr)) settle(true);
    });
    child.once('exit', () => settle(false));
  });
  if (!ready) {
    await terminate(child);
    throw new Error(`tcpdump did not start in the server namespace (is it installed?): ${stderr.trim()}`);
  }
  return {
    async stop() {
      await terminate(child);
      return readSenderGaps(file, port);
    },
  };
}

/** Reads a capture file back through `tcpdump -r` and measures its sender's quiet spells; a tcpdump error throws. */
export async function readSenderGaps(file: string, port: number): Promise<ConnectionGaps[]> {
  const { stdout } = await run('tcpdump', ['-r', file, '-tt', '-n', '-S'], { timeoutMs: 120_000 });
  const segments: CapturedSegment[] = [];
  for (const line of stdout.split('\n')) {
    const segment = parseTcpdumpLine(line, port);
    if (segment) segments.push(segment);
  }
  return senderGaps(segments);
}

const MAX_LISTED = 12;

/** One line per connection that carried at least 1 MB: idle spells (count, seconds, longest). */
export function describeSenderGaps(connections: readonly ConnectionGaps[]): string[] {
  return connections
    .filter(isMediaConnection)
    .map((c) => {
      const idle = c.gaps.filter((g) => g.idle);
      const seconds = idle.reduce((s, g) => s + g.gapS, 0);
      const longest = idle.reduce((m, g) => Math.max(m, g.gapS), 0);
      const listed = idle.slice(0, MAX_LISTED).map((g) => `${g.atS.toFixed(1)} s (${(g.gapS * 1000).toFixed(0)} ms)`);
      return `wire: port ${c.clientPort}, ${(c.serverBytes / 1e6).toFixed(1)} MB in ${c.spanS.toFixed(0)} s; sender idle (all acknowledged) ${idle.length}× for ${seconds.toFixed(1)} s, longest ${(longest * 1000).toFixed(0)} ms` +
        (listed.length > 0 ? `; at ${listed.join(', ')}${idle.length > MAX_LISTED ? ', …' : ''}` : '');
    });
}

/**
 * The run's summary line: idle spells in all, those past the RTO floor (the only ones that can
 * restart the window), and, for a player with download runs (Sprint), those inside its runs.
 */
export function describeSenderIdle(idle: SenderIdleSummary, hasRuns: boolean): string {
  const all = `sender idle ${idle.idleSpells}× for ${idle.idleS.toFixed(1)} s, ${idle.overRtoFloorSpells}× past ${LINUX_MIN_RTO_S * 1000} ms for ${idle.overRtoFloorS.toFixed(1)} s`;
  if (!hasRuns) return all;
  return `${all}; inside runs ${idle.insideRunSpells}× for ${idle.insideRunS.toFixed(1)} s (longest ${(idle.longestInsideRunS * 1000).toFixed(0)} ms)`;
}
