import { StoredUserSchema, type StoredUser } from '../../domain/user';
import type { UserStore } from '../../use-cases/users/user-port';
import { USERS_KEY } from './keys';
import type { TiaojieRedis } from './redis-connection';

/**
 * The installation's accounts in one hash (user name → JSON). A county's list reads the whole
 * hash and keeps its county's users: an installation has tens of accounts, not thousands.
 */
export class UserRepo implements UserStore {
  constructor(private readonly redis: TiaojieRedis) {}

  async get(username: string): Promise<StoredUser | undefined> {
    const raw = await this.redis.hget(USERS_KEY, username);
    return raw === null ? undefined : StoredUserSchema.parse(JSON.parse(raw));
  }

  async create(user: StoredUser): Promise<boolean> {
    return (await this.redis.hsetnx(USERS_KEY, user.username, JSON.stringify(user))) === 1;
  }

  async save(user: StoredUser): Promise<void> {
    await this.redis.hset(USERS_KEY, user.username, JSON.stringify(user));
  }

  async list(county: string | undefined): Promise<StoredUser[]> {
    const all = Object.values(await this.redis.hgetall(USERS_KEY)).map((raw) => StoredUserSchema.parse(JSON.parse(raw)));
    return all.filter((u) => county === undefined || u.county === county).sort((a, b) => (a.username < b.username ? -1 : 1));
  }
}
