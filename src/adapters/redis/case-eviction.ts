import type { CaseFile } from '../../domain/lifecycle-file';
import type { EvictionExpectation, EvictOutcome, HotCaseEviction } from '../../use-cases/ledger/eviction-port';
import { currentRemoval } from './case-removal';
import { removalKeys } from './script-keys';
import { EVICT_CASE_LUA } from './eviction-script';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys, type LifecycleKeys } from './lifecycle-keys';
import type { TiaojieRedis } from './redis-connection';
import { summonsKeys, type SummonsKeys } from './summons-keys';

/** Redis's side of retention with a ledger: closed cases leave the county's keys entirely (EVICT_CASE_LUA). */
export class RedisCaseEviction implements HotCaseEviction {
  private readonly keys: CountyKeys;
  private readonly lk: LifecycleKeys;
  private readonly sk: SummonsKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
  ) {
    this.keys = countyKeys(county);
    this.lk = lifecycleKeys(county);
    this.sk = summonsKeys(county);
  }

  async referredBefore(before: Date, offset: number, limit: number): Promise<readonly string[]> {
    return this.redis.zrangebyscore(this.keys.cases, '-inf', `(${before.getTime()}`, 'LIMIT', offset, limit);
  }

  async evict(file: CaseFile, expect: EvictionExpectation): Promise<EvictOutcome> {
    // An empty Lua table would encode as `{}` either way; a JSON object keeps `summons` a table.
    const removal = await currentRemoval(this.redis, this.county, file, expect.status);
    const payload = { ...removal, summons: expect.summonsVersions, outboxAfter: expect.outboxAfter };
    const k = this.keys;
    const declared = removalKeys(this.county, removal);
    return (await this.redis.eval(
      EVICT_CASE_LUA,
      12 + declared.length,
      this.lk.file(file.caseId),
      k.case(file.caseId),
      k.cases,
      k.waiting,
      this.lk.fileIds,
      this.lk.sessions,
      k.ledgerOutbox,
      this.sk.docs,
      this.sk.versions,
      this.sk.byDue,
      this.sk.open,
      this.sk.ofCase(file.caseId),
      ...declared,
      k.prefix,
      JSON.stringify(payload),
    )) as EvictOutcome;
  }
}
