/**
 * The probe's optional diagnostic paths, measured after (a)–(c) on request.
 * Each takes one ingredient out of (b), the h2 pipelined download, so a low
 * h2 ceiling can be pinned on HTTP/2 itself, on pipelining or on the client:
 *   h2-serial     h2, the same 1 MB objects, one request at a time;
 *   h2-stream     h2, one long response, cut at the measurement's duration;
 *   http1-stream  HTTP/1.1, one long response, cut likewise;
 *   h2-pipelined-no-pingpong  (b) itself, with the client's
 *                 net.ipv4.tcp_pingpong_thresh at 255 for the measurement, so
 *                 its receiver stays out of delayed-ACK pingpong mode (the
 *                 cause of most of (b)'s gap, docs/lab.md): the same round
 *                 then gives (b) with and without it.
 * Pure, unit-tested.
 */

export const DIAGNOSTIC_PATHS = ['h2-serial', 'h2-stream', 'http1-stream', 'h2-pipelined-no-pingpong'] as const;

/** The client threshold that keeps Linux out of pingpong mode (the sysctl's maximum). */
export const NO_PINGPONG_THRESH = 255;

export type DiagnosticPath = (typeof DIAGNOSTIC_PATHS)[number];

/** One long response instead of 1 MB objects back to back. */
export const STREAMING_PATHS: ReadonlySet<DiagnosticPath> = new Set<DiagnosticPath>(['h2-stream', 'http1-stream']);

export function isDiagnosticPath(name: string): name is DiagnosticPath {
  return (DIAGNOSTIC_PATHS as readonly string[]).includes(name);
}

export function needsStreamObject(paths: readonly DiagnosticPath[]): boolean {
  return paths.some((p) => STREAMING_PATHS.has(p));
}

/** The smallest stream object: at low rates a few seconds of slack are cheap. */
export const MIN_STREAM_BYTES = 16_000_000;

/**
 * Size of the stream object: twice what the whole link could carry in the
 * measurement, so it cannot finish before the cut even with the competitors
 * starved; no less than MIN_STREAM_BYTES.
 */
export function streamObjectBytes(rateMbps: number, durationS: number): number {
  if (!(rateMbps > 0) || !(durationS > 0)) throw new Error(`streamObjectBytes: rate and duration must be > 0, got ${rateMbps} Mbit/s, ${durationS} s`);
  return Math.max(MIN_STREAM_BYTES, Math.ceil(((rateMbps * 1e6) / 8) * durationS * 2));
}

/** How a diagnostic path's download differs from the default one (1 MB objects, cut only between requests). */
export interface DiagnosticDownload {
  /** Requests in flight; absent: the probe's own (b) setting. */
  readonly inFlight?: number;
  /** The client's net.ipv4.tcp_pingpong_thresh during the measurement; absent: left as it is. */
  readonly clientPingpongThresh?: number;
  /** Objects to fetch instead of the site's 1 MB ones; absent for those. */
  readonly objectPaths?: readonly string[];
  readonly cutAtDuration: boolean;
}

/** `streamPath`: the site's stream object, required for the streaming paths. */
export function diagnosticDownload(path: DiagnosticPath, streamPath: string | undefined): DiagnosticDownload {
  if (path === 'h2-pipelined-no-pingpong') return { clientPingpongThresh: NO_PINGPONG_THRESH, cutAtDuration: false };
  if (!STREAMING_PATHS.has(path)) return { inFlight: 1, cutAtDuration: false };
  if (streamPath === undefined) throw new Error(`diagnostic path ${path} needs the probe site's stream object`);
  return { inFlight: 1, objectPaths: [streamPath], cutAtDuration: true };
}
