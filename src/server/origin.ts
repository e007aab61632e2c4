// The one origin used by the CLI server, the dev server, e2e tests and the
// network lab: static files from mounted directories with byte ranges, CORS,
// and a per-request log that shows which connection carried each request.
import type { Http2ServerRequest } from 'node:http2';
import type { NextFunction, OriginRequest, OriginResponse } from './http-types.js';
import { ConnectionIds } from './connection-ids.js';
import { RequestLog, nowMs } from './request-log.js';
import { normaliseMounts, resolveRequestPath, type Resolution } from './resolve-path.js';
import { ALLOWED_METHODS, setCommonHeaders, setPreflightHeaders } from './response-headers.js';
import { sendFile } from './static-file.js';
import { FAULT_COUNTS_PATH, FaultInjector, type FaultRoute } from './faults.js';
import { sendFaultedFile } from './faulted-response.js';
import { SendOrder, type BodyTurn } from './send-order.js';

export interface OriginOptions {
  /** URL prefix → directory. Default DEFAULT_MOUNTS. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Base for relative mount directories. Default process.cwd(). */
  readonly root?: string;
  /** Share an existing log (e.g. one log for the h2 and the HTTP/1.1 listener). */
  readonly log?: RequestLog;
  /** Used when `log` is not given. */
  readonly logFile?: string;
  readonly logCapacity?: number;
  /** Fault-injection spec for media requests (src/server/fault-spec.ts); `/__faults/<spec>/` URLs work regardless. */
  readonly faults?: string;
  /**
   * How concurrent HTTP/2 response bodies share a connection: 'in-order' (the
   * default) sends them one after another in request order, 'interleaved'
   * leaves nghttp2's round-robin. Why in order: src/server/send-order.ts.
   */
  readonly h2BodyOrder?: H2BodyOrder;
}

export type H2BodyOrder = 'in-order' | 'interleaved';

export type OriginHandler = ((req: OriginRequest, res: OriginResponse, next?: NextFunction) => void) & {
  readonly log: RequestLog;
  readonly faults: FaultInjector;
};

/** dist/demo is where `vite build` writes the demo (see vite.config.ts). */
export const DEFAULT_MOUNTS: Readonly<Record<string, string>> = {
  '/media/': 'media',
  '/lib/': 'dist/lib',
  '/e2e/': 'e2e/pages',
  '/': 'dist/demo',
};

export const LOG_PATH = '/__origin/log';
export const LOG_CLEAR_PATH = '/__origin/log/clear';

function isHttp2(req: OriginRequest): req is Http2ServerRequest {
  return req.httpVersionMajor === 2;
}

function sendText(req: OriginRequest, res: OriginResponse, status: number, text: string): number {
  const body = Buffer.from(`${text}\n`);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  if (req.method === 'HEAD') {
    res.end();
    return 0;
  }
  res.end(body);
  return body.length;
}

/** A small JSON answer with the common headers (the fault counters). Not logged. */
function answerJson(req: OriginRequest, res: OriginResponse, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  setCommonHeaders(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** GET /__origin/log[?after=<id>] and POST /__origin/log/clear. Not logged themselves. */
function answerLogEndpoint(req: OriginRequest, res: OriginResponse, pathname: string, query: string, log: RequestLog): void {
  setCommonHeaders(res);
  if (req.method === 'OPTIONS') {
    setPreflightHeaders(res, undefined);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.statusCode = 204;
    res.end();
  } else if (pathname === LOG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
    const after = Number(new URLSearchParams(query).get('after') ?? 0) || 0;
    const body = Buffer.from(JSON.stringify({ capacity: log.capacity, records: log.records(after) }));
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', String(body.length));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  } else if (pathname === LOG_CLEAR_PATH && req.method === 'POST') {
    log.clear();
    res.statusCode = 204;
    res.end();
  } else if (pathname === LOG_PATH || pathname === LOG_CLEAR_PATH) {
    res.setHeader('Allow', pathname === LOG_PATH ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS');
    sendText(req, res, 405, 'Method Not Allowed');
  } else {
    sendText(req, res, 404, 'Not Found');
  }
}

export function createOriginHandler(options: OriginOptions = {}): OriginHandler {
  const mounts = normaliseMounts(options.mounts ?? DEFAULT_MOUNTS, options.root ?? process.cwd());
  const log = options.log ?? new RequestLog({ capacity: options.logCapacity, file: options.logFile });
  const connections = new ConnectionIds();
  const faults = FaultInjector.fromText(options.faults);
  const bodyOrder = options.h2BodyOrder ?? 'in-order';
  const sendOrders = new WeakMap<object, SendOrder>();

  /** This response's turn among the bodies of its HTTP/2 connection; none for HTTP/1.1 (serial already). */
  function turnFor(req: OriginRequest): BodyTurn | undefined {
    if (bodyOrder !== 'in-order' || !isHttp2(req) || !req.stream.session) return undefined;
    const session = req.stream.session;
    let order = sendOrders.get(session);
    if (!order) {
      order = new SendOrder();
      sendOrders.set(session, order);
    }
    return order.enqueue();
  }

  /** Starts the record now; it is added to the log when the response finishes or aborts. */
  function track(req: OriginRequest, res: OriginResponse, pathname: string, startMs: number): { body: (bytes: number) => void; fault: (kind: string) => void } {
    const id = log.nextId();
    // Read connection facts now: an HTTP/2 stream forgets its session once closed.
    const streamId = isHttp2(req) ? req.stream.id ?? null : null;
    const socketId = connections.idFor(isHttp2(req) ? req.stream.session ?? req.stream : req.socket);
    const rangeHeader = req.headers['range'];
    let bytes = 0;
    let fault: string | undefined;
    let finishedMs: number | undefined;
    res.on('finish', () => (finishedMs = nowMs()));
    // 'close' comes last in both APIs. HTTP/2's compat response also emits 'finish'
    // when the client resets the stream, so completion is judged by writableFinished.
    res.once('close', () => {
      const aborted = !res.writableFinished;
      log.add({
        id,
        streamId,
        socketId,
        method: req.method ?? 'GET',
        path: pathname,
        range: typeof rangeHeader === 'string' ? rangeHeader : null,
        status: res.statusCode,
        bytes,
        startMs,
        endMs: aborted || finishedMs === undefined ? nowMs() : finishedMs,
        protocol: isHttp2(req) ? 'h2' : 'http/1.1',
        aborted,
        ...(fault ? { fault } : {}),
      });
    });
    return { body: (n) => (bytes += n), fault: (kind) => (fault = kind) };
  }

  async function serve(req: OriginRequest, res: OriginResponse, next: NextFunction | undefined): Promise<void> {
    const startMs = nowMs();
    // Fault injection hook: strips a /__faults/<spec> prefix (see faults.ts).
    const faultRoute: FaultRoute = faults.route(req.url ?? '/');
    const url = faultRoute.kind === 'bad-spec' ? '/' : faultRoute.url;
    const pathname = url.split(/[?#]/, 1)[0] ?? '';
    if (faultRoute.kind === 'bad-spec') {
      setCommonHeaders(res);
      track(req, res, (req.url ?? '').split(/[?#]/, 1)[0] ?? '', startMs).body(sendText(req, res, 400, `Bad Request: ${faultRoute.reason}`));
      return;
    }
    if (faultRoute.kind === 'plain' && pathname === FAULT_COUNTS_PATH) {
      answerJson(req, res, faults.counts());
      return;
    }
    if (faultRoute.kind === 'plain' && pathname.startsWith('/__origin/')) {
      answerLogEndpoint(req, res, pathname, url.slice(pathname.length + 1), log);
      return;
    }
    const method = req.method ?? 'GET';
    // The body's place on its connection is taken on arrival: file lookups finish
    // in any order, and a later request must not jump ahead of an earlier one.
    const turn = method === 'GET' || method === 'HEAD' ? turnFor(req) : undefined;
    let resolution: Resolution | undefined;
    try {
      resolution = method === 'OPTIONS' || !ALLOWED_METHODS.includes(method) ? undefined : await resolveRequestPath(url, mounts);
    } catch (error) {
      turn?.done();
      throw error;
    }
    if (resolution?.kind !== 'file') turn?.done();
    if (next && (resolution?.kind === 'unmounted' || resolution?.kind === 'not-found')) {
      next();
      return;
    }

    const tracked = track(req, res, pathname, startMs);
    setCommonHeaders(res);
    if (method === 'OPTIONS') {
      const requested = req.headers['access-control-request-headers'];
      setPreflightHeaders(res, typeof requested === 'string' ? requested : undefined);
      res.statusCode = 204;
      res.end();
      return;
    }
    if (!resolution) {
      res.setHeader('Allow', ALLOWED_METHODS.join(', '));
      tracked.body(sendText(req, res, 405, 'Method Not Allowed'));
      return;
    }
    switch (resolution.kind) {
      case 'file': {
        const range = req.headers['range'];
        const fault = faults.decide(faultRoute, method, pathname, typeof range === 'string' ? range : undefined);
        if (fault) {
          tracked.fault(fault.kind);
          await sendFaultedFile(req, res, resolution, fault, tracked.body, turn);
        } else {
          sendFile(req, res, resolution, tracked.body, turn);
        }
        return;
      }
      case 'redirect':
        res.setHeader('Location', resolution.location);
        tracked.body(sendText(req, res, 301, 'Moved Permanently'));
        return;
      case 'forbidden':
        tracked.body(sendText(req, res, 403, 'Forbidden'));
        return;
      case 'bad-request':
        tracked.body(sendText(req, res, 400, 'Bad Request'));
        return;
      case 'not-found':
      case 'unmounted':
        tracked.body(sendText(req, res, 404, 'Not Found'));
        return;
    }
  }

  const handler = (req: OriginRequest, res: OriginResponse, next?: NextFunction): void => {
    serve(req, res, next).catch((error: unknown) => {
      if (!res.headersSent) {
        sendText(req, res, 500, 'Internal Server Error');
      } else {
        res.destroy();
      }
      console.error('origin: request failed', req.url, error);
    });
  };
  return Object.assign(handler, { log, faults });
}
