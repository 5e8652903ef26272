/**
 * The one error family of the service. Anything thrown that is not an AppError is a bug or an
 * infrastructure fault and is rendered as a 500 without details.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly httpStatus: number,
    readonly details?: unknown,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One problem with a request field: where (`body.items[2].capacity`) and why. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(readonly issues: readonly FieldIssue[], message?: string) {
    super(
      'validation_failed',
      message ?? (issues[0] ? `${issues[0].field}: ${issues[0].reason}` : 'invalid request'),
      400,
      { field: issues[0]?.field, reason: issues[0]?.reason, issues },
    );
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'missing or unknown API key') {
    super('unauthorized', message, 401);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'this API key may not do that') {
    super('forbidden', message, 403);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(what: string, id?: string) {
    super('not_found', id === undefined ? `${what} not found` : `${what} "${id}" not found`, 404, id === undefined ? undefined : { id });
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(message: string, details?: unknown) {
    super('conflict', message, 409, details);
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limit: string) {
    super('payload_too_large', `request body exceeds the limit of ${limit}`, 413, { limit });
  }
}

/** A queued job the request waited for failed: 500, naming the job so its `failedReason` can be read. */
export class JobFailedError extends AppError {
  override readonly name = 'JobFailedError';
  constructor(what: string, jobId: string, statusUrl: string) {
    super('internal', `${what} failed; GET ${statusUrl} gives its failedReason`, 500, { jobId, statusUrl });
  }
}

/** A dependency (Redis) is not reachable: 503, the client may retry. */
export class UnavailableError extends AppError {
  override readonly name = 'UnavailableError';
  constructor(message: string) {
    super('unavailable', message, 503);
  }
}
