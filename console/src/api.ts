/**
 * The console's one way to the service: same-origin fetch with the session cookie, the CSRF token
 * on every write, `?lang=` for sentences, and the service's error body turned into an ApiError.
 */

/** A field the service refused, as its 400 body names it. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    /** Seconds from Retry-After, when the service sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** The session's CSRF token (from sign-in or GET /v1/session), sent on every write. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended (expiry, logout elsewhere, disabled user). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/**
 * The fields an error names: `details.issues` (every one, a 400), else `details` itself
 * (`{field, reason}`; a 409 names its field without a reason: the message is the reason then).
 */
export function problemsOf(details: unknown, message: string): FieldProblem[] {
  if (typeof details !== 'object' || details === null) return [];
  const issues = (details as { issues?: unknown }).issues;
  const list: unknown[] = Array.isArray(details) ? details : Array.isArray(issues) ? issues : [details];
  return list
    .filter(
      (d): d is { field: string; reason?: unknown } => typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string',
    )
    .map((d) => ({ field: d.field, reason: typeof d.reason === 'string' ? d.reason : message }));
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = res.statusText;
  let problems: FieldProblem[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    problems = problemsOf(body.error?.details, message);
  } catch {
    // Not JSON (a proxy's page): keep the status line.
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, code, message, problems, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Do not report a 401 as an ended session (the sign-in form's own request). */
  readonly quietUnauthorized?: boolean;
}

/** Calls the service; resolves with the parsed JSON body (undefined for 204) or rejects with ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && !options.quietUnauthorized) onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** GETs started ahead of the page that needs them (see `prefetch`), each taken once. */
const prefetched = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();
/** A prefetched answer older than this is not used: the page reads afresh. */
const PREFETCH_FRESH_MS = 5000;

/**
 * Starts GETs now, so that the page asking for the same paths a moment later finds them on their
 * way: the first page's data need not wait for the labels' round trip. A failure is left for the
 * page's own request to report.
 */
export function prefetch(paths: readonly string[]): void {
  for (const path of paths) {
    const pending = request('GET', path, { quietUnauthorized: true });
    pending.catch(() => undefined);
    prefetched.set(path, { at: Date.now(), answer: pending });
  }
}

export const apiGet = <T>(path: string, signal?: AbortSignal): Promise<T> => {
  const early = prefetched.get(path);
  prefetched.delete(path);
  if (early && Date.now() - early.at < PREFETCH_FRESH_MS) {
    return early.answer.catch(() => request<T>('GET', path, { signal })) as Promise<T>;
  }
  return request<T>('GET', path, { signal });
};

/** A query string from the defined entries only. */
export function query(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
