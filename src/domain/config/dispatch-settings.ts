import { z } from 'zod';
import type { Case } from '../case';
import type { CaseClass } from '../taxonomy';
import { DEFAULT_RESERVATIONS, PROTECTED_POOLS, ReservationRuleSchema, type ReservationRule } from './reservation-rules';

/**
 * How a class of cases is dispatched in a county: `auto` (the optimizer assigns), `propose` (the
 * optimizer writes a proposal a dispatcher confirms or replaces; it is committed as proposed when
 * `proposalTimeoutMinutes` pass, so nothing stalls) or `manual` (never dispatched automatically;
 * waits for a dispatcher's pin).
 */
export const DispatchModeSchema = z.enum(['auto', 'propose', 'manual']);
export type DispatchMode = z.infer<typeof DispatchModeSchema>;

/** Longest wait for a dispatcher's decision on a proposal: one week. */
const MAX_PROPOSAL_TIMEOUT_MINUTES = 7 * 24 * 60;

/** A county's dispatch settings (stored per county; GET/PUT /v1/settings/dispatch). */
export const DispatchSettingsSchema = z
  .strictObject({
    /** Mode per case class. @defaultValue { ordinary: "auto", professional: "auto", major: "propose" } */
    dispatchModes: z.strictObject({
      ordinary: DispatchModeSchema,
      professional: DispatchModeSchema,
      major: DispatchModeSchema,
    }),
    /**
     * Minutes a proposal waits for a dispatcher before the legal clock's next run commits it as
     * proposed; 0 = at that next run (proposals then only record what the optimizer chose). @defaultValue 120
     */
    proposalTimeoutMinutes: z.number().int().min(0).max(MAX_PROPOSAL_TIMEOUT_MINUTES),
    /**
     * Seats kept for the cases the county expects (issue 20), e.g. gold-medal leads for major cases;
     * [] keeps none. @defaultValue DEFAULT_RESERVATIONS (gold and legal-expert seats for major cases, 2 days at 90%)
     */
    reservations: z
      .array(ReservationRuleSchema)
      .max(PROTECTED_POOLS.length * 3)
      .optional(),
  })
  .meta({ id: 'DispatchSettings' });
export type DispatchSettings = z.infer<typeof DispatchSettingsSchema>;

/** A county that never set its own: major cases are convened by the centre, the rest dispatched. */
export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  dispatchModes: { ordinary: 'auto', professional: 'auto', major: 'propose' },
  proposalTimeoutMinutes: 120,
};

/** Every class `auto`: dispatch as before modes existed (demo, simulator, benchmarks). */
export const ALL_AUTO: DispatchSettings = {
  dispatchModes: { ordinary: 'auto', professional: 'auto', major: 'auto' },
  proposalTimeoutMinutes: DEFAULT_DISPATCH_SETTINGS.proposalTimeoutMinutes,
};

/**
 * The mode a waiting case is dispatched in: a referral's `hold` makes it `manual`; a case whose
 * proposal already expired (committing it failed) goes `auto`, so it is not proposed again; else
 * its class's mode.
 */
export function dispatchModeOf(
  c: Pick<Case, 'hold' | 'proposal'> & { readonly class: CaseClass },
  settings: DispatchSettings,
): DispatchMode {
  if (c.hold === true) return 'manual';
  if (c.proposal) return 'auto';
  return settings.dispatchModes[c.class];
}

/** The county's reservation rules: its own, or the defaults when it never set any. */
export function reservationRules(settings: Pick<DispatchSettings, 'reservations'>): readonly ReservationRule[] {
  return settings.reservations ?? DEFAULT_RESERVATIONS;
}
