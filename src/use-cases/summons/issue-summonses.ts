import { randomUUID } from 'node:crypto';
import type { Case } from '../../domain/case';
import type { SummonsSettings } from '../../domain/config/departments-config';
import { isOpen } from '../../domain/lifecycle/state-machine';
import { issuedSummons, isSummonsOpen, type Summons } from '../../domain/summons/summons';
import { actionEvent } from '../../domain/summons/summons-event';
import type { SummonsStore } from './summons-port';

/** What a dispatcher asks for: one summons per department. */
export interface IssueRequest {
  readonly caseId: string;
  readonly departments: readonly string[];
  readonly reason: string;
  readonly requiredBy: string;
  readonly sessionId?: string | undefined;
}

export type IssueOutcome =
  | { readonly status: 'ok'; readonly summonses: readonly Summons[]; readonly created: number }
  | { readonly status: 'not_found' }
  | { readonly status: 'closed_case'; readonly caseStatus: Case['status'] }
  | { readonly status: 'invalid'; readonly field: string; readonly reason: string };

export interface IssueDeps {
  readonly store: SummonsStore;
  readonly caseOf: (caseId: string) => Promise<Pick<Case, 'status'> | null>;
  readonly settings: Pick<SummonsSettings, 'departments'>;
}

/**
 * Summons departments to a case, one summons each. Refused: a department not on the county's
 * roster or named twice, a requiredBy not in the future, an unknown or closed case. Idempotent under
 * retries: a department already summoned to the case for the same requiredBy and still open is
 * returned as it is, not summoned twice.
 */
export async function issueSummonses(
  deps: IssueDeps,
  req: IssueRequest,
  ctx: { readonly by: string; readonly now: Date },
): Promise<IssueOutcome> {
  const roster = new Set(deps.settings.departments.map((d) => d.id));
  const seen = new Set<string>();
  for (const [i, d] of req.departments.entries()) {
    if (!roster.has(d))
      return { status: 'invalid', field: `body.departments[${i}]`, reason: `"${d}" is not on the county's roster (GET /v1/departments)` };
    if (seen.has(d)) return { status: 'invalid', field: `body.departments[${i}]`, reason: `"${d}" is named twice` };
    seen.add(d);
  }
  if (Date.parse(req.requiredBy) <= ctx.now.getTime())
    return { status: 'invalid', field: 'body.requiredBy', reason: 'must be in the future' };
  const c = await deps.caseOf(req.caseId);
  if (!c) return { status: 'not_found' };
  if (!isOpen(c.status)) return { status: 'closed_case', caseStatus: c.status };

  const requiredBy = new Date(req.requiredBy).toISOString();
  const existing = (await deps.store.listByCase(req.caseId)).filter((s) => isSummonsOpen(s.status) && s.requiredBy === requiredBy);
  const issuedAt = ctx.now.toISOString();
  const out: Summons[] = [];
  const fresh: Summons[] = [];
  for (const department of req.departments) {
    const same = existing.find((s) => s.department === department);
    if (same) {
      out.push(same);
      continue;
    }
    const s = issuedSummons({
      id: `sm_${randomUUID()}`,
      caseId: req.caseId,
      sessionId: req.sessionId,
      department,
      reason: req.reason,
      requiredBy,
      issuedBy: ctx.by,
      issuedAt,
    });
    fresh.push(s);
    out.push(s);
  }
  await deps.store.create(
    fresh,
    fresh.map((s) => actionEvent(s, ctx.by, ctx.now)),
  );
  return { status: 'ok', summonses: out, created: fresh.length };
}
