/**
 * Fetches MPD text for the player: http(s) only, retried under the policy, and
 * never more than the parser's size bound read into memory (a hostile or
 * broken server could otherwise stream gigabytes before the parser's own
 * check ever runs).
 */
import { SprintError } from '../errors.js';
import { DEFAULT_MAX_MANIFEST_BYTES } from '../manifest/limits.js';
import type { HttpClient } from '../net/http-client.js';
import { fetchWithRetry, type RetryPolicy } from '../net/retry.js';

function tooLarge(url: string, maxBytes: number, seen: string): SprintError {
  return new SprintError({ category: 'manifest', code: 'MANIFEST_TOO_LARGE', message: `manifest is larger than ${maxBytes} bytes (${seen})`, url });
}

/** The absolute http(s) URL of `url` against `base`, or UNSAFE_URL. */
export function manifestUrl(url: string, base: string): string {
  let absolute: URL;
  try {
    absolute = new URL(url, base);
  } catch (cause) {
    throw new SprintError({ category: 'manifest', code: 'UNSAFE_URL', message: `not a URL: ${url}`, url, cause });
  }
  if (!/^https?:$/.test(absolute.protocol)) {
    throw new SprintError({ category: 'manifest', code: 'UNSAFE_URL', message: `only http(s) manifests are loaded, not ${absolute.href}`, url });
  }
  return absolute.href;
}

/** An MPD's text, and the protocol it came over ('h2', 'http/1.1'; undefined where the browser hides it). */
export interface FetchedManifest {
  readonly text: string;
  readonly protocol: string | undefined;
}

export async function fetchMpd(
  http: HttpClient,
  url: string,
  policy: RetryPolicy,
  maxBytes = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<FetchedManifest> {
  const controller = new AbortController();
  let received = 0;
  let refusal: SprintError | undefined;
  const refuse = (seen: string): void => {
    refusal ??= tooLarge(url, maxBytes, seen);
    controller.abort(refusal);
  };
  try {
    const result = await fetchWithRetry(
      http,
      {
        url,
        signal: controller.signal,
        onResponse: ({ contentLength }) => {
          if (contentLength !== undefined && contentLength > maxBytes) refuse(`Content-Length ${contentLength}`);
        },
        onChunk: (chunk) => {
          received += chunk.byteLength;
          if (received > maxBytes) refuse(`more than ${maxBytes} bytes received`);
        },
      },
      policy,
    );
    return { text: new TextDecoder().decode(result.data), protocol: result.timing.protocol };
  } catch (error) {
    if (refusal) throw refusal;
    throw new SprintError({
      category: 'manifest',
      code: 'MANIFEST_LOAD_FAILED',
      message: `manifest could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      url,
      ...(error instanceof SprintError && error.status !== undefined ? { status: error.status } : {}),
      cause: error,
    });
  }
}
