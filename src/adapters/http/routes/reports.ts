import { z } from 'zod';
import { DateOrInstantSchema, LocalMonthSchema } from '../../../domain/instant';
import { loadCountyBaseline } from '../../../domain/config/county-baseline';
import { loadSubsidyConfig } from '../../../domain/config/subsidy-config';
import { kpisToCsv } from '../../../use-cases/reports/csv';
import type { KpiCase } from '../../../use-cases/reports/kpis';
import { REPORT_GROUPINGS } from '../../../use-cases/reports/monthly-kpis';
import { countyKpiReport } from '../../../use-cases/reports/county-kpi-report';
import { localMonth, subsidyLedger } from '../../../domain/lifecycle/subsidy';
import { monthPeriod, resolvePeriod } from '../../../use-cases/reports/period';
import type { CountyReportSource } from '../../../use-cases/reports/report-source';
import { countySummonsesDue } from './summonses-due';
import { kpiDefinitionsIn } from '../../../use-cases/reports/definitions';
import { headlineIndicators } from '../../../use-cases/reports/headline';
import { HeadlineIndicatorSchema, KpiRowSchema } from './report-schemas';
import { LangQuery, requestLocale } from '../locale';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const isoDate = DateOrInstantSchema;

const KpiQuery = z.strictObject({
  /** Start (inclusive); a plain date is local midnight (+08:00). @defaultValue the first instant of the current local month */
  from: isoDate.optional(),
  /** End (exclusive); a plain date is local midnight (+08:00). @defaultValue the first instant of the next local month */
  to: isoDate.optional(),
  /** A local month, 2026-03 = 2026-03-01T00:00+08:00 … 2026-04-01T00:00+08:00; instead of from/to. */
  month: LocalMonthSchema.optional(),
  /** Rows by township, tier, category, mediator, channel, class, or local month (`month`). @defaultValue the total only */
  by: z.enum(REPORT_GROUPINGS).optional(),
  /** `csv` for text/csv (or send `Accept: text/csv`). @defaultValue json */
  format: z.enum(['json', 'csv']).optional(),
  /** The language of `localDefinitions`. @defaultValue Accept-Language, else zh-CN */
  lang: LangQuery.shape.lang,
  /** `baseline`: each headline indicator carries the county's published 2019–2023 figures (`published`). @defaultValue none */
  compare: z.enum(['baseline']).optional(),
});

export const KpiReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.number(),
    by: z.string().nullable(),
    population: z.number(),
    qualityWindowDays: z.number(),
    court: z
      .union([
        z.object({
          status: z.literal('ok'),
          filings: z.number(),
          transferred: z.number(),
          filedDirectly: z.number(),
          months: z.array(z.string()),
        }),
        z.object({ status: z.literal('no_court_figures'), missingMonths: z.array(z.string()) }),
      ])
      .meta({
        description:
          "The court's figures behind the total (months cut by the period count by their share of days), or the months without any",
      }),
    summonsArrival: z
      .object({ due: z.number(), onTime: z.number() })
      .nullable()
      .meta({ description: '按时到位率 from summonses once wired; null: the departments figure is what sessions recorded' }),
    indicators: z.array(HeadlineIndicatorSchema).meta({
      description:
        'The four assessed indicators and 优质率, each with numerator, denominator, period, source, definition (zh/en) and, with `compare=baseline`, the published figures',
    }),
    total: KpiRowSchema,
    rows: z.array(KpiRowSchema),
    mediators: z.array(
      z.object({ mediatorId: z.string(), tier: z.string(), organization: z.string(), seats: z.number(), subsidyYuan: z.number() }),
    ),
    definitions: z.record(z.string(), z.string()),
    localDefinitions: z
      .record(z.string(), z.string())
      .meta({ description: '`definitions` in the language of `?lang=` or `Accept-Language` (zh-CN by default), for people to read' }),
  })
  .meta({ id: 'KpiReport' });

/** GET /v1/reports/kpis: the centre's indicators from the case histories, as JSON or CSV. */
export function reportRoutes({ router, registry, deps }: RouteTarget): void {
  const subsidy = loadSubsidyConfig();
  const baseline = loadCountyBaseline().series;
  /**
   * Case files held in full and the archived records of closed cases, the reports count both; in
   * referral order (ties by id), as the files alone come, so archiving does not reorder a listing.
   */
  const caseHistories = async (c: string): Promise<KpiCase[]> => {
    const [files, archived] = await Promise.all([deps.stores.lifecycle(c).listFiles(), deps.stores.archive(c).list()]);
    return [...files, ...archived].sort(
      (a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
    );
  };
  /**
   * What a county's report reads: the ledger when one is configured (the cases that can count),
   * else Redis; the summonses from both (the ledger keeps those Redis evicted, Redis is fresher).
   */
  const reportSource = (c: string): CountyReportSource => {
    const ledger = deps.ledgerReports?.county(c);
    if (!ledger)
      return {
        casesCounting: () => caseHistories(c),
        mediators: () => deps.stores.mediators(c).list(),
        courtMonths: () => deps.stores.courtFigures(c).list(),
        summonsesDue: countySummonsesDue(deps, c),
      };
    return {
      casesCounting: (from, to) => ledger.casesCounting(from, to),
      mediators: () => ledger.mediators(),
      courtMonths: () => ledger.courtMonths(),
      summonsesDue: countySummonsesDue(deps, c),
    };
  };

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/reports/kpis',
    tag: 'reports',
    summary:
      'Indicators as assessed (万人成讼率, 诉前调解率, 调处成功率, 按时到位率) and 优质率, with days to settle, fulfilment by mode, load and subsidy per mediator',
    description:
      'The period is a local month (China Standard Time, +08:00): `month=2026-03`, or `from`/`to` (plain dates are local midnights), by default the current month. ' +
      'Each figure comes with its definition (`definitions`); `indicators` states each assessed indicator with numerator, denominator, period and source. ' +
      '万人成讼率 and 诉前调解率 come from the court figures (`PUT /v1/court-figures/{month}`) and the population setting (`/v1/settings/indicators`): null, with the reason, for a period without them. ' +
      'Changed in issue 17: `successRate` is case-level over settled + returned + withdrawn after mediation began; `lawsuits*` and `preLitigationRate` come from court figures, not case files. ' +
      '`format=csv` or `Accept: text/csv` returns CSV with the definitions as comment lines.',
    roles: ['dispatcher', 'viewer'],
    query: KpiQuery,
    response: KpiReportSchema,
    handler: async ({ caller, query, req, res }) => {
      const locale = requestLocale(req);
      const { from, to } = resolvePeriod(query, new Date());
      const asOf = deps.clock?.() ?? new Date();
      const c = caller.county;
      const { report } = await countyKpiReport(
        {
          source: reportSource(c),
          settings: () => deps.stores.indicatorSettings(c).get(),
          subsidy,
        },
        { from, to, asOf, ...(query.by ? { by: query.by } : {}) },
      );
      const csv = query.format === 'csv' || (query.format === undefined && (req.headers.accept ?? '').includes('text/csv'));
      const indicators = headlineIndicators(report, query.compare === 'baseline' ? baseline : undefined);
      if (!csv) return { ...report, indicators, localDefinitions: kpiDefinitionsIn(locale) };
      res.status(200).type('text/csv; charset=utf-8').send(kpisToCsv(report));
      return undefined;
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/reports/subsidy',
    tag: 'reports',
    summary:
      'Subsidies of a month (China Standard Time; default the current one): per attempt, per mediator and organisation, the total against the budget and the warnings reached',
    description:
      'Each ended attempt earns the table rate for its class and outcome (200–500 yuan; a panel split equally); withdrawals and attempts without a held session earn none.',
    roles: ['dispatcher', 'viewer'],
    /** @defaultValue the current local month */
    query: z.strictObject({ month: LocalMonthSchema.optional() }),
    response: z
      .object({
        month: z.string(),
        totalYuan: z.number(),
        budgetYuan: z.number(),
        overBudget: z.boolean(),
        warnings: z.array(z.object({ share: z.number(), thresholdYuan: z.number() })),
        byMediator: z.record(z.string(), z.number()),
        byOrganization: z.record(z.string(), z.number()),
        entries: z.array(
          z.object({
            caseId: z.string(),
            attempt: z.number(),
            class: z.string(),
            outcome: z.string(),
            yuan: z.number(),
            mediatorIds: z.array(z.string()),
            month: z.string(),
          }),
        ),
      })
      .meta({ id: 'SubsidyLedger' }),
    handler: async ({ caller, query }) => {
      const month = query.month ?? localMonth(new Date().toISOString());
      const { from, to } = monthPeriod(month);
      const source = reportSource(caller.county);
      const [files, mediators] = await Promise.all([source.casesCounting(from, to), source.mediators()]);
      const org = new Map(mediators.map((m) => [m.id, m.organization]));
      return subsidyLedger(files, month, (id) => org.get(id), subsidy);
    },
  });
}
