import type { Case, Referral } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import type { FieldIssue } from '../../domain/errors';
import { itemAt } from '../../domain/indexed-access';
import type { CaseIntakeResult } from '../cases/case-records';
import { caseIdFor } from './case-id';
import { caseFromReferral } from './intake';
import { differingFields } from './referral-conflict';
import { backfillMark, referredAtOutsideWindow, type ReferralWindow } from './referral-window';

/**
 * The referrals of one request as cases to store, or every field that keeps them out; `tooOld`
 * holds the case ids refused only for their age, which are admitted after all when they are
 * already cases (a sender's retry of an old referral is a duplicate, not a 400).
 */
export type Admission =
  | { readonly ok: true; readonly cases: readonly Case[] }
  | { readonly ok: false; readonly issues: readonly FieldIssue[]; readonly tooOld: readonly string[] };

/**
 * Turns the referrals of one request into cases of `county`: places known, `referredAt` inside the
 * window (or, with backfill, the case marked as imported). `fieldOf` names a field of item i for
 * the 400 (`body.referredAt`, `body[3].village`). Nothing is stored unless every item is admitted.
 */
export function admitReferrals(
  referrals: readonly Referral[],
  opts: {
    readonly county: string;
    readonly window: ReferralWindow;
    readonly config: DispatchConfig;
    /** Case ids that exist already: their age is not judged again. @defaultValue none */
    readonly known?: ReadonlySet<string>;
  },
  fieldOf: (index: number, field: string) => string,
): Admission {
  const issues: FieldIssue[] = [];
  const tooOld: string[] = [];
  const cases: Case[] = [];
  referrals.forEach((r, i) => {
    const made = caseFromReferral(r, opts.config);
    if (!made.ok) {
      issues.push({ field: fieldOf(i, made.field), reason: made.message });
      return;
    }
    // Ids are scoped by the caller's county, so two counties' externalIds never collide (nor their jobs).
    const c: Case = { ...made.case, id: caseIdFor(opts.county, r.externalId), county: opts.county };
    const outside = referredAtOutsideWindow(Date.parse(r.referredAt), opts.window);
    if (outside !== null && !(outside.kind === 'too_old' && opts.known?.has(c.id))) {
      issues.push({ field: fieldOf(i, 'referredAt'), reason: outside.reason });
      if (outside.kind === 'too_old') tooOld.push(c.id);
      return;
    }
    cases.push(opts.window.backfill ? { ...c, backfill: backfillMark(c, opts.window.now) } : c);
  });
  return issues.length > 0 ? { ok: false, issues, tooOld } : { ok: true, cases };
}

/** What became of one referral: created, the same case again, or an externalId re-posted with other content. */
export type IntakeOutcome =
  | { readonly externalId: string; readonly caseId: string; readonly outcome: 'created' | 'duplicate' }
  | { readonly externalId: string; readonly caseId: string; readonly outcome: 'conflict'; readonly fields: readonly string[] };

/**
 * Each stored result (in the order of `referrals` and the `cases` admitted from them) as an outcome: a case that existed already is a `duplicate` when the
 * re-posted referral is the same, a `conflict` naming the differing fields when it is not (the
 * stored case is kept as it was). An archived case cannot be compared: `duplicate`, as before.
 */
export function intakeOutcomes(
  referrals: readonly Referral[],
  cases: readonly Case[],
  results: readonly CaseIntakeResult[],
): IntakeOutcome[] {
  return results.map((r, i) => {
    const c = itemAt(cases, i, 'cases');
    const base = { externalId: c.externalId, caseId: r.caseId };
    if (r.created) return { ...base, outcome: 'created' as const };
    const fields = r.stored ? differingFields(r.stored, c, itemAt(referrals, i, 'referrals')) : [];
    return fields.length > 0 ? { ...base, outcome: 'conflict' as const, fields } : { ...base, outcome: 'duplicate' as const };
  });
}
