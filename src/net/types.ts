/** Bytes to request: `end` omitted means to the end of the resource (`bytes=start-`). */
export interface RequestRange {
  readonly start: number;
  readonly end?: number;
}

/** Per-request time limits, ms; a limit left out does not apply. */
export interface RequestTimeouts {
  /** From sending the request to its response headers. */
  readonly firstByteMs?: number;
  /** Longest wait for the next body chunk. */
  readonly stallMs?: number;
  /** Whole request, headers and body. */
  readonly totalMs?: number;
}

/** A chunk of body bytes and when it arrived (clock milliseconds). */
export interface ChunkSample {
  readonly atMs: number;
  readonly bytes: number;
}

/** What the network adapter measured for one request. */
export interface RequestTiming {
  readonly startMs: number;
  /** When response headers arrived (fetch resolves at headers). */
  readonly firstByteMs: number | undefined;
  readonly endMs: number;
  readonly bytes: number;
  readonly chunks: readonly ChunkSample[];
  readonly status: number;
  /** 'h2', 'http/1.1', … from Resource Timing; undefined where the browser hides it. */
  readonly protocol: string | undefined;
}

export interface FetchRequest {
  readonly url: string;
  readonly range?: RequestRange;
  readonly signal?: AbortSignal;
  readonly timeouts?: RequestTimeouts;
  /** Called for each body chunk as it arrives (progress, early split of coalesced ranges). */
  readonly onChunk?: (chunk: Uint8Array, atMs: number) => void;
  /** Called when headers arrive, with Content-Length where the server sent one. */
  readonly onResponse?: (info: { status: number; contentLength: number | undefined }) => void;
}

export interface FetchResult {
  readonly data: Uint8Array<ArrayBuffer>;
  readonly timing: RequestTiming;
}
