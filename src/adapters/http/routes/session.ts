import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Router } from 'express';
import { z } from 'zod';
import { InvalidCredentialsError, RateLimitedError, UnauthorizedError } from '../../../domain/errors';
import { RoleSchema } from '../../../domain/access';
import { PASSWORD_MAX } from '../../../domain/user';
import type { SessionInfo } from '../../../use-cases/users/sessions';
import { sessionCaller, type SessionCaller } from '../session-auth';
import type { ApiAccounts } from '../deps';
import type { RateLimiter } from '../rate-limiter';
import { errorBodyWith, ErrorBodySchema, parsePart } from '../route';
import { clearSessionCookie, setSessionCookie, SESSION_COOKIE } from '../session-cookie';

export const SignInSchema = z
  .strictObject({
    /** Compared in lower case, as user names are stored. */
    username: z.string().trim().toLowerCase().min(1).max(64),
    password: z.string().min(1).max(PASSWORD_MAX),
  })
  .meta({ id: 'SignIn' });

export const SessionViewSchema = z
  .object({
    user: z.object({ username: z.string(), displayName: z.string(), role: RoleSchema, county: z.string() }),
    /** Send it as X-CSRF-Token with every write that the cookie authenticates. */
    csrfToken: z.string(),
    /** Absolute end of the session (ISO time); it is not extended by use. */
    expiresAt: z.string(),
  })
  .meta({ id: 'Session' });

const view = (s: SessionInfo): z.infer<typeof SessionViewSchema> => ({ user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt });

const COOKIE_DOC = `${SESSION_COOKIE}=<random>; HttpOnly; SameSite=Strict; Path=/; Max-Age=<SESSION_TTL_HOURS in s> (+ Secure with SESSION_COOKIE_SECURE)`;

/**
 * POST /v1/session (sign in): public, so it is mounted before authentication. Failed sign-ins
 * count per user name in Redis (the lock-out) and per client address in this process (the same
 * limiter as unknown API keys).
 */
export function signInRoute(router: Router, registry: OpenAPIRegistry, accounts: ApiAccounts, byAddress: RateLimiter): void {
  router.post('/v1/session', async (req, res) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = byAddress.retryAfter(address);
    if (wait > 0) throw new RateLimitedError('too many failed authentications from this address', wait);
    const body = parsePart(SignInSchema, req.body, 'body');
    try {
      const session = await accounts.sessions.signIn(body.username, body.password);
      setSessionCookie(res, session.token, session.maxAgeSeconds, accounts.cookieSecure);
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(view(session));
    } catch (err) {
      if (err instanceof InvalidCredentialsError) byAddress.take(address);
      throw err;
    }
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/session',
    tags: ['session'],
    summary: 'Sign in with a user name and password (the console); sets the session cookie',
    description:
      'Unknown user, wrong password and disabled account all answer 401 `invalid_credentials`, with no cookie. ' +
      'LOGIN_FAIL_LIMIT failures for one user name within 15 minutes lock it for LOGIN_LOCK_MINUTES: 429 ' +
      '`account_locked` with Retry-After, even for the right password. The cookie then authenticates every /v1 ' +
      'route (an Authorization header wins when both are sent); writes need the header X-CSRF-Token.',
    request: { body: { content: { 'application/json': { schema: SignInSchema } }, required: true } },
    responses: {
      200: {
        description: 'Signed in',
        headers: { 'Set-Cookie': { description: COOKIE_DOC, schema: { type: 'string' } } },
        content: { 'application/json': { schema: SessionViewSchema } },
      },
      400: { description: 'Invalid body', content: { 'application/json': { schema: ErrorBodySchema } } },
      401: {
        description: 'Wrong user name or password',
        content: { 'application/json': { schema: errorBodyWith('invalid_credentials') } },
      },
      429: {
        description: '`account_locked` (this user name), or `rate_limited` (this address); `Retry-After`',
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
      503: { description: 'Redis is unavailable', content: { 'application/json': { schema: ErrorBodySchema } } },
    },
  });
}

/**
 * GET and DELETE /v1/session: the session cookie only (an API key has no session), so they are
 * mounted before the key check and read the cookie themselves; DELETE meets the same CSRF check
 * as every cookie write.
 */
export function sessionRoutes(router: Router, registry: OpenAPIRegistry, accounts: ApiAccounts): void {
  const signedIn = async (req: Request): Promise<SessionCaller> => {
    const s = await sessionCaller(accounts.sessions, req);
    if (!s) throw new UnauthorizedError('no session cookie: sign in first (POST /v1/session)');
    return s;
  };

  router.get('/v1/session', async (req, res) => {
    const s = await signedIn(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(view(s.session));
  });
  router.delete('/v1/session', async (req, res) => {
    const s = await signedIn(req);
    await accounts.sessions.signOut(s.token);
    clearSessionCookie(res, accounts.cookieSecure);
    res.status(204).end();
  });

  const errors = (...codes: [number, string][]) =>
    Object.fromEntries(
      codes.map(([status, description]) => [status, { description, content: { 'application/json': { schema: ErrorBodySchema } } }]),
    );
  registry.registerPath({
    method: 'get',
    path: '/v1/session',
    tags: ['session'],
    summary: 'The signed-in user and the session’s CSRF token (the console reloads with it); the cookie only',
    security: [{ session: [] }],
    responses: {
      200: { description: 'Signed in', content: { 'application/json': { schema: SessionViewSchema } } },
      ...errors([401, 'No session cookie, or the session has ended (expired, signed out, user disabled)'], [503, 'Redis is unavailable']),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/v1/session',
    tags: ['session'],
    summary: 'Sign out: the session ends in Redis and the cookie is cleared; needs X-CSRF-Token',
    security: [{ session: [] }],
    responses: {
      204: {
        description: 'Signed out',
        headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=; …; Max-Age=0`, schema: { type: 'string' } } },
      },
      ...errors(
        [401, 'No session cookie, or the session has ended'],
        [403, '`csrf_failed`: X-CSRF-Token missing or not the session’s'],
        [503, 'Redis is unavailable'],
      ),
    },
  });
}
