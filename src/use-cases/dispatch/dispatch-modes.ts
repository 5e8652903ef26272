import type { Assignment, Case, Proposal } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { dispatchModeOf, type DispatchSettings } from '../../domain/config/dispatch-settings';
import type { StoreSnapshot } from '../../cost-model/build-problem';
import { rankSeatCandidates } from '../../cost-model/candidates';
import type { ProposalStore } from './proposal-port';

/** Dispatch modes for a batch: the county's settings and where holds and proposals are written. */
export interface DispatchModesOption {
  readonly settings: DispatchSettings;
  readonly proposals: ProposalStore;
}

/** Candidates kept per seat with a proposal, for a dispatcher who picks another. */
const PROPOSAL_CANDIDATES = 5;

export interface ModeSplit {
  /** Cases to solve (`auto` and `propose`). */
  readonly solve: readonly Case[];
  /** Cases that wait for a person (`manual`, or the referral asked `hold`): never solved. */
  readonly held: readonly string[];
  /** Cases among `solve` whose result is written as a proposal. */
  readonly propose: ReadonlySet<string>;
}

/** Splits waiting cases by their dispatch mode. */
export function splitByMode(cases: readonly Case[], settings: DispatchSettings): ModeSplit {
  const solve: Case[] = [];
  const held: string[] = [];
  const propose = new Set<string>();
  for (const c of cases) {
    const mode = dispatchModeOf(c, settings);
    if (mode === 'manual') held.push(c.id);
    else solve.push(c);
    if (mode === 'propose') propose.add(c.id);
  }
  return { solve, held, propose };
}

/** The proposal for a case from the optimizer's assignment, with the ranked candidates per seat. */
export function proposalFor(
  c: Case,
  assignment: Assignment,
  context: { readonly snap: StoreSnapshot; readonly config: DispatchConfig; readonly settings: DispatchSettings; readonly now: Date },
): Proposal {
  const { snap, config, settings, now } = context;
  // The cost model's ranking only: names and sentences are added when a dispatcher reads it.
  const ranked = rankSeatCandidates(c, { ...snap, config, now }, PROPOSAL_CANDIDATES);
  return {
    mediatorIds: [...assignment.mediatorIds],
    seats: [...assignment.seats],
    cost: assignment.cost,
    proposedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + settings.proposalTimeoutMinutes * 60_000).toISOString(),
    candidates: ranked.map((s) => ({ role: s.role, candidates: [...s.candidates] })),
    ...(assignment.panel ? { panel: assignment.panel } : {}),
  };
}
