/** Can this host build a lab at all? Checked before anything is created. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const REQUIRED_TOOLS = ['ip', 'tc', 'ethtool', 'iperf3', 'ss', 'sysctl', 'setpriv'] as const;

function onPath(tool: string): boolean {
  const dirs = (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Undefined when the lab can run here, otherwise a sentence saying why not. */
export function labHostProblem(): string | undefined {
  if (process.platform !== 'linux') return `the network lab needs Linux network namespaces (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the network lab must run as root (it creates network namespaces and qdiscs)';
  const missing = REQUIRED_TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) return `the network lab needs these tools on PATH: ${missing.join(', ')}`;
  return undefined;
}

export function assertLabHost(): void {
  const problem = labHostProblem();
  if (problem !== undefined) throw new Error(`cannot start the lab: ${problem}`);
}
