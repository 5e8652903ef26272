import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ConfigError, ForbiddenError, RateLimitedError, UnauthorizedError } from '../../domain/errors';
import { INSTALLATION_SCOPE, type ApiKey, type Role } from '../../domain/access';
import type { RateLimiter } from './rate-limiter';
import { sessionCaller, type SessionLookup } from './session-auth';

/** Who is calling a county's routes: the key's role and county (never the key itself). */
export interface Caller {
  readonly role: Role;
  readonly county: string;
  /** For logs and the audit trail. */
  readonly label: string;
  /** A short digest of the key (never the key): what per-key limits count by. */
  readonly keyId: string;
}

/**
 * Who presented a known key: a county's caller, or an installation admin (county `*`), who sees the
 * installation-wide routes (bull-board, /metrics) and no county's data.
 */
export type Principal = Caller | InstallationAdmin;

export interface InstallationAdmin {
  readonly role: 'admin';
  readonly county: typeof INSTALLATION_SCOPE;
  readonly label: string;
  readonly keyId: string;
}

export function isInstallationAdmin(p: Principal): p is InstallationAdmin {
  return p.county === INSTALLATION_SCOPE;
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Looks keys up by their SHA-256, so comparison time does not depend on how much of a key matches. */
export class ApiKeyIndex {
  private readonly byDigest = new Map<string, Principal>();
  constructor(keys: readonly ApiKey[]) {
    for (const k of keys) {
      const label = k.label ?? `${k.role}@${k.county}`;
      const keyId = digest(k.key).slice(0, 16);
      if (k.county === INSTALLATION_SCOPE && k.role !== 'admin') {
        throw new ConfigError(`API key "${label}": only an admin key may have county "${INSTALLATION_SCOPE}"`);
      }
      const principal: Principal =
        k.county === INSTALLATION_SCOPE
          ? { role: 'admin', county: INSTALLATION_SCOPE, label, keyId }
          : { role: k.role, county: k.county, label, keyId };
      this.byDigest.set(digest(k.key), principal);
    }
  }
  find(key: string): Principal | undefined {
    return this.byDigest.get(digest(key));
  }
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.caller as Principal | undefined;
  if (!principal) throw new UnauthorizedError();
  return principal;
}

/**
 * The county caller of an authenticated request. An installation admin's key names no county, so
 * every county route refuses it (403) rather than guess one: county data needs a county's key.
 */
export function callerOf(res: Response): Caller {
  const principal = principalOf(res);
  if (isInstallationAdmin(principal)) {
    throw new ForbiddenError('an installation admin key (county "*") has no county; use a county\'s key for county data');
  }
  return principal;
}

/** The limits on failed authentication: per client address and per key prefix. */
export interface AuthFailureLimits {
  readonly byAddress: RateLimiter;
  readonly byKeyPrefix: RateLimiter;
}

/** Characters of a presented key that name its prefix bucket: enough to group guesses at one key, never the key. */
export const KEY_PREFIX_LENGTH = 8;

function refuseWhenLimited(limits: AuthFailureLimits, address: string, prefix: string): void {
  const wait = Math.max(limits.byAddress.retryAfter(address), limits.byKeyPrefix.retryAfter(prefix));
  if (wait === 0) return;
  throw new RateLimitedError('too many failed authentications from this address or for this key', wait);
}

/**
 * `Authorization: Bearer <key>` → res.locals.caller, or 401. A presented key that is unknown counts
 * against its client address and its prefix; past either limit every request of that address or
 * prefix gets 429 with Retry-After, before the key is looked up (no more guesses are checked).
 * A missing header is not a guess and is not counted. Without the header, on /v1 routes, the session
 * cookie (when `sessions` is given) makes the signed-in user the caller: the header wins when both are sent.
 */
export function authenticate(index: ApiKeyIndex, limits: AuthFailureLimits, sessions?: SessionLookup) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? '';
    // /v1 only: /metrics and /admin/queues stay key-only (a browser there gets the Basic prompt, not a county user's 403).
    if (!header && sessions && req.path.startsWith('/v1/')) {
      const signedIn = await sessionCaller(sessions, req);
      if (signedIn) {
        res.locals.caller = signedIn.caller satisfies Caller;
        return next();
      }
    }
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (key === undefined)
      throw new UnauthorizedError(
        header
          ? 'the Authorization header must be "Bearer <API key>"'
          : 'an API key (Authorization: Bearer <key>) or a session cookie (POST /v1/session) is required',
      );
    const address = req.socket.remoteAddress ?? 'unknown';
    const prefix = key.slice(0, KEY_PREFIX_LENGTH);
    refuseWhenLimited(limits, address, prefix);
    const principal = index.find(key);
    if (!principal) {
      limits.byAddress.take(address);
      limits.byKeyPrefix.take(prefix);
      throw new UnauthorizedError('unknown API key');
    }
    res.locals.caller = principal;
    next();
  };
}

/**
 * 403 unless the caller is a county's key with one of the roles (a county admin may do everything);
 * with `admitInstallationAdmin`, an installation admin passes too (routes that span counties).
 */
export function requireRole(roles: readonly Role[], admitInstallationAdmin = false) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (admitInstallationAdmin && isInstallationAdmin(principalOf(res))) return next();
    const caller = callerOf(res);
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenError(`role "${caller.role}" may not do this; needs ${[...roles, 'admin'].join(' or ')}`);
    }
    next();
  };
}

/** 403 unless the caller is an installation admin: for what every county shares (queues, process metrics). */
export function requireInstallationAdmin() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const principal = principalOf(res);
    if (!isInstallationAdmin(principal)) {
      throw new ForbiddenError(
        `this shows every county's data: it needs an installation admin key (role admin, county "${INSTALLATION_SCOPE}")`,
      );
    }
    next();
  };
}
