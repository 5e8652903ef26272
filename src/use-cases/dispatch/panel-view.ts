import type { Case, CaseStatus, Mediator, PanelPlan, Seat, SeatRole } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import type { PanelRules } from '../../domain/config/panel-rules-config';
import { NotFoundError } from '../../domain/errors';
import type { Locale } from '../../domain/i18n/locale';
import { panelOf } from '../../cost-model/eligibility';
import { planPanel, sectorCategories } from '../../cost-model/panel-plan';
import { panelWords, type PanelWords } from '../../cost-model/panel-words';
import { peopleBook, personText } from '../../cost-model/people';
import { explanationIn } from '../candidates/explanation-locale';
import type { CaseRecords } from '../cases/case-records';

/** Where the plan shown comes from: the open proposal, the assignment, or sized now (no plan stored). */
export type PanelSource = 'proposal' | 'assignment' | 'sized';

/** A seat of the plan with who fills it (none yet when sized now) and why the optimizer chose them. */
export interface PanelMember {
  readonly role: SeatRole;
  readonly label: string;
  readonly mediatorId: string | null;
  /** Name, tier, organisation and place, in the locale. */
  readonly person: string | null;
  readonly explanation: Seat['explanation'] | null;
}

export interface PanelView {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly source: PanelSource;
  readonly lang: Locale;
  /** The plan as stored (codes and figures), for machines. */
  readonly plan: PanelPlan;
  readonly members: readonly PanelMember[];
  /** The plan in words, in the locale. */
  readonly words: PanelWords;
  /** When an unanswered proposal is committed as proposed. */
  readonly expiresAt: string | null;
}

export interface PanelViewDeps {
  readonly records: CaseRecords;
  readonly mediators: () => Promise<readonly Mediator[]>;
  readonly config: DispatchConfig;
  readonly rules: PanelRules;
}

/** The plan and the seats that staff it, with where both come from. */
function planAndSeats(c: Case, deps: PanelViewDeps): { plan: PanelPlan; seats: readonly Seat[]; source: PanelSource } {
  const stored = panelOf(c);
  if (stored && c.status === 'proposed' && c.proposal) return { plan: stored, seats: c.proposal.seats, source: 'proposal' };
  if (stored && c.assignment) return { plan: stored, seats: c.assignment.seats, source: 'assignment' };
  // No stored plan (not dispatched yet, or dispatched as a fixed pair): sized now, with whoever holds its seats.
  const plan = planPanel(c, deps.rules, sectorCategories(deps.config.organizations, deps.config.tierRules));
  return { plan, seats: c.assignment?.seats ?? c.proposal?.seats ?? [], source: 'sized' };
}

/**
 * A major case's panel (issue 17, convening): the plan — seats, liaison, departments, the sizing
 * reasons in words — with the members the optimizer proposed or who were assigned, each with the
 * optimizer's explanation. A major case not dispatched yet shows the plan sized now, unfilled.
 * 404 for a case that is not major (it has no panel).
 */
export async function panelView(deps: PanelViewDeps, caseId: string, locale: Locale): Promise<PanelView> {
  const c = await deps.records.get(caseId);
  if (!c) throw new NotFoundError('case', caseId);
  if (c.class !== 'major') throw new NotFoundError(`panel of case ${caseId} (a ${c.class} case has a single mediator)`);
  const { plan, seats, source } = planAndSeats(c, deps);
  const people = peopleBook(deps.config, await deps.mediators());
  const words = panelWords(plan, c, locale);
  const members = plan.seats.map((role, i): PanelMember => {
    const seat = seats.find((s) => s.role === role);
    return {
      role,
      label: words.seats[i]?.label ?? role,
      mediatorId: seat?.mediatorId ?? null,
      person: seat ? personText(people(seat.mediatorId), locale) : null,
      explanation: seat?.explanation ? explanationIn(seat.explanation, locale) : null,
    };
  });
  const expiresAt = source === 'proposal' ? (c.proposal?.expiresAt ?? null) : null;
  return { caseId: c.id, status: c.status, source, lang: locale, plan, members, words, expiresAt };
}
