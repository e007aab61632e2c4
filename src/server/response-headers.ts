// Headers every origin response carries: open CORS (players and the lab load media
// cross-origin), Resource Timing details for any origin, and no caching, so each
// run measures the network rather than the HTTP cache.
import type { OriginResponse } from './http-types.js';

export const EXPOSED_HEADERS = ['Content-Range', 'Content-Length', 'Accept-Ranges', 'Content-Type', 'Date'];
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export function setCommonHeaders(res: OriginResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
  res.setHeader('Timing-Allow-Origin', '*');
  res.setHeader('Cache-Control', 'no-store');
}

/** CORS preflight: allow Range (and whatever else was asked for) on GET/HEAD. */
export function setPreflightHeaders(res: OriginResponse, requestedHeaders: string | undefined): void {
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
  res.setHeader('Access-Control-Allow-Headers', requestedHeaders?.trim() ? requestedHeaders : 'Range');
  res.setHeader('Access-Control-Max-Age', '600');
}
