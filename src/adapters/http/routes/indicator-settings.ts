import { IndicatorSettingsSchema } from '../../../domain/config/indicator-settings';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

/**
 * What the county's indicators are computed with (issue 17): populations with their year (万人成讼率,
 * per-township rates) and the 优质率 window. Everyone of the county reads them; an admin changes them.
 */
export function indicatorSettingsRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/settings/indicators',
    tag: 'settings',
    summary: "The county's indicator settings: population of the county and of each township with their year, and the 优质率 window",
    description:
      'A county that never saved its own reads its configuration: 170,000 inhabitants (2023) by default, townships as the sums of their villages, a 90-day window.',
    roles: ['dispatcher', 'viewer', 'court'],
    response: IndicatorSettingsSchema,
    handler: async ({ caller }) => deps.stores.indicatorSettings(caller.county).get(),
  });

  defineRoute(router, registry, {
    method: 'put',
    path: '/v1/settings/indicators',
    tag: 'settings',
    summary: "Replace the county's indicator settings (admin)",
    roles: [],
    body: IndicatorSettingsSchema,
    response: IndicatorSettingsSchema,
    handler: async ({ caller, body }) => {
      await deps.stores.indicatorSettings(caller.county).put(body);
      deps.log.info({ county: caller.county, by: caller.label }, 'indicator settings changed');
      return body;
    },
  });
}
