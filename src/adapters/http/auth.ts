import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors';
import type { ApiKey, Role } from '../../domain/access';

/** Who is calling: the key's role and county (never the key itself). */
export interface Caller {
  readonly role: Role;
  readonly county: string;
  /** For logs and the audit trail. */
  readonly label: string;
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Looks keys up by their SHA-256, so comparison time does not depend on how much of a key matches. */
export class ApiKeyIndex {
  private readonly byDigest = new Map<string, Caller>();
  constructor(keys: readonly ApiKey[]) {
    for (const k of keys) {
      this.byDigest.set(digest(k.key), { role: k.role, county: k.county, label: k.label ?? `${k.role}@${k.county}` });
    }
  }
  find(key: string): Caller | undefined {
    return this.byDigest.get(digest(key));
  }
}

/** The caller of an authenticated request. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new UnauthorizedError();
  return caller;
}

/** `Authorization: Bearer <key>` → res.locals.caller, or 401. */
export function authenticate(index: ApiKeyIndex) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (key === undefined)
      throw new UnauthorizedError(
        header ? 'the Authorization header must be "Bearer <API key>"' : 'an API key is required (Authorization: Bearer <key>)',
      );
    const caller = index.find(key);
    if (!caller) throw new UnauthorizedError('unknown API key');
    res.locals.caller = caller;
    next();
  };
}

/** 403 unless the caller has one of the roles (admin may do everything). */
export function requireRole(roles: readonly Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const caller = callerOf(res);
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenError(`role "${caller.role}" may not do this; needs ${[...roles, 'admin'].join(' or ')}`);
    }
    next();
  };
}
