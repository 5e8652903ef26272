import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import { INSTALLATION_SCOPE, type Role } from '../../domain/access';
import { userView, type StoredUser, type UserView } from '../../domain/user';
import { systemClock, type Clock } from '../../domain/time';
import type { PasswordHasher, SessionStore, UserStore } from './user-port';

const taken = (username: string): ConflictError =>
  new ConflictError(`user name "${username}" is taken`, { field: 'body.username', username });

/** A new account as an admin gives it (the password in clear, hashed here). */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Required of an installation admin; a county admin's own county when left out. */
  readonly county?: string;
  readonly password: string;
}

/** What an admin may change of an account; what is left out stays. */
export interface UserPatch {
  readonly disabled?: boolean;
  readonly displayName?: string;
  readonly role?: Role;
  readonly password?: string;
}

export interface UserAdminPorts {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly hasher: PasswordHasher;
  /** @defaultValue the system clock */
  readonly clock?: Clock;
}

/**
 * Who manages accounts: a county admin the users of their county, an installation admin
 * (`scope` "*") those of every county. Another county's user is "not found" to a county admin,
 * as another county's case is.
 */
export class UserAdmin {
  private readonly clock: Clock;
  constructor(private readonly ports: UserAdminPorts) {
    this.clock = ports.clock ?? systemClock;
  }

  /** The users the scope sees, optionally of one county only. */
  async list(scope: string, county?: string): Promise<UserView[]> {
    if (scope !== INSTALLATION_SCOPE && county !== undefined && county !== scope) {
      throw new ForbiddenError(`a county admin manages the users of county "${scope}" only`);
    }
    const of = scope === INSTALLATION_SCOPE ? county : scope;
    return (await this.ports.users.list(of)).map(userView);
  }

  async create(scope: string, input: NewUser): Promise<UserView> {
    const county = this.countyFor(scope, input.county);
    // A taken name is refused before the hashing work; create() below still settles a race.
    if (await this.ports.users.get(input.username)) throw taken(input.username);
    const user: StoredUser = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      county,
      disabled: false,
      createdAt: this.clock().toISOString(),
      passwordHash: await this.ports.hasher.hash(input.password),
    };
    if (!(await this.ports.users.create(user))) throw taken(input.username);
    return userView(user);
  }

  async update(scope: string, username: string, patch: UserPatch): Promise<UserView> {
    const user = await this.ports.users.get(username);
    if (!user || (scope !== INSTALLATION_SCOPE && user.county !== scope)) throw new NotFoundError('user', username);
    const updated: StoredUser = {
      ...user,
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.password !== undefined ? { passwordHash: await this.ports.hasher.hash(patch.password) } : {}),
    };
    await this.ports.users.save(updated);
    // Disabled, or a new password (perhaps because the old one leaked): every browser signs in again.
    if (patch.disabled === true || patch.password !== undefined) await this.ports.sessions.deleteAllOf(username);
    return userView(updated);
  }

  /**
   * Creates the users that do not exist yet (development accounts, TIAOJIE_BOOTSTRAP_USERS) and
   * leaves existing ones as they are, changed or not. Returns the names created.
   */
  async ensure(users: readonly (NewUser & { readonly county: string })[]): Promise<string[]> {
    const created: string[] = [];
    for (const u of users) {
      if (await this.ports.users.get(u.username)) continue;
      try {
        await this.create(INSTALLATION_SCOPE, u);
        created.push(u.username);
      } catch (err) {
        // Another process created it first: that is "exists", not a failure.
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    return created;
  }

  private countyFor(scope: string, asked: string | undefined): string {
    if (scope === INSTALLATION_SCOPE) {
      if (asked === undefined) {
        throw new ValidationError([{ field: 'body.county', reason: 'an installation admin must name the county of the user' }]);
      }
      return asked;
    }
    if (asked !== undefined && asked !== scope) throw new ForbiddenError(`a county admin creates users of county "${scope}" only`);
    return scope;
  }
}
