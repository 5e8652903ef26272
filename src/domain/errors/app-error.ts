import type { ErrorCode } from './error-code';

export type { ErrorCode } from './error-code';

/**
 * The one error family of the service: a code (what went wrong), a message for humans and optional
 * details for machines — no transport status; adapters map the code. Anything thrown that is not an
 * AppError is a bug or an infrastructure fault and is rendered as a 500 without details.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  /** When the caller may try again, in seconds (HTTP: the Retry-After header); unset: not a matter of time. */
  readonly retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { readonly cause?: unknown; readonly retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** One problem with a request field: where (`body.items[2].capacity`) and why. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(
    readonly issues: readonly FieldIssue[],
    message?: string,
  ) {
    super('validation_failed', message ?? (issues[0] ? `${issues[0].field}: ${issues[0].reason}` : 'invalid request'), {
      field: issues[0]?.field,
      reason: issues[0]?.reason,
      issues,
    });
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'missing or unknown API key') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'this API key may not do that') {
    super('forbidden', message);
  }
}

/** The caller's county is disabled (issue 21): it takes no referrals, and is not rebalanced, until an installation admin enables it. */
export class CountyDisabledError extends AppError {
  override readonly name = 'CountyDisabledError';
  /** `refused`: what the county does not do while disabled. @defaultValue "takes no referrals" */
  constructor(county: string, refused = 'takes no referrals') {
    super('county_disabled', `county ${county} is disabled: it ${refused} until it is enabled`, { county });
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(what: string, id?: string) {
    super('not_found', id === undefined ? `${what} not found` : `${what} "${id}" not found`, id === undefined ? undefined : { id });
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limit: string) {
    super('payload_too_large', `request body exceeds the limit of ${limit}`, { limit });
  }
}

/** Too many requests of one kind (failed authentications, referrals): try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError';
  constructor(what: string, retryAfterSeconds: number) {
    super('rate_limited', `${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds }, { retryAfterSeconds });
  }
}

/** A queued job the request waited for failed (a fault of ours), naming the job so its `failedReason` can be read. */
export class JobFailedError extends AppError {
  override readonly name = 'JobFailedError';
  constructor(what: string, jobId: string, statusUrl: string) {
    super('internal', `${what} failed; GET ${statusUrl} gives its failedReason`, { jobId, statusUrl });
  }
}

/** A dependency (Redis, a worker) is not reachable: the caller may retry later. */
export class UnavailableError extends AppError {
  override readonly name: string = 'UnavailableError'; // widened: runtime's RedisNotFoundError extends it
  constructor(message: string) {
    super('unavailable', message);
  }
}

/**
 * Redis does not answer (down, restarting, unreachable, or slower than the command timeout): nothing
 * was acknowledged, the caller may retry — writes are idempotent (a referral by its externalId).
 */
export class RedisUnavailableError extends AppError {
  override readonly name = 'RedisUnavailableError';
  constructor(message = 'Redis is not available; retry shortly', options?: { readonly cause?: unknown }) {
    super('redis_unavailable', message, undefined, { ...options, retryAfterSeconds: 1 });
  }
}

/**
 * A write reached fewer replicas than asked (REDIS_ACK_REPLICAS) within the wait: it is not
 * acknowledged, since a failover now could lose it (it is on the master). The caller retries:
 * intake is idempotent; a dispatch job's retry finds its cases committed; a transition's answers 409.
 */
export class ReplicationTimeoutError extends AppError {
  override readonly name = 'ReplicationTimeoutError';
  constructor(asked: number, reached: number) {
    super(
      'replication_timeout',
      `the write reached ${reached} of ${asked} replicas in time; not acknowledged, retry shortly`,
      { asked, reached },
      {
        retryAfterSeconds: 1,
      },
    );
  }
}

/** The process holds as many event streams as its caps allow (per county or in total). */
export class TooManyStreamsError extends AppError {
  override readonly name = 'TooManyStreamsError';
  constructor(scope: 'county' | 'total', limit: number) {
    super(
      'too_many_streams',
      `too many open event streams (${scope} limit ${limit}); retry later`,
      { scope, limit },
      { retryAfterSeconds: 5 },
    );
  }
}

/** Bad configuration (the operator's, not the request's): which file and field, and why. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** A request body declared as something other than JSON (or not declared): the routes read JSON only. */
export class UnsupportedMediaTypeError extends AppError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(given: string | undefined) {
    super(
      'unsupported_media_type',
      given
        ? `request body has Content-Type "${given}"; send it as "Content-Type: application/json"`
        : 'request body has no Content-Type; send it as "Content-Type: application/json"',
      { expected: 'application/json', ...(given ? { given } : {}) },
    );
  }
}

/**
 * A sign-in that failed: unknown user, wrong password or disabled account alike — one message, so
 * the answer does not tell which user names exist.
 */
export class InvalidCredentialsError extends AppError {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('invalid_credentials', 'unknown user name or wrong password');
  }
}

/** Too many failed sign-ins for one user name: it is locked for a while, even for the right password. */
export class AccountLockedError extends AppError {
  override readonly name = 'AccountLockedError';
  constructor(retryAfterSeconds: number) {
    super(
      'account_locked',
      `too many failed sign-ins for this user name; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
      { retryAfterSeconds },
    );
  }
}

/** A write authenticated by the session cookie without the session's `X-CSRF-Token` header. */
export class CsrfFailedError extends AppError {
  override readonly name = 'CsrfFailedError';
  constructor() {
    super('csrf_failed', 'a write with the session cookie needs the header X-CSRF-Token with the csrfToken of the session');
  }
}
