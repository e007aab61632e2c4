// CLI: tsx src/server/main.ts --port 8443 --host 127.0.0.1 [--http-port 8080] [--log file.jsonl] [--media DIR] [--faults SPEC]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCertificate } from '../../scripts/cert.js';
import { parseFaultSpec } from './fault-spec.js';
import { checkListenHost } from './host-policy.js';
import { LOG_PATH } from './origin.js';
import { startOrigin, type RunningOrigin, type StartOriginOptions } from './start-origin.js';

export { startOrigin, type RunningOrigin, type StartOriginOptions } from './start-origin.js';

const USAGE =
  'usage: tsx src/server/main.ts [--port 8443] [--host 127.0.0.1] [--http-port 8080] [--log file.jsonl] [--media DIR]\n' +
  '       [--faults SPEC]  e.g. 5xx=0.05,404=0.02,reset=0.02,truncate=0.02,stall=0.02:8s,seed=7 or mixed (media requests only)\n' +
  '       [--h2-body-order in-order|interleaved]  concurrent HTTP/2 bodies sent in request order (default) or round-robin';

function parsePort(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${flag} must be a port number, got "${value}"`);
  return port;
}

export function parseCli(argv: readonly string[]): StartOriginOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'http-port': { type: 'string' },
      log: { type: 'string' },
      media: { type: 'string' },
      faults: { type: 'string' },
      'h2-body-order': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const bodyOrder = values['h2-body-order'];
  if (bodyOrder !== undefined && bodyOrder !== 'in-order' && bodyOrder !== 'interleaved') {
    throw new Error(`--h2-body-order takes in-order or interleaved, got "${bodyOrder}"`);
  }
  return {
    host: values.host ?? '127.0.0.1',
    port: parsePort(values.port, '--port') ?? 8443,
    httpPort: parsePort(values['http-port'], '--http-port'),
    ...(values.log ? { logFile: path.resolve(values.log) } : {}),
    ...(values.media ? { mediaDir: path.resolve(values.media) } : {}),
    // Parsed here too, so a bad spec is a usage error rather than a crash at start.
    ...(values.faults ? { faults: (parseFaultSpec(values.faults), values.faults) } : {}),
    ...(bodyOrder ? { h2BodyOrder: bodyOrder } : {}),
  };
}

/** Closes on the first SIGINT/SIGTERM; a second one exits immediately. */
export function closeOnSignals(origin: RunningOrigin): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    console.log(`\n${signal}: closing origin`);
    origin.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  let options: StartOriginOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  const verdict = checkListenHost(options.host ?? '127.0.0.1');
  if (!verdict.allowed) {
    console.error(`origin: ${verdict.reason}`);
    process.exit(2);
  }
  const certificate = await ensureCertificate();
  const origin = await startOrigin({ ...options, certificate });
  console.log(`origin: ${origin.url}/ (HTTP/2, TLS; HTTP/1.1 via ALPN)`);
  if (origin.httpUrl) console.log(`origin: ${origin.httpUrl}/ (HTTP/1.1, plain)`);
  if (options.faults) console.log(`origin: injecting faults into media responses: ${options.faults} (counts at ${origin.url}/__origin/faults)`);
  console.log(`origin: request log at ${origin.url}${LOG_PATH}${options.logFile ? ` and ${options.logFile}` : ''}`);
  console.log(`origin: self-signed certificate, SPKI sha256 ${certificate.spkiHash}`);
  closeOnSignals(origin);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(`origin: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
