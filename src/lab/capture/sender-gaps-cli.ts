/**
 * Where the server's sender went quiet in a capture of the lab's origin:
 *   ip netns exec <lab>-server tcpdump -i any -s 96 -w cap.pcap 'tcp port 8443'   (while a lab runs)
 *   tcpdump -r cap.pcap -tt -n -S | npx tsx src/lab/capture/sender-gaps-cli.ts [--port 8443] [--min-gap-ms 50]
 * Prints, per connection that carried at least 1 MB, the quiet spells with nothing
 * unacknowledged (the connection idled) and those waiting on ACKs (docs/lab.md).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isMediaConnection, parseTcpdumpLine, senderGaps, type CapturedSegment, type SenderGap } from './sender-gaps.js';

const BUCKETS_MS = [50, 100, 200, 500, 1000, Infinity];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'min-gap-ms': { type: 'string' } } });
  const port = Number(values.port ?? 8443);
  const minGapMs = Number(values['min-gap-ms'] ?? 50);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new RangeError(`--port must be a TCP port, got ${values.port}`);
  if (!(minGapMs > 0)) throw new RangeError(`--min-gap-ms must be > 0, got ${values['min-gap-ms']}`);
  const segments: CapturedSegment[] = [];
  for await (const line of createInterface({ input: process.stdin })) {
    const segment = parseTcpdumpLine(line, port);
    if (segment) segments.push(segment);
  }
  if (segments.length === 0) throw new Error(`no TCP segments to or from port ${port} on stdin (pipe in tcpdump -r <file> -tt -n -S)`);
  const total = (gaps: readonly SenderGap[]) => gaps.reduce((s, g) => s + g.gapS, 0).toFixed(1);
  for (const c of senderGaps(segments, minGapMs / 1000)) {
    if (!isMediaConnection(c)) continue;
    const idle = c.gaps.filter((g) => g.idle);
    const waiting = c.gaps.filter((g) => !g.idle);
    const histogram = BUCKETS_MS.slice(1).map((hi, i) => idle.filter((g) => g.gapS * 1000 >= (BUCKETS_MS[i] as number) && g.gapS * 1000 < hi).length);
    console.log(`connection from client port ${c.clientPort}: ${(c.serverBytes / 1e6).toFixed(1)} MB from the server over ${c.spanS.toFixed(1)} s, ${c.clientDataSegments} client data segments after the first`);
    console.log(`  quiet > ${minGapMs} ms with everything acknowledged (idle): ${idle.length}, ${total(idle)} s; waiting on ACKs or a timer: ${waiting.length}, ${total(waiting)} s`);
    console.log(`  idle spells by length (ms ${BUCKETS_MS.join(', ')}): ${histogram.join(' ')}`);
    console.log(`  idle spells (s into the connection: length): ${idle.map((g) => `${g.atS.toFixed(1)}: ${(g.gapS * 1000).toFixed(0)} ms`).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
