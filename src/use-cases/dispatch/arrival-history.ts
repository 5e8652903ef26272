import type { Arrival } from '../../cost-model/arrival-forecast';
import type { CaseRecords } from '../cases/case-records';

/** A county's referrals since a moment, for the forecast of the seats to keep (issue 20). */
export interface ArrivalHistory {
  arrivals(since: Date): Promise<readonly Arrival[]>;
}

/** Cases read per page when the history is read from the case records. */
const PAGE = 500;

/**
 * The history from the county's case records, oldest referral first, page by page until the
 * pages pass `now`. Archived cases (closed past the retention period) are no longer listed, so a
 * county with a short retention forecasts from a shorter history.
 */
export function arrivalsFromCaseRecords(records: Pick<CaseRecords, 'list'>): ArrivalHistory {
  return {
    async arrivals(since: Date): Promise<readonly Arrival[]> {
      const out: Arrival[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await records.list({ limit: PAGE, offset });
        for (const c of page.cases) {
          const at = Date.parse(c.referredAt);
          if (at >= since.getTime()) out.push({ at, class: c.class });
        }
        if (page.cases.length < PAGE || offset + PAGE >= page.total) return out;
      }
    },
  };
}
