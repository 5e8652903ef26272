import { DispatchSettingsSchema } from '../../../domain/config/dispatch-settings';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

/**
 * The county's dispatch settings (issue 16): the dispatch mode per case class and how long a
 * proposal waits for a dispatcher. Everyone of the county may read them; only an admin changes
 * them, and each change goes to the audit trail.
 */
export function settingsRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/settings/dispatch',
    tag: 'settings',
    summary: "The county's dispatch modes (auto, propose, manual per class) and proposal timeout",
    description: 'A county that never saved its own reads the defaults: ordinary and professional `auto`, major `propose`, 120 minutes.',
    roles: ['dispatcher', 'viewer', 'court'],
    response: DispatchSettingsSchema,
    handler: async ({ caller }) => deps.stores.dispatchSettings(caller.county).get(),
  });

  defineRoute(router, registry, {
    method: 'put',
    path: '/v1/settings/dispatch',
    tag: 'settings',
    summary: "Replace the county's dispatch settings (admin; audited)",
    description: 'Applies to the next dispatch: cases already held or proposed stay so until a dispatcher decides or the proposal expires.',
    roles: [],
    body: DispatchSettingsSchema,
    response: DispatchSettingsSchema,
    handler: async ({ caller, body }) => {
      await deps.stores.dispatchSettings(caller.county).put(body);
      await deps.stores.audit(caller.county).append({ action: 'dispatch_settings', by: caller.label, settings: body });
      deps.log.info({ county: caller.county, settings: body, by: caller.label }, 'dispatch settings changed');
      return body;
    },
  });
}
