import type { DeadlineKind } from '../lifecycle-event';
import type { CaseFile } from '../lifecycle-file';
import { addDays } from '../time';
import { activeRoute } from './agreement-machine';
import { isClosed } from './fulfilment';
import { isVisitOpen } from '../fulfilment';

/**
 * The clock's deadlines after an agreement (issue 17): the court's decision whether to accept a
 * judicial confirmation (due `confirmationAcceptanceDays` after the application), and each
 * follow-up visit of an open fulfilment that is neither done nor missed once its grace days
 * (`followUpGraceDays`) have passed. Warned and flagged overdue like every other deadline.
 */
export function afterAgreementDeadlines(
  file: Pick<CaseFile, 'settlement' | 'fulfilment'>,
  graceDays: number,
): { readonly kind: DeadlineKind; readonly at: string }[] {
  const out: { kind: DeadlineKind; at: string }[] = [];
  const route = activeRoute(file.settlement);
  if (route?.kind === 'judicial_confirmation' && route.status === 'applied' && route.acceptanceDueAt) {
    out.push({ kind: 'confirmationAcceptance', at: route.acceptanceDueAt });
  }
  const f = file.fulfilment;
  if (f && !isClosed(f)) {
    for (const v of f.followUps) if (isVisitOpen(v)) out.push({ kind: 'followUp', at: addDays(v.at, graceDays) });
  }
  return out;
}
