/**
 * Answers one media GET with an injected fault instead of the normal static
 * file path (which stays untouched): an error status, or the real headers
 * followed by part of the body and then a reset stream/connection, a clean
 * but early end, or a pause of N seconds before the rest.
 *
 * Reset: HTTP/2 closes the stream with INTERNAL_ERROR (RST_STREAM), the
 * session lives on; HTTP/1.1 destroys the socket. Truncate: HTTP/2 ends the
 * stream (END_STREAM) short of Content-Length; HTTP/1.1 ends the response and
 * closes the connection (FIN), since the keep-alive framing is broken.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import http2, { type Http2ServerResponse } from 'node:http2';
import { parseRange } from './byte-range.js';
import { contentTypeFor } from './content-type.js';
import type { FaultDecision } from './fault-decision.js';
import type { OriginRequest, OriginResponse } from './http-types.js';
import type { BodyTurn } from './send-order.js';
import type { StaticFile } from './static-file.js';

function isHttp2Response(res: OriginResponse): res is Http2ServerResponse {
  return 'stream' in res;
}

function sendStatus(req: OriginRequest, res: OriginResponse, status: number, onBody: (bytes: number) => void): void {
  const body = Buffer.from(`injected fault: HTTP ${status}\n`);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.end(body);
  onBody(body.length);
}

/** The write both response types share (their overloads do not unify). */
type Writable = { write(chunk: Buffer | string, callback?: (error?: Error | null) => void): boolean };

function write(res: OriginResponse, chunk: Buffer | string, callback?: () => void): boolean {
  return (res as unknown as Writable).write(chunk, callback);
}

function gone(res: OriginResponse): boolean {
  return res.destroyed || res.writableEnded;
}

/** One response's close, observed once: every wait below races against it. */
function closeSignal(res: OriginResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

/** Resolves true after `ms`, or false as soon as the response closes. */
function waitUnlessClosed(closed: AbortSignal, ms: number): Promise<boolean> {
  if (closed.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      closed.removeEventListener('abort', onClose);
      resolve(true);
    }, ms);
    closed.addEventListener('abort', onClose, { once: true });
  });
}

/** Writes file bytes [start, end] with back-pressure; false when the client went away. */
async function writeSpan(res: OriginResponse, closed: AbortSignal, filePath: string, start: number, end: number, onBody: (bytes: number) => void): Promise<boolean> {
  if (end < start) return !gone(res);
  for await (const chunk of createReadStream(filePath, { start, end, signal: closed })) {
    if (gone(res)) return false;
    const buffer = chunk as Buffer;
    onBody(buffer.length);
    if (!write(res, buffer)) {
      const drained = await once(res, 'drain', { signal: closed }).then(() => true, () => false);
      if (!drained) return false;
    }
  }
  return !gone(res);
}

/** Lets what was written reach the connection before it is cut. */
function flushed(res: OriginResponse, closed: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (gone(res) || closed.aborted) return resolve();
    closed.addEventListener('abort', () => resolve(), { once: true });
    write(res, '', () => resolve());
  });
}

function cut(req: OriginRequest, res: OriginResponse, how: 'reset' | 'truncate'): void {
  if (isHttp2Response(res)) {
    if (how === 'reset') res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    else res.stream.end();
    return;
  }
  const socket = req.socket;
  if (how === 'reset') {
    socket.destroy();
    return;
  }
  // End the socket directly: ServerResponse.end() would wait for the missing bytes.
  socket.end();
}

export async function sendFaultedFile(
  req: OriginRequest,
  res: OriginResponse,
  file: StaticFile,
  fault: FaultDecision,
  onBody: (bytes: number) => void,
  turn?: BodyTurn,
): Promise<void> {
  if (turn) res.once('close', () => turn.done());
  try {
    await sendFaultedBody(req, res, file, fault, onBody, turn);
  } finally {
    turn?.done();
  }
}

/** The body in its turn on the connection (src/server/send-order.ts); a stall yields the turn, as a slow origin would. */
async function sendFaultedBody(
  req: OriginRequest,
  res: OriginResponse,
  file: StaticFile,
  fault: FaultDecision,
  reportBody: (bytes: number) => void,
  turn: BodyTurn | undefined,
): Promise<void> {
  const onBody = (bytes: number): void => {
    turn?.progress();
    reportBody(bytes);
  };
  if (fault.kind === '5xx' || fault.kind === '404') {
    sendStatus(req, res, fault.kind === '404' ? 404 : fault.status, onBody);
    return;
  }
  const rangeHeader = req.headers['range'];
  const range = parseRange(typeof rangeHeader === 'string' ? rangeHeader : undefined, file.size);
  if (range === 'unsatisfiable' || file.size === 0) {
    sendStatus(req, res, 416, onBody);
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const length = end - start + 1;
  res.statusCode = range ? 206 : 200;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentTypeFor(file.filePath));
  res.setHeader('Last-Modified', file.mtime.toUTCString());
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
  // The full length is announced: that is what makes a cut body detectable.
  res.setHeader('Content-Length', String(length));
  // At least one byte before the fault and at least one missing after it.
  const before = Math.min(length - 1, Math.max(1, Math.floor(length * fault.cutFraction)));
  const closed = closeSignal(res);
  if (turn) {
    res.writeHead(res.statusCode); // headers at once, as for a plain file (static-file.ts)
    await turn.ready;
  }
  try {
    if (length < 2 || !(await writeSpan(res, closed, file.filePath, start, start + before - 1, onBody))) {
      if (!gone(res)) res.end();
      return;
    }
    await flushed(res, closed);
    if (fault.kind === 'stall') {
      turn?.yieldTurn();
      if (!(await waitUnlessClosed(closed, fault.stallMs))) return;
      if (await writeSpan(res, closed, file.filePath, start + before, end, onBody)) res.end();
      return;
    }
    if (!gone(res)) cut(req, res, fault.kind);
  } catch (error) {
    // The client went away mid-read (the read stream is aborted with the response).
    if (!closed.aborted) throw error;
  }
}
