import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AccountLockedError, InvalidCredentialsError } from '../../domain/errors';
import { sessionUser, type SessionUser, type StoredUser } from '../../domain/user';
import { systemClock, type Clock } from '../../domain/time';
import type { LockoutPolicy, LoginLockout, PasswordHasher, SessionRecord, SessionStore, UserStore } from './user-port';

/** How sessions are kept and sign-ins are limited. */
export interface SessionPolicy {
  /** Absolute life of a session, ms. */
  readonly ttlMs: number;
  readonly lockout: LockoutPolicy;
}

export interface SessionPorts {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly lockout: LoginLockout;
  readonly hasher: PasswordHasher;
  /** @defaultValue the system clock */
  readonly clock?: Clock;
}

/** A signed-in user as a reply shows it: who, the session's CSRF token and when it ends. */
export interface SessionInfo {
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** A new session: what to reply, and the cookie value (given to the browser once, stored only hashed). */
export interface NewSession extends SessionInfo {
  readonly token: string;
  readonly maxAgeSeconds: number;
}

/** A session found by its cookie, with the account as it is now (role and county are read each time). */
export interface ActiveSession extends SessionInfo {
  readonly account: StoredUser;
}

/** The SHA-256 (hex) a session is stored under. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const newSecret = (): string => randomBytes(32).toString('base64url');

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sign-in, sessions and sign-out. Unknown user, wrong password and disabled account fail alike
 * (same error, and a hash is checked in every case so the time is alike too); failures count per
 * user name, known or not, so the lock-out tells nothing either.
 */
export class Sessions {
  private readonly clock: Clock;
  /**
   * A real hash of a random password, checked when the user is unknown: same work, same time. Made
   * at construction, so even the first unknown name costs no extra hashing; a failure leaves an
   * empty string, which verify refuses like any wrong password.
   */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly ports: SessionPorts,
    private readonly policy: SessionPolicy,
  ) {
    this.clock = ports.clock ?? systemClock;
    this.dummyHash = ports.hasher.hash(newSecret()).catch(() => '');
  }

  async signIn(username: string, password: string): Promise<NewSession> {
    const lockedMs = await this.ports.lockout.lockedForMs(username);
    if (lockedMs > 0) throw new AccountLockedError(Math.ceil(lockedMs / 1000));
    const user = await this.ports.users.get(username);
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const matches = await this.ports.hasher.verify(hash, password);
    if (!user || !matches || user.disabled) {
      // The failure that reaches the limit still answers 401; the lock answers the next attempt.
      await this.ports.lockout.recordFailure(username, this.policy.lockout);
      throw new InvalidCredentialsError();
    }
    await this.ports.lockout.clear(username);
    const token = newSecret();
    const expiresAt = new Date(this.clock().getTime() + this.policy.ttlMs).toISOString();
    const record: SessionRecord = { username, csrfToken: newSecret(), expiresAt };
    await this.ports.sessions.create(tokenHash(token), record, this.policy.ttlMs);
    return { user: sessionUser(user), csrfToken: record.csrfToken, expiresAt, token, maxAgeSeconds: Math.floor(this.policy.ttlMs / 1000) };
  }

  /** The session of a cookie value: undefined when unknown, expired, or its user is gone or disabled. */
  async find(token: string): Promise<ActiveSession | undefined> {
    const session = await this.ports.sessions.get(tokenHash(token));
    if (!session || Date.parse(session.expiresAt) <= this.clock().getTime()) return undefined;
    const account = await this.ports.users.get(session.username);
    if (!account || account.disabled) return undefined;
    return { user: sessionUser(account), csrfToken: session.csrfToken, expiresAt: session.expiresAt, account };
  }

  async signOut(token: string): Promise<void> {
    await this.ports.sessions.delete(tokenHash(token));
  }
}
