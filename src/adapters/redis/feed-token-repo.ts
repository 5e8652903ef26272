import type { CalendarFeedTokens } from '../../use-cases/calendars/feed-tokens';
import { countyKeys } from './keys';
import { evalAcked, type TiaojieRedis } from './redis-connection';

/** Swaps the mediator's token hash in one step, so the old URL and the new one never both work. */
const REPLACE_LUA = `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then redis.call('HDEL', KEYS[1], old) end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

const REVOKE_LUA = `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if not old then return 0 end
redis.call('HDEL', KEYS[1], old)
redis.call('HDEL', KEYS[2], ARGV[1])
return 1`;

/** Calendar feed tokens of one county: `feedTokens` (hash → mediator) and `feedTokenOf` (mediator → hash). */
export class FeedTokenRepo implements CalendarFeedTokens {
  private readonly keys: readonly [string, string];
  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
  ) {
    const k = countyKeys(county);
    this.keys = [k.feedTokens, k.feedTokenOf];
  }

  async replace(mediatorId: string, tokenHash: string): Promise<void> {
    await evalAcked(this.redis, REPLACE_LUA, this.keys, [mediatorId, tokenHash]);
  }

  async revoke(mediatorId: string): Promise<boolean> {
    return (await evalAcked(this.redis, REVOKE_LUA, this.keys, [mediatorId])) === 1;
  }

  async mediatorOf(tokenHash: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys[0], tokenHash)) ?? undefined;
  }
}
