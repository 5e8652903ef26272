import { archivedRecord, ArchivedCaseSchema, type ArchivedCase } from '../../domain/lifecycle/archive';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { ArchiveOutcome, CaseArchiveStore, RetireOutcome } from '../../use-cases/lifecycle/archive-port';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys, type LifecycleKeys } from './lifecycle-keys';
import { ARCHIVE_CASE_LUA } from './lifecycle-scripts';
import { currentRemoval } from './case-removal';
import { removalKeys } from './script-keys';
import type { TiaojieRedis } from './redis-connection';

/** Fields read per HSCAN step when listing the archive (keeps each Redis call short). */
const SCAN_COUNT = 1000;

/**
 * Archived records of one county: a single hash, case id → compact JSON (`ArchivedCase`). Archiving
 * is one Lua script (`ARCHIVE_CASE_LUA`), so a case is either held in full or archived, never half.
 */
export class RedisCaseArchive implements CaseArchiveStore {
  private readonly keys: CountyKeys;
  private readonly lk: LifecycleKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
  ) {
    this.keys = countyKeys(county);
    this.lk = lifecycleKeys(county);
  }

  async get(caseId: string): Promise<ArchivedCase | null> {
    const raw = await this.redis.hget(this.lk.archive, caseId);
    return raw ? ArchivedCaseSchema.parse(JSON.parse(raw)) : null;
  }

  async list(): Promise<readonly ArchivedCase[]> {
    const out: ArchivedCase[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.lk.archive, cursor, 'COUNT', SCAN_COUNT);
      for (let i = 1; i < flat.length; i += 2) out.push(ArchivedCaseSchema.parse(JSON.parse(flat[i] as string)));
      cursor = next;
    } while (cursor !== '0');
    return out;
  }

  async referredBefore(before: Date, offset: number, limit: number): Promise<readonly string[]> {
    return this.redis.zrangebyscore(this.keys.cases, '-inf', `(${before.getTime()}`, 'LIMIT', offset, limit);
  }

  /** The policy without a ledger: the closed case becomes its compact record. */
  async retire(file: CaseFile, now: Date): Promise<RetireOutcome> {
    const outcome = await this.archive(file, archivedRecord(file, now));
    return outcome === 'archived' ? 'retired' : outcome;
  }

  async archive(file: CaseFile, record: ArchivedCase): Promise<ArchiveOutcome> {
    const removal = await currentRemoval(this.redis, this.county, file);
    const payload = { ...removal, record: JSON.stringify(record) };
    const k = this.keys;
    const fixed = [this.lk.file(file.caseId), k.case(file.caseId), this.lk.archive, k.cases, k.waiting, this.lk.fileIds, this.lk.sessions];
    const declared = removalKeys(this.county, removal);
    return (await this.redis.eval(
      ARCHIVE_CASE_LUA,
      fixed.length + declared.length,
      ...fixed,
      ...declared,
      k.prefix,
      JSON.stringify(payload),
    )) as ArchiveOutcome;
  }
}
