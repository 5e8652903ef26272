import type { StoredUser } from '../../domain/user';

/** The installation's user accounts (user names are unique across counties). */
export interface UserStore {
  get(username: string): Promise<StoredUser | undefined>;
  /** Adds the user unless the name is taken; false when it is. */
  create(user: StoredUser): Promise<boolean>;
  /** Replaces a user that exists. */
  save(user: StoredUser): Promise<void>;
  /** Every user of the county (or of every county when undefined), in user name order. */
  list(county: string | undefined): Promise<StoredUser[]>;
}

/** One signed-in browser: whose it is, its CSRF token and its absolute expiry. */
export interface SessionRecord {
  readonly username: string;
  readonly csrfToken: string;
  /** ISO time; the store forgets the session then (absolute, not sliding). */
  readonly expiresAt: string;
}

/** Sessions by the SHA-256 of their cookie value: a copy of the store opens no browser's session. */
export interface SessionStore {
  create(tokenHash: string, session: SessionRecord, ttlMs: number): Promise<void>;
  get(tokenHash: string): Promise<SessionRecord | undefined>;
  delete(tokenHash: string): Promise<void>;
  /** Ends every session of the user (disabled, password changed). */
  deleteAllOf(username: string): Promise<void>;
}

/** Failed sign-ins per user name, shared by every API process. */
export interface LoginLockout {
  /** Milliseconds the user name stays locked; 0 when it is not. */
  lockedForMs(username: string): Promise<number>;
  /**
   * Counts a failure in a window of `windowMs` from the first; at `limit` the name is locked for
   * `lockMs` and the count starts again. Returns the lock's milliseconds, 0 when not locked.
   */
  recordFailure(username: string, policy: LockoutPolicy): Promise<number>;
  /** A successful sign-in forgets the failures. */
  clear(username: string): Promise<void>;
}

export interface LockoutPolicy {
  readonly limit: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/** Hashes and checks passwords (argon2id in the service). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
