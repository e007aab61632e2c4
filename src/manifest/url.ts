/**
 * URL resolution for everything a manifest names. Only http(s) may come out:
 * a hostile MPD must not steer the player to javascript:, file:, data: or blob: URLs.
 */
import { manifestError } from './manifest-errors.js';

const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** An absolute http(s) URL, or UNSAFE_URL / MANIFEST_INVALID. */
export function requireSafeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw manifestError('MANIFEST_INVALID', `"${shorten(url)}" is not an absolute URL`, { cause });
  }
  if (!SAFE_PROTOCOLS.has(parsed.protocol)) {
    throw manifestError('UNSAFE_URL', `only http(s) URLs are allowed, got "${shorten(url)}"`, {
      url: shorten(url),
    });
  }
  return parsed.href;
}

/** `reference` resolved against `base` (itself absolute and safe), checked safe. */
export function resolveUrl(base: string, reference: string): string {
  let resolved: URL;
  try {
    resolved = new URL(reference, base);
  } catch (cause) {
    throw manifestError('MANIFEST_INVALID', `cannot resolve URL "${shorten(reference)}" against "${shorten(base)}"`, {
      cause,
    });
  }
  if (!SAFE_PROTOCOLS.has(resolved.protocol)) {
    throw manifestError('UNSAFE_URL', `only http(s) URLs are allowed, got "${shorten(reference)}"`, {
      url: shorten(resolved.href),
    });
  }
  return resolved.href;
}
