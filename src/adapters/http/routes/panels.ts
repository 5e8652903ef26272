import { z } from 'zod';
import { CaseSchema, CaseStatusSchema, ExplanationSchema, LIAISON_ROLES, PanelPlanSchema, SeatRoleSchema } from '../../../domain';
import { loadPanelRules } from '../../../domain/config/panel-rules-config';
import { LocaleSchema } from '../../../domain/i18n/locale';
import { IdentifierSchema, ServiceIdSchema } from '../../../domain/party-identifier';
import { LIMITS } from '../../../domain/limits';
import { confirmPanel } from '../../../use-cases/dispatch/panel-confirm';
import { panelView } from '../../../use-cases/dispatch/panel-view';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';
import { LangQuery, requestLocale } from '../locale';

const IdParams = z.object({ id: z.string().min(1).max(200) });

const Words = z.object({ role: z.string(), label: z.string() });

const PanelViewSchema = z
  .object({
    caseId: z.string(),
    status: CaseStatusSchema,
    /** `proposal` (waiting for a dispatcher), `assignment` (staffed), or `sized` (no plan stored: sized now; members by seat role, if any). */
    source: z.enum(['proposal', 'assignment', 'sized']),
    lang: LocaleSchema,
    plan: PanelPlanSchema,
    members: z.array(
      z.object({
        role: SeatRoleSchema,
        label: z.string(),
        mediatorId: z.string().nullable(),
        person: z.string().nullable(),
        explanation: ExplanationSchema.nullable(),
      }),
    ),
    words: z.object({
      seats: z.array(Words),
      reasons: z.array(z.string()),
      liaison: Words.extend({ reasons: z.array(z.string()) }).nullable(),
      departments: z.array(z.object({ id: z.string(), name: z.string(), reasons: z.array(z.string()) })),
    }),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Panel' });

export const PanelConfirmBodySchema = z
  .strictObject({
    /** Seats to give to another mediator before confirming, one per role at most. @defaultValue [] */
    swaps: z
      .array(z.strictObject({ role: SeatRoleSchema, mediatorId: ServiceIdSchema }))
      .max(LIMITS.seats)
      .default([]),
    /** Who fills the liaison role (`court_liaison` or `lawyer`), by a court or bar reference; never a party. */
    liaisonRef: IdentifierSchema.optional(),
  })
  .meta({ id: 'PanelConfirmRequest' });

/**
 * A major case's panel (issue 17, convening): read the plan with its explanation; confirm a
 * proposed one, swapping members first if need be. The plan's sizing: docs/convening.md.
 */
export function panelRoutes({ router, registry, deps }: RouteTarget): void {
  const configOf = async (county: string) => (await deps.stores.countyConfigs.of(county)).config;
  const rules = loadPanelRules();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/cases/:id/panel',
      tag: 'cases',
      summary: "A major case's panel plan: seats and members, liaison, departments to summon, and why",
      description:
        'The plan stored with the proposal (`source: proposal`, waiting for a dispatcher) or the assignment, or — when none is stored ' +
        '(not dispatched yet, or staffed as a fixed pair before plans) — the plan sized now (`source: sized`), its seats filled by whoever ' +
        "holds that role, if anyone. Each member comes with the optimizer's explanation; " +
        `the sizing reasons, the liaison (${LIAISON_ROLES.join(' or ')}) and the departments come in words in the request's language. ` +
        '404 for an unknown case or one that is not major.',
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      query: LangQuery,
      response: PanelViewSchema,
      handler: async ({ req, caller, params }) =>
        panelView(
          {
            records: deps.stores.cases(caller.county),
            mediators: () => deps.stores.mediators(caller.county).list(),
            config: await configOf(caller.county),
            rules,
          },
          params.id,
          requestLocale(req),
        ),
    },
    [404],
  );
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/panel/confirm',
      tag: 'cases',
      summary: "Confirm a major case's proposed panel, with optional member swaps (audited)",
      description:
        'Each swap gives one seat of the plan to another mediator; the panel is then checked seat by seat against the hard rules and ' +
        'capacity, and committed (a proposal holds no load, so capacity is checked again atomically): `case.proposal_confirmed`, then ' +
        '`case.assigned` by `dispatcher`; the plan is stored with the assignment, marked confirmed. 400 `validation_failed`: a swap names ' +
        'a seat the plan does not have, the same seat twice, or an unknown mediator (`field` names it). 409 `conflict`: the case has no open ' +
        'panel proposal (a pin, another confirmation or the timeout decided first), or the panel breaks a hard rule or a member is full ' +
        '(`details.violations`).',
      roles: ['dispatcher'],
      params: IdParams,
      body: PanelConfirmBodySchema,
      response: CaseSchema,
      handler: async ({ caller, params, body }) => {
        const c = await confirmPanel(
          {
            dispatch: deps.stores.dispatch(caller.county),
            records: deps.stores.cases(caller.county),
            config: await configOf(caller.county),
          },
          params.id,
          {
            swaps: body.swaps,
            ...(body.liaisonRef ? { liaisonRef: body.liaisonRef } : {}),
            by: caller.label,
          },
        );
        const mediatorIds = c.assignment?.mediatorIds ?? [];
        const swaps = c.assignment?.panel?.confirmed?.swaps ?? [];
        await deps.stores.audit(caller.county).append({ action: 'proposal_confirm', caseId: c.id, mediatorIds, by: caller.label, swaps });
        deps.log.info({ county: caller.county, caseId: c.id, mediatorIds, swaps: swaps.length, by: caller.label }, 'panel confirmed');
        return c;
      },
    },
    [400, 404, 409],
  );
}
