// Inside the lab's client namespace: Unix sockets in --dir → --target:<port> over TCP, one per --ports entry.
//   tsx src/demo/server/relay-connector-cli.ts --dir /tmp/x --target 198.18.2.2 --ports 8443,8444
import { parseArgs } from 'node:util';
import { startConnector } from './relay.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, target: { type: 'string' }, ports: { type: 'string' } } });
if (!values.dir || !values.target || !values.ports) {
  console.error('usage: relay-connector-cli.ts --dir DIR --target HOST --ports P1,P2,...');
  process.exit(2);
}
const ports = values.ports.split(',').map(Number);
const relay = await startConnector(ports, values.dir, values.target);
console.log('relay-connector: ready');
const stop = (): void => void relay.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
