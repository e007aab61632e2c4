/**
 * UDP RTT probe, run inside a lab namespace (these machines have no `ping`).
 *   echo  --port P                                  : echo every datagram back
 *   probe --host H --port P --count N --interval-ms I :
 *     print {"startedAtMs":<epoch ms of probe 0>,"intervalMs":I,"rttsMs":[ms or null per probe]}
 * Times are taken with process.hrtime; event-loop overhead is ~0.1 ms.
 */
import { createSocket } from 'node:dgram';

const PROBE_BYTES = 64;
const REPLY_WAIT_MS = 3_000;

function option(args: readonly string[], name: string, fallback?: string): string {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : fallback;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

function runEcho(port: number): void {
  const socket = createSocket('udp4');
  socket.on('message', (message, peer) => socket.send(message, peer.port, peer.address));
  socket.bind(port, () => process.stdout.write('ready\n'));
}

function runProbe(host: string, port: number, count: number, intervalMs: number): void {
  const socket = createSocket('udp4');
  const sentAt: bigint[] = [];
  const rtts: Array<number | undefined> = new Array<number | undefined>(count).fill(undefined);
  let replies = 0;
  let startedAtMs = 0;
  let finished = false;
  let giveUp: NodeJS.Timeout | undefined;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(giveUp);
    const rttsMs = rtts.map((rtt) => rtt ?? null);
    process.stdout.write(`${JSON.stringify({ startedAtMs, intervalMs, rttsMs })}\n`);
    socket.close();
  };
  socket.on('message', (message) => {
    const seq = message.readUInt32BE(0);
    const start = sentAt[seq];
    if (start === undefined || rtts[seq] !== undefined) return;
    rtts[seq] = Number(process.hrtime.bigint() - start) / 1e6;
    replies += 1;
    if (replies === count) finish();
  });
  socket.connect(port, host, () => {
    let seq = 0;
    startedAtMs = Date.now();
    const sendNext = (): void => {
      const payload = Buffer.alloc(PROBE_BYTES);
      payload.writeUInt32BE(seq, 0);
      sentAt[seq] = process.hrtime.bigint();
      socket.send(payload);
      seq += 1;
      if (seq < count) setTimeout(sendNext, intervalMs);
      else giveUp = setTimeout(finish, REPLY_WAIT_MS);
    };
    sendNext();
  });
}

function main(args: readonly string[]): void {
  const mode = args[0];
  const port = Number(option(args, '--port'));
  if (mode === 'echo') return runEcho(port);
  if (mode === 'probe') {
    return runProbe(
      option(args, '--host'),
      port,
      Number(option(args, '--count', '20')),
      Number(option(args, '--interval-ms', '10')),
    );
  }
  throw new Error(`unknown mode ${mode ?? '(none)'}; use echo or probe`);
}

main(process.argv.slice(2));
