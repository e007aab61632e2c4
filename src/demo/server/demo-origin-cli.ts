// The comparison page's origins as a process (run inside the lab's server namespace by demo-lab.ts).
//   tsx src/demo/server/demo-origin-cli.ts --host 198.18.2.2 --port 8443 [--lab-json FILE] [--unshaped-reason TEXT]
// Prints one line `demo-origins: {"url":…,"config":…}` once listening.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureCertificate } from '../../../scripts/cert.js';
import type { DemoLabInfo } from '../demo-config.js';
import { READY_PREFIX, startDemoOrigins } from './demo-origins.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8443' },
    'lab-json': { type: 'string' },
    'unshaped-reason': { type: 'string' },
  },
});
const lab = values['lab-json'] ? (JSON.parse(await readFile(values['lab-json'], 'utf8')) as DemoLabInfo) : undefined;
const demo = await startDemoOrigins({
  host: values.host,
  port: Number(values.port),
  certificate: await ensureCertificate(),
  ...(lab ? { lab } : {}),
  ...(values['unshaped-reason'] ? { unshapedReason: values['unshaped-reason'] } : {}),
});
console.log(`${READY_PREFIX}${JSON.stringify({ url: demo.url, config: demo.config })}`);
const stop = (): void => void demo.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
