import type { ChainableCommander } from 'ioredis';
import { StoredUserSchema, type StoredUser } from '../../domain/user';
import type { UserStore } from '../../use-cases/users/user-port';
import { USERS_KEY, USERS_OUTBOX_KEY } from './keys';
import { outboxEntry } from './ledger-outbox';
import type { TiaojieRedis } from './redis-connection';
import { usersReplicated } from './replication-barrier';

/**
 * The installation's accounts in one hash (user name → JSON). A county's list reads the whole
 * hash and keeps its county's users: an installation has tens of accounts, not thousands.
 *
 * Every write appends a `user.changed` entry to the installation's user outbox in the same MULTI
 * (issue 19: the ledger copies the accounts; the outbox shares the hash's cluster slot). A create
 * refused because the name is taken leaves an entry too: the projector copies current state, so
 * it writes the account as it is.
 */
export class UserRepo implements UserStore {
  constructor(private readonly redis: TiaojieRedis) {}

  async get(username: string): Promise<StoredUser | undefined> {
    const raw = await this.redis.hget(USERS_KEY, username);
    return raw === null ? undefined : StoredUserSchema.parse(JSON.parse(raw));
  }

  async create(user: StoredUser): Promise<boolean> {
    const replies = await this.noted(user.username, this.redis.multi().hsetnx(USERS_KEY, user.username, JSON.stringify(user)));
    return replies[0] === 1;
  }

  async save(user: StoredUser): Promise<void> {
    await this.noted(user.username, this.redis.multi().hset(USERS_KEY, user.username, JSON.stringify(user)));
  }

  /** Runs the MULTI with the ledger's note of the change appended; the replies, or the first error thrown. */
  private async noted(username: string, multi: ChainableCommander): Promise<unknown[]> {
    const replies = (await multi.xadd(USERS_OUTBOX_KEY, ...outboxEntry('user.changed', { caseId: '', username })).exec()) ?? [];
    for (const [err] of replies) if (err) throw err;
    await usersReplicated(this.redis);
    return replies.map(([, v]) => v);
  }

  async list(county: string | undefined): Promise<StoredUser[]> {
    const all = Object.values(await this.redis.hgetall(USERS_KEY)).map((raw) => StoredUserSchema.parse(JSON.parse(raw)));
    return all.filter((u) => county === undefined || u.county === county).sort((a, b) => (a.username < b.username ? -1 : 1));
  }
}
