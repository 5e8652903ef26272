import { CaseClassSchema } from '../../domain';
import type { ReferralRecord, ReferralSource } from '../../use-cases/dispatch/arrival-backfill';
import type { LedgerDb } from './ledger-db';

/**
 * One county's referrals as the ledger keeps them (issue 20, the arrival-index backfill): every
 * case it ever copied, those retention evicted from Redis included — `referred_at` and the class
 * of the case record. A row whose class the service no longer knows is skipped.
 */
export class PostgresReferralSource implements ReferralSource {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  async referralsSince(since: Date): Promise<readonly ReferralRecord[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['case_id', 'referred_at', 'class'])
      .where('county', '=', this.county)
      .where('referred_at', '>=', since)
      .execute();
    return rows.flatMap((r) => {
      const cls = CaseClassSchema.safeParse(r.class);
      return cls.success ? [{ caseId: r.case_id, referredAt: r.referred_at.toISOString(), class: cls.data }] : [];
    });
  }
}
