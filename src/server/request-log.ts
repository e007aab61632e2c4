// What the origin served, request by request: kept in a bounded ring for
// GET /__origin/log and optionally appended to a JSON-lines file.
import { createWriteStream, type WriteStream } from 'node:fs';

export interface OriginRequestRecord {
  /** Increasing per origin, starting at 1. */
  readonly id: number;
  /** HTTP/2 stream id; null over HTTP/1.1. */
  readonly streamId: number | null;
  /** Stable per connection (TCP/TLS socket or HTTP/2 session); equal ids mean a shared connection. */
  readonly socketId: number;
  readonly method: string;
  /** Request path as received, without the query string. */
  readonly path: string;
  /** The Range header as received, or null. */
  readonly range: string | null;
  readonly status: number;
  /** Body bytes handed to the connection (0 for HEAD, 304, errors without body). */
  readonly bytes: number;
  /** Epoch milliseconds (fractional) when the request arrived. */
  readonly startMs: number;
  /** Epoch milliseconds (fractional) when the response finished or was aborted. */
  readonly endMs: number;
  readonly protocol: 'h2' | 'http/1.1';
  /** True when the client went away before the response completed. */
  readonly aborted: boolean;
  /** The fault injected into this response (src/server/faults.ts): 5xx, 404, reset, truncate or stall. */
  readonly fault?: string;
}

export interface RequestLogOptions {
  /** Records kept in memory; older ones are dropped first. Default 5000. */
  readonly capacity?: number;
  /** Append each record as one JSON line to this file. */
  readonly file?: string;
}

export const DEFAULT_LOG_CAPACITY = 5000;

/** Epoch milliseconds with sub-millisecond precision. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class RequestLog {
  readonly capacity: number;
  private readonly ring: (OriginRequestRecord | undefined)[];
  private head = 0;
  private size = 0;
  private lastId = 0;
  private readonly sink: WriteStream | undefined;

  constructor(options: RequestLogOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? DEFAULT_LOG_CAPACITY);
    this.ring = new Array<OriginRequestRecord | undefined>(this.capacity);
    this.sink = options.file ? createWriteStream(options.file, { flags: 'a' }) : undefined;
  }

  /** Reserves the id for a request that has just arrived. */
  nextId(): number {
    return ++this.lastId;
  }

  add(record: OriginRequestRecord): void {
    this.ring[(this.head + this.size) % this.capacity] = record;
    if (this.size < this.capacity) this.size++;
    else this.head = (this.head + 1) % this.capacity;
    this.sink?.write(`${JSON.stringify(record)}\n`);
  }

  /** Records in completion order; with `afterId`, only those whose id is greater. */
  records(afterId = 0): OriginRequestRecord[] {
    const result: OriginRequestRecord[] = [];
    for (let i = 0; i < this.size; i++) {
      const record = this.ring[(this.head + i) % this.capacity];
      if (record && record.id > afterId) result.push(record);
    }
    return result;
  }

  /** Empties the in-memory ring; ids keep increasing and the file is left alone. */
  clear(): void {
    this.ring.fill(undefined);
    this.head = 0;
    this.size = 0;
  }

  close(): Promise<void> {
    const sink = this.sink;
    if (!sink) return Promise.resolve();
    return new Promise((resolve) => sink.end(resolve));
  }
}
