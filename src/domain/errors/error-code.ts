/**
 * What went wrong, in words every caller shares: the `error.code` of an HTTP error body, and what
 * the CLI and library callers branch on. No transport in it — the HTTP adapter maps each code to a
 * status in one table (adapters/http/error-status.ts), so a new code must be placed there to compile.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  // issue 18: Redis down, and the SSE stream caps — both 503 with Retry-After.
  'redis_unavailable',
  // issue 21: a write not on enough replicas within REDIS_ACK_TIMEOUT_MS — not acknowledged, 503 with Retry-After.
  'replication_timeout',
  'too_many_streams',
  'config_invalid',
  'internal',
  // issue 16 — small: a body that is not JSON on a JSON route.
  'unsupported_media_type',
  // issue 15 item 1 — user accounts: a failed sign-in, a locked user name, a cookie write without its CSRF token.
  'invalid_credentials',
  'account_locked',
  'csrf_failed',
  // issue 21 — counties as tenants: the caller's county is disabled by the installation.
  'county_disabled',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
