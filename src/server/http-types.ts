// The request/response shapes the origin accepts: Node's http and the http2
// compatibility API (both are what connect/Vite middleware receive, too).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export type OriginRequest = IncomingMessage | Http2ServerRequest;
export type OriginResponse = ServerResponse | Http2ServerResponse;
/** connect-style fallthrough: called instead of answering 404 for paths the origin does not serve. */
export type NextFunction = (error?: unknown) => void;
