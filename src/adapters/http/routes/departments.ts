import { z } from 'zod';
import { crossCheckDepartments, DepartmentSchema, SummonsSettingsSchema } from '../../../domain/config/departments-config';
import { LabelSchema } from '../../../domain/labels';
import { DateOrInstantSchema, LocalMonthSchema } from '../../../domain/instant';
import { ValidationError } from '../../../domain/errors';
import { resolvePeriod } from '../../../use-cases/reports/period';
import { summonsArrival } from '../../../use-cases/reports/summons-arrival';
import { countySummonsesDue } from './summonses-due';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const Rate = z.number().nullable();
const Counts = {
  due: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missed: z.number().int(),
  open: z.number().int(),
  rate: Rate,
};
const SummonsArrivalSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.object(Counts),
    byDepartment: z.array(z.object({ department: z.string(), ...Counts })),
    byMonth: z.array(z.object({ month: z.string(), ...Counts })),
    definition: z.object({ numerator: LabelSchema, denominator: LabelSchema, period: LabelSchema }),
  })
  .meta({ id: 'SummonsArrivalReport' });

const ReportQuery = z.strictObject({
  /** Start (inclusive); a plain date is local midnight (+08:00). @defaultValue the first instant of the current local month */
  from: DateOrInstantSchema.optional(),
  /** End (exclusive); a plain date is local midnight (+08:00). @defaultValue the first instant of the next local month */
  to: DateOrInstantSchema.optional(),
  /** A local month instead of from/to. */
  month: LocalMonthSchema.optional(),
});

/** The department roster, the county's summons settings, and 按时到位率 (issue 17). */
export function departmentRoutes({ router, registry, deps }: RouteTarget): void {
  const settings = (county: string) => deps.stores.summonsSettings(county);

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/departments',
    tag: 'summons',
    summary: 'The departments the centre may summon, with zh/en names and the dispute categories each answers for',
    roles: ['dispatcher', 'viewer', 'court'],
    response: z.object({ items: z.array(DepartmentSchema) }).meta({ id: 'DepartmentList' }),
    handler: async ({ caller }) => ({ items: (await settings(caller.county).get()).departments }),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/settings/summons',
    tag: 'settings',
    summary: "The county's department roster, reminder hours before requiredBy and the grace before a summons is missed",
    description:
      'A county that never saved its own reads the bundled roster (src/domain/config/departments.json): reminders [24, 2] hours before, 30 minutes grace.',
    roles: ['dispatcher', 'viewer', 'court'],
    response: SummonsSettingsSchema,
    handler: async ({ caller }) => settings(caller.county).get(),
  });

  defineRoute(router, registry, {
    method: 'put',
    path: '/v1/settings/summons',
    tag: 'settings',
    summary: "Replace the county's department roster and summons clock (admin; audited)",
    description: 'Summonses already issued keep their department id even when it leaves the roster.',
    roles: [],
    body: SummonsSettingsSchema,
    response: SummonsSettingsSchema,
    handler: async ({ caller, body }) => {
      const problems = crossCheckDepartments(body);
      if (problems[0] !== undefined) throw new ValidationError([{ field: 'body.departments', reason: problems[0] }]);
      await settings(caller.county).put(body);
      await deps.stores.audit(caller.county).append({ action: 'summons_settings', by: caller.label, settings: body });
      deps.log.info({ county: caller.county, departments: body.departments.length, by: caller.label }, 'summons settings changed');
      return body;
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/reports/summons-arrival',
    tag: 'reports',
    summary: '按时到位率: summonses checked in by their required time ÷ summonses due, by department and by month, with its definition',
    description:
      'Due = requiredBy in [from, to) and not later than now, not cancelled. A late check-in and a miss count in the denominator only; ' +
      'open summonses past requiredBy (within the grace) are due and not yet on time.',
    roles: ['dispatcher', 'viewer', 'court'],
    query: ReportQuery,
    response: SummonsArrivalSchema,
    handler: async ({ caller, query }) => {
      const now = (deps.clock ?? (() => new Date()))();
      const period = resolvePeriod(query, now);
      const list = await countySummonsesDue(deps, caller.county)(period.from, period.to);
      return summonsArrival(list, period, now);
    },
  });
}
