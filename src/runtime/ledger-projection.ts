import { RedisCourtFigures } from '../adapters/redis/court-figures-repo';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { storedCountySettings } from '../adapters/redis/county-settings';
import { RedisLedgerOutbox, userOutbox } from '../adapters/redis/redis-ledger-outbox';
import { UserRepo } from '../adapters/redis/user-repo';
import { PostgresUserLedger } from '../adapters/postgres/ledger-users';
import type { UserProjectionDeps } from '../use-cases/ledger/project-users';
import { RedisLifecycleStore } from '../adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../adapters/redis/mediator-repo';
import type { TiaojieRedis } from '../adapters/redis/redis-connection';
import { RedisSummonsStore } from '../adapters/redis/summons-store';
import type { LedgerDb } from '../adapters/postgres/ledger-db';
import { PostgresLedgerWriter } from '../adapters/postgres/ledger-writer';
import type { LifecycleConfig } from '../domain/config/lifecycle-config';
import { clockDueAt } from '../domain/lifecycle/clock-due';
import type { CaseFile } from '../domain/lifecycle-file';
import { PostgresClockDueIndex } from '../adapters/postgres/clock-due-index';
import type { ClockDueSource } from '../use-cases/lifecycle/clock-due-port';
import { ledgerClockDue } from '../use-cases/ledger/ledger-clock-due';
import { caseStates } from '../use-cases/lifecycle/case-files';
import type { LedgerProjectionDeps } from '../use-cases/ledger/project-outbox';

export interface LedgerProjectionWiring {
  readonly redis: TiaojieRedis;
  readonly db: LedgerDb;
  readonly lifecycle: LifecycleConfig;
  /** @defaultValue 100000 */
  readonly eventsMaxLen?: number;
  /**
   * When the clock next has work on a copied case (its `clock_due_at`, read by `tickDue`).
   * @defaultValue `clockDueAt(file, lifecycle, now)`: counted from the time of the copy
   */
  readonly clockDueAt?: (file: CaseFile) => Date | null;
}

/** The projection of one county: its Redis state and outbox on one side, its ledger rows on the other. */
export function ledgerProjectionFor(w: LedgerProjectionWiring, county: string): LedgerProjectionDeps {
  const maxLen = w.eventsMaxLen ?? 100_000;
  return {
    outbox: new RedisLedgerOutbox(w.redis, county),
    ledger: new PostgresLedgerWriter(w.db, county),
    cases: caseStates(new RedisLifecycleStore(w.redis, county, maxLen), w.lifecycle),
    summonses: new RedisSummonsStore(w.redis, county, maxLen),
    roster: new MediatorRepo(w.redis, county),
    courtFigures: new RedisCourtFigures(w.redis, county),
    records: {
      profile: () => new RedisCountyRegistry(w.redis).get(county),
      settings: () => storedCountySettings(w.redis, county),
    },
    clockDueAt: w.clockDueAt ?? ((file) => clockDueAt(file, w.lifecycle, new Date())),
  };
}

/** The legal clock's due cases of one county from its ledger (`tickDue`; the clock runner's `dueSource`). */
export function ledgerClockDueFor(w: Pick<LedgerProjectionWiring, 'redis' | 'db'>, county: string): ClockDueSource {
  return ledgerClockDue({
    outbox: new RedisLedgerOutbox(w.redis, county),
    ledger: new PostgresLedgerWriter(w.db, county),
    index: new PostgresClockDueIndex(w.db, county),
  });
}

/** The projection of the installation's accounts (their outbox beside the accounts' hash). */
export function userProjectionFor(w: Pick<LedgerProjectionWiring, 'redis' | 'db'>): UserProjectionDeps {
  return { outbox: userOutbox(w.redis), ledger: new PostgresUserLedger(w.db), users: new UserRepo(w.redis) };
}
