import type { Request, Response } from 'express';

/** The cookie that carries a browser's session. */
export const SESSION_COOKIE = 'tiaojie_session';

/** The header a cookie-authenticated write must carry, equal to the session's csrfToken. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: no CSRF token needed (RFC 9110 safe methods the API serves). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The session cookie's value, if the request carries one (no cookie library: one name, one value). */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/ (the API
 * and the console), Max-Age the session's life; Secure where the service is served over https.
 */
function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function setSessionCookie(res: Response, token: string, maxAgeSeconds: number, secure: boolean): void {
  res.setHeader('Set-Cookie', cookie(token, maxAgeSeconds, secure));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.setHeader('Set-Cookie', cookie('', 0, secure));
}
