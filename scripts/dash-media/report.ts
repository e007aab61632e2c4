// The record of a media run (written to media/report.json) and its console rendering.
import type { EncodedRendition } from './encode.js';
import type { ProbedStream } from './probe-playable.js';
import type { VariantReport } from './verify-variant.js';

export interface MediaReport {
  readonly recipeKey: string;
  readonly generatedAt: string;
  readonly ffmpeg: string;
  readonly seconds: number;
  readonly segmentsPerRepresentation: number;
  readonly encode: {
    readonly wallMs: number;
    readonly parallel: number;
    readonly renditions: readonly { name: string; ms: number }[];
    /** True when cached intermediates were reused; the timings are from the run that made them. */
    readonly reused: boolean;
  };
  readonly packageMs: Record<string, number>;
  readonly probes: Record<string, ProbedStream>;
  readonly variants: readonly VariantReport[];
}

export function encodeSummary(renditions: readonly EncodedRendition[], wallMs: number, parallel: number): MediaReport['encode'] {
  return {
    wallMs: Math.round(wallMs),
    parallel,
    renditions: renditions.map((r) => ({ name: r.name, ms: Math.round(r.ms) })),
    reused: false,
  };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export function formatReport(report: MediaReport): string {
  const lines: string[] = [];
  const cpu = report.encode.renditions.reduce((sum, r) => sum + r.ms, 0);
  lines.push(
    `encode${report.encode.reused ? ' (cached in media/.work; timings from when it ran)' : ''}: ` +
      `${(report.encode.wallMs / 1000).toFixed(1)} s wall, ${(cpu / 1000).toFixed(1)} s summed over ` +
      `${report.encode.renditions.length} ffmpeg runs, ${report.encode.parallel} at a time, for ${report.seconds} s of media`,
  );
  for (const variant of report.variants) {
    const ms = report.packageMs[variant.name] ?? 0;
    lines.push(`${variant.name}: ${mb(variant.totalBytes)}, packaged in ${(ms / 1000).toFixed(1)} s`);
    for (const r of variant.representations) {
      const size = r.width ? `${r.width}x${r.height}` : 'audio';
      lines.push(
        `  id ${r.id.padEnd(2)} ${size.padEnd(9)} ${r.codecs.padEnd(12)} bandwidth=${String(r.bandwidth).padEnd(8)}` +
          ` ${r.segments} segs  avg ${r.avgKbps} kbps (nominal ${r.nominalKbps}, segments ${r.minKbps}..${r.maxKbps})`,
      );
    }
  }
  for (const [name, probe] of Object.entries(report.probes)) {
    const size = probe.width ? ` ${probe.width}x${probe.height}` : '';
    lines.push(`probe ${name}: ${probe.codec} ${probe.profile}${size}, ${probe.frames} frames decoded`);
  }
  const total = report.variants.reduce((sum, v) => sum + v.totalBytes, 0);
  lines.push(`total published media: ${mb(total)}`);
  return lines.join('\n');
}
