import type { Request } from 'express';
import { CsrfFailedError, UnauthorizedError } from '../../domain/errors';
import type { Role } from '../../domain/access';
import { sameSecret, type ActiveSession } from '../../use-cases/users/sessions';
import { CSRF_HEADER, isSafeMethod, sessionCookieOf } from './session-cookie';

/** What the HTTP layer asks of sessions: the one behind a cookie value. */
export interface SessionLookup {
  find(token: string): Promise<ActiveSession | undefined>;
}

/** A request authenticated by its session cookie: the caller it acts as, and the session. */
export interface SessionCaller {
  readonly caller: { readonly role: Role; readonly county: string; readonly label: string; readonly keyId: string };
  readonly session: ActiveSession;
  readonly token: string;
}

/**
 * The caller of a request that carries the session cookie, or undefined when it carries none.
 * Unknown, expired and disabled users' sessions are 401; a write (any method but GET, HEAD,
 * OPTIONS) without the session's X-CSRF-Token is 403 `csrf_failed`: the cookie is an ambient
 * credential a browser sends by itself, the header only the console's own script can set.
 * Unknown cookies are not counted as guesses: a value has 256 random bits, and a browser whose
 * session ended keeps sending it (EventSource reconnects) — counting it would lock its address out.
 */
export async function sessionCaller(sessions: SessionLookup, req: Request): Promise<SessionCaller | undefined> {
  const token = sessionCookieOf(req);
  if (token === undefined) return undefined;
  const session = await sessions.find(token);
  if (!session) throw new UnauthorizedError('the session has ended or is unknown; sign in again (POST /v1/session)');
  if (!isSafeMethod(req.method)) {
    const given = req.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, session.csrfToken)) throw new CsrfFailedError();
  }
  const id = `user:${session.user.username}`;
  return { caller: { role: session.user.role, county: session.user.county, label: id, keyId: id }, session, token };
}
