// `npm start`: media + certificate + build (when stale), then the origin serving the
// demo and media on https://127.0.0.1:8443 (HTTP/2) and http://127.0.0.1:8080 (HTTP/1.1).
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCertificate } from './cert.js';
import { ensureMedia } from './ensure-media.js';
import { REPO_ROOT } from './dash-media/recipe.js';
import { closeOnSignals } from '../src/server/main.js';
import { startOrigin } from '../src/server/start-origin.js';

/** What `npm run build` reads and what it must produce. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const BUILD_OUTPUTS = ['dist/lib/sprint.js', 'dist/demo/index.html'];

/** Newest modification time under `target` (0 when absent). */
async function newestMtime(target: string): Promise<number> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function buildIsStale(): Promise<boolean> {
  const outputs = await Promise.all(BUILD_OUTPUTS.map((file) => stat(path.join(REPO_ROOT, file)).then((s) => s.mtimeMs, () => 0)));
  const oldestOutput = Math.min(...outputs);
  if (oldestOutput === 0) return true;
  const inputs = await Promise.all(BUILD_INPUTS.map((entry) => newestMtime(path.join(REPO_ROOT, entry))));
  return Math.max(...inputs) > oldestOutput;
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`))));
  });
}

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
  if (values.build || (!values['no-build'] && (await buildIsStale()))) {
    console.log('building the library and demo (npm run build)...');
    await runBuild();
  }

  const origin = await startOrigin({
    host: '127.0.0.1',
    port: Number(values.port),
    httpPort: Number(values['http-port']),
    certificate,
  });
  closeOnSignals(origin);
  console.log(
    [
      '',
      'Sprint is running:',
      `  ${origin.url}/   demo over HTTP/2`,
      `  ${origin.httpUrl}/    the same over HTTP/1.1`,
      '  media: /media/number/manifest.mpd, /media/timeline/manifest.mpd, /media/single/manifest.mpd',
      '',
      `The certificate is self-signed: open ${origin.url}/ once and accept it`,
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
