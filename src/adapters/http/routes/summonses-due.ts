import { summonsesFromBoth, type SummonsesDue } from '../../../use-cases/reports/summons-due';
import type { ApiDeps } from '../deps';

/**
 * A county's summonses of a period as the reports read them: Redis, and with a ledger the ledger
 * too (it keeps those Redis evicted with their cases; Redis is fresher), each once at its newest version.
 */
export function countySummonsesDue(deps: Pick<ApiDeps, 'stores' | 'ledgerReports'>, county: string): SummonsesDue {
  const held: SummonsesDue = (from, to) => deps.stores.summonses(county).list({ from, to });
  const ledger = deps.ledgerReports?.county(county);
  return ledger ? summonsesFromBoth(held, (from, to) => ledger.summonsesDue(from, to)) : held;
}
