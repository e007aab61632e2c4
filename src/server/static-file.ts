// Answers GET/HEAD for one resolved file: whole (200), one byte range (206) or
// an unsatisfiable range (416). The body is streamed, never buffered, and the
// pipeline pauses the file read whenever the connection pushes back.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parseRange } from './byte-range.js';
import { contentTypeFor } from './content-type.js';
import type { OriginRequest, OriginResponse } from './http-types.js';
import type { BodyTurn } from './send-order.js';

export interface StaticFile {
  readonly filePath: string;
  readonly size: number;
  readonly mtime: Date;
}

/** HTTP/2 frames carry at most 16 KB: reading in the same steps gives the send order a progress tick per frame. */
const READ_CHUNK_BYTES = 16 * 1024;

/**
 * `onBody` is told each chunk size as it is handed to the response. With a
 * `turn` (src/server/send-order.ts) the headers go out at once and the body
 * waits for its turn, reporting its progress to it.
 */
export function sendFile(req: OriginRequest, res: OriginResponse, file: StaticFile, onBody: (bytes: number) => void, turn?: BodyTurn): void {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentTypeFor(file.filePath));
  res.setHeader('Last-Modified', file.mtime.toUTCString());

  const rangeHeader = req.headers['range'];
  const range = parseRange(typeof rangeHeader === 'string' ? rangeHeader : undefined, file.size);
  if (range === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${file.size}`);
    res.setHeader('Content-Length', '0');
    turn?.done();
    res.end();
    return;
  }

  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const length = file.size === 0 ? 0 : end - start + 1;
  res.statusCode = range ? 206 : 200;
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
  res.setHeader('Content-Length', String(length));
  if (req.method === 'HEAD' || length === 0) {
    turn?.done();
    res.end();
    return;
  }
  if (!turn) {
    streamBody(res, file.filePath, start, end, onBody);
    return;
  }
  res.once('close', () => turn.done());
  // Headers now, body in its turn: the client's time to first byte stays one RTT (the player's RTT estimate).
  res.writeHead(res.statusCode);
  void turn.ready.then(() => {
    // Reset while it waited (perhaps before 'close' was watched): give the turn back.
    if (res.destroyed) {
      turn.done();
      return;
    }
    streamBody(res, file.filePath, start, end, (bytes) => {
      turn.progress();
      onBody(bytes);
    }, () => turn.done());
  });
}

function streamBody(res: OriginResponse, filePath: string, start: number, end: number, onBody: (bytes: number) => void, onEnd?: () => void): void {
  const body = createReadStream(filePath, { start, end, highWaterMark: READ_CHUNK_BYTES });
  body.on('data', (chunk: Buffer | string) => onBody(chunk.length));
  pipeline(body, res, (error) => {
    onEnd?.();
    // A client that cancels (ABR abandonment, seek) shows up here as a premature
    // close; the read stream is already destroyed by pipeline, so nothing leaks.
    if (error && !res.destroyed) res.destroy();
  });
}
