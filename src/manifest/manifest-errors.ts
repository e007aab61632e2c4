/** Typed failures raised while reading a manifest or a segment index. */
import { SprintError, type ErrorCategory, type ErrorCode } from '../errors.js';

type ManifestErrorCode = Extract<
  ErrorCode,
  | 'MANIFEST_NOT_XML'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNSUPPORTED'
  | 'MANIFEST_TOO_LARGE'
  | 'NO_PLAYABLE_REPRESENTATION'
  | 'SEGMENT_INDEX_INVALID'
  | 'UNSAFE_URL'
>;

const CATEGORY: Record<ManifestErrorCode, ErrorCategory> = {
  MANIFEST_NOT_XML: 'manifest',
  MANIFEST_INVALID: 'manifest',
  MANIFEST_UNSUPPORTED: 'manifest',
  MANIFEST_TOO_LARGE: 'manifest',
  // The manifest is fine; this browser cannot decode what it offers.
  NO_PLAYABLE_REPRESENTATION: 'capability',
  SEGMENT_INDEX_INVALID: 'media',
  // The unsafe URL came from the manifest, so the manifest is at fault.
  UNSAFE_URL: 'manifest',
};

export function manifestError(
  code: ManifestErrorCode,
  message: string,
  extra: { url?: string; cause?: unknown } = {},
): SprintError {
  return new SprintError({ category: CATEGORY[code], code, message, ...extra });
}

export function invalidManifest(message: string): SprintError {
  return manifestError('MANIFEST_INVALID', message);
}

export function invalidSegmentIndex(message: string, url?: string): SprintError {
  return manifestError('SEGMENT_INDEX_INVALID', message, url === undefined ? {} : { url });
}

/** The text after SprintError's "CODE: " prefix, to re-raise with more context. */
function bareMessage(error: SprintError): string {
  const prefix = `${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The same error, with `url` filled in where it was not known at the throw site. */
export function withUrl(error: SprintError, url: string): SprintError {
  if (error.url !== undefined) return error;
  return new SprintError({
    category: error.category,
    code: error.code,
    message: bareMessage(error),
    fatal: error.fatal,
    url,
    ...(error.status === undefined ? {} : { status: error.status }),
    cause: error.cause,
  });
}

export function describeUnknown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
