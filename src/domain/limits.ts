import { z } from 'zod';

/**
 * The largest values the domain allows, in one place. Every schema that takes a number, string
 * or list from outside (API bodies and queries, records read back from Redis) is bounded by one
 * of these, so no input can make the service allocate or loop in proportion to a number it was
 * sent (issue 18: a capacity of 169,220,804 once sized an array and killed the dispatch worker).
 */
export const LIMITS = {
  /** Open cases one mediator may carry at once: a full-time gold mediator carries ~30; 200 is generous. */
  capacity: 200,
  /** Amount in dispute or settled, yuan (10 billion: beyond any people's mediation case). */
  amountYuan: 1e10,
  /** Earlier petitions about one dispute. */
  priorPetitions: 1000,
  /** Parties to one dispute. */
  parties: 50,
  /** Mediators who already tried one dispute (and attempts of one case). */
  attempts: 20,
  /** Party refs one mediator is recused from. */
  recusals: 1000,
  /** Leave periods on one mediator's record. */
  leavePeriods: 200,
  /** Weekly half-day slots: 7 days × am/pm. */
  availability: 14,
  /** Length of an identifier (ids, refs, externalId); its characters: see party-identifier.ts. */
  identifierLength: 128,
  /** Length of free text (reasons, notes). */
  freeText: 2000,
  /** Length of a display name. */
  name: 200,
  /** Sessions of one case, transitions in its history, raised reminders. */
  sessionsPerCase: 200,
  historyPerCase: 1000,
  raisedPerCase: 1000,
  /** Seats (mediators) of one case: a panel has a lead and one or two experts (panel-rules.json). */
  seats: 3,
  /** First and last calendar year a date may carry (instant.ts). */
  minYear: 2000,
  maxYear: 2100,
} as const;

/** Free text from a person (a reason, a note): any characters, at most LIMITS.freeText. */
export const FreeTextSchema = z.string().min(1).max(LIMITS.freeText);

/** A non-negative amount of money in yuan, at most LIMITS.amountYuan. */
export const AmountYuanSchema = z.number().min(0).max(LIMITS.amountYuan);
