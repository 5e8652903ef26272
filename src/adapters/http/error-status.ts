import type { ErrorCode } from '../../domain/errors';

/**
 * The one place an error code becomes an HTTP status. A `Record` over every code: a new code does
 * not compile until it is placed here (and test/unit/http/error-codes.test.ts sends each one).
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  // Too many failed authentications or referrals: the client waits Retry-After seconds.
  rate_limited: 429,
  // Operator's configuration, a job or a bug: ours to fix, not the client's.
  config_invalid: 500,
  internal: 500,
  // A dependency (Redis, a worker) is missing: the client may retry.
  unavailable: 503,
  redis_unavailable: 503,
  replication_timeout: 503,
  // The process holds as many event streams as it is set to: another process, or later, may take it.
  too_many_streams: 503,
  // issue 16 — small: POST/PUT/PATCH with a body that is not declared application/json.
  unsupported_media_type: 415,
  // issue 15 item 1 — a sign-in that failed (one answer for every cause), a locked user name, a missing CSRF token.
  invalid_credentials: 401,
  account_locked: 429,
  csrf_failed: 403,
  // issue 21: the key is good but its county takes no work now; not a state of one resource (409), a refusal of the tenant.
  county_disabled: 403,
};

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
