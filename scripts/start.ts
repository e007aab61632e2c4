// `npm start`: media + certificate + build (when stale), then the comparison page on
// https://127.0.0.1:8443 (HTTP/2) and http://127.0.0.1:8080 (HTTP/1.1), with one media
// origin per player on the next ports (8444-8447, 8081-8084) so each has its own connection.
import { parseArgs } from 'node:util';
import { buildIfStale } from './build-if-stale.js';
import { ensureCertificate } from './cert.js';
import { startDemoOrigins } from '../src/demo/server/demo-origins.js';
import { ensureMedia } from './ensure-media.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8443' },
      'http-port': { type: 'string', default: '8080' },
      build: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
  });
  await ensureMedia();
  const certificate = await ensureCertificate();
  await buildIfStale({ force: values.build, skip: values['no-build'] });

  const demo = await startDemoOrigins({
    host: '127.0.0.1',
    port: Number(values.port),
    httpPort: Number(values['http-port']),
    certificate,
    unshapedReason: 'served on loopback with no bottleneck (npm start)',
  });
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    console.log(`\n${signal}: closing`);
    demo.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const ports = Object.entries(demo.config.mediaPorts).map(([player, p]) => `${player} ${p.https}${p.http ? `/${p.http}` : ''}`);
  console.log(
    [
      '',
      'Sprint is running:',
      `  ${demo.url}/   comparison page over HTTP/2`,
      `  ${demo.httpUrl}/    the same over HTTP/1.1`,
      `  per-player media origins (TLS/plain ports): ${ports.join(', ')}`,
      '  media: /media/number/manifest.mpd, /media/timeline/manifest.mpd, /media/single/manifest.mpd',
      '  unshaped loopback; for a shaped link with competing flows: npm run demo:lab (Linux, root)',
      '',
      `The certificate is self-signed: open ${demo.url}/ once and accept it`,
      '(Chromium: "Advanced" then "Proceed"), or start Chromium with',
      `  --ignore-certificate-errors-spki-list=${certificate.spkiHash}`,
      '',
      'Ctrl+C stops the server.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
