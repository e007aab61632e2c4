/**
 * Runs every controller on every trace and formats the outcome as a Markdown
 * table: the results table of docs/abr.md (`npx tsx src/sim/cli.ts`).
 */
import type { AbrSpec } from '../abr/registry.js';
import { resolveAbr } from '../abr/registry.js';
import type { DownloadScheduler } from '../scheduler/types.js';
import type { SimMedia } from './media.js';
import { simulate, type SimulationResult } from './simulate.js';
import type { CapacityTrace } from './traces.js';

export interface MatrixRow {
  readonly abr: string;
  readonly trace: string;
  readonly result: SimulationResult;
}

export interface MatrixOptions {
  readonly media: SimMedia;
  readonly rttMs?: number;
  /** A fresh scheduler per run (schedulers may keep state). */
  readonly scheduler?: () => DownloadScheduler;
}

export function runMatrix(controllers: readonly AbrSpec[], traces: readonly CapacityTrace[], options: MatrixOptions): MatrixRow[] {
  return controllers.flatMap((spec) =>
    traces.map((trace) => {
      const abr = typeof spec === 'string' ? resolveAbr(spec) : spec;
      const result = simulate({
        trace,
        media: options.media,
        abr,
        ...(options.rttMs !== undefined ? { rttMs: options.rttMs } : {}),
        ...(options.scheduler ? { scheduler: options.scheduler() } : {}),
      });
      return { abr: result.abr, trace: trace.name, result };
    }),
  );
}

export function formatMatrix(rows: readonly MatrixRow[]): string {
  const header = '| ABR | trace | mean bitrate (Mbit/s) | switches | stall (s) | startup (s) | QoE | QoE/min |';
  const rule = '|---|---|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(({ abr, trace, result }) => {
    const q = result.qoe;
    return `| ${abr} | ${trace} | ${q.meanBitrateMbps.toFixed(2)} | ${q.switches} | ${q.rebufferS.toFixed(2)} | ${q.startupDelayS.toFixed(2)} | ${q.qoe.toFixed(1)} | ${q.qoePerMinute.toFixed(1)} |`;
  });
  return [header, rule, ...lines].join('\n');
}
