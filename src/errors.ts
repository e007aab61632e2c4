/**
 * The player's error taxonomy. Every failure the player reports is a SprintError:
 * a category, a stable code a program can switch on, a message a person can read,
 * and the URL and underlying cause where there is one.
 */
export type ErrorCategory = 'manifest' | 'network' | 'media' | 'capability' | 'config';

export type ErrorCode =
  | 'MANIFEST_NOT_XML'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNSUPPORTED'
  | 'MANIFEST_TOO_LARGE'
  | 'MANIFEST_LOAD_FAILED'
  | 'NO_PLAYABLE_REPRESENTATION'
  | 'SEGMENT_INDEX_INVALID'
  | 'SEGMENT_LOAD_FAILED'
  | 'INIT_SEGMENT_LOAD_FAILED'
  | 'REQUEST_TIMEOUT'
  | 'UNSAFE_URL'
  | 'MSE_UNSUPPORTED'
  | 'APPEND_FAILED'
  | 'DECODE_ERROR'
  | 'QUOTA_EXCEEDED'
  | 'INVALID_CONFIG';

export class SprintError extends Error {
  override readonly name = 'SprintError';
  readonly category: ErrorCategory;
  readonly code: ErrorCode;
  readonly fatal: boolean;
  readonly url: string | undefined;
  /** HTTP status where the cause was an HTTP response. */
  readonly status: number | undefined;
  override readonly cause: unknown;

  constructor(init: {
    category: ErrorCategory;
    code: ErrorCode;
    message: string;
    fatal?: boolean;
    url?: string;
    status?: number;
    cause?: unknown;
  }) {
    super(`${init.code}: ${init.message}`);
    this.category = init.category;
    this.code = init.code;
    this.fatal = init.fatal ?? true;
    this.url = init.url;
    this.status = init.status;
    this.cause = init.cause;
  }
}

export function isSprintError(e: unknown): e is SprintError {
  return e instanceof SprintError;
}
