import { z } from 'zod';
import { CaseSchema } from '../../../domain';
import { confirmProposal } from '../../../use-cases/dispatch/proposals';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const IdParams = z.object({ id: z.string().min(1).max(200) });

/**
 * A dispatcher's answer to a proposal (issue 16): confirm it here; pick another with the pin
 * route (`POST /v1/cases/{id}/assignment`), which assigns a proposed or held case too.
 */
export function proposalRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/proposal/confirm',
      tag: 'cases',
      summary: 'Assign a proposed case as the optimizer proposed (audited)',
      description:
        'Capacity is checked again (a proposal holds no load). 409 when the case has no open proposal — a pin, ' +
        'another confirmation or the proposal timeout decided first — or a proposed mediator is now full or on leave.',
      roles: ['dispatcher'],
      params: IdParams,
      response: CaseSchema,
      handler: async ({ caller, params }) => {
        const c = await confirmProposal(deps.stores.dispatch(caller.county), deps.stores.cases(caller.county), params.id);
        const mediatorIds = c.assignment?.mediatorIds ?? [];
        await deps.stores.audit(caller.county).append({ action: 'proposal_confirm', caseId: c.id, mediatorIds, by: caller.label });
        deps.log.info({ county: caller.county, caseId: c.id, mediatorIds, by: caller.label }, 'proposal confirmed');
        return c;
      },
    },
    [404, 409],
  );
}
