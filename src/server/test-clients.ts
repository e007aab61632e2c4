// Minimal HTTP/2 and HTTP/1.1 clients for the origin's tests. Node's clients send
// the path exactly as given (no dot-segment normalisation), which traversal tests need.
import http, { type IncomingHttpHeaders } from 'node:http';
import http2, { type ClientHttp2Session, type OutgoingHttpHeaders } from 'node:http2';
import https from 'node:https';

export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export function connectH2(url: string): ClientHttp2Session {
  return http2.connect(url, { rejectUnauthorized: false });
}

export function h2Request(
  session: ClientHttp2Session,
  path: string,
  init: { method?: string; headers?: OutgoingHttpHeaders } = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': init.method ?? 'GET', ':path': path, ...init.headers });
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = h as IncomingHttpHeaders;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ status, headers, body: Buffer.concat(chunks) }));
    stream.on('error', reject);
    stream.end();
  });
}

interface Http1Init {
  method?: string;
  headers?: Record<string, string>;
  agent?: http.Agent;
}

function collect(req: http.ClientRequest, resolve: (r: TestResponse) => void, reject: (e: Error) => void): void {
  req.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
  });
  req.on('error', reject);
  req.end();
}

/** Plain HTTP/1.1 to `baseUrl` (http://host:port). */
export function http1Request(baseUrl: string, path: string, init: Http1Init = {}): Promise<TestResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method: init.method ?? 'GET', headers: init.headers, agent: init.agent });
    collect(req, resolve, reject);
  });
}

/** HTTP/1.1 over TLS to the h2 port (ALPN falls back to http/1.1). */
export function https1Request(baseUrl: string, path: string, init: Http1Init = {}): Promise<TestResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = https.request({
      hostname, port, path,
      method: init.method ?? 'GET',
      headers: init.headers,
      rejectUnauthorized: false,
      agent: false,
    });
    collect(req, resolve, reject);
  });
}
