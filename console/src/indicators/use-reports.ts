import { useEffect, useState } from 'preact/hooks';
import { apiGet, query } from '../api';
import type { Label } from '../labels';
import { BREAKDOWNS, type Breakdown, type KpiReport, type SubsidyLedger } from './report';
import { yearEndingWith } from './series';

/** Everything the indicator page shows for one month. */
export interface Reports {
  /** The twelve months ending with the chosen one, a row each. */
  readonly byMonth: KpiReport;
  /** The chosen month by township, channel and class (each report's total is the month's). */
  readonly breakdowns: Readonly<Record<Breakdown, KpiReport>>;
  readonly subsidy: SubsidyLedger;
  /** Township names by id (GET /v1/geography). */
  readonly townships: ReadonlyMap<string, Label>;
}

interface Geography {
  readonly townships: readonly { readonly id: string; readonly name: Label }[];
}

/** Loads the month's reports; `reports` stays the last month's while the next one loads. */
export function useReports(
  month: string,
  lang: string,
): { readonly reports?: Reports; readonly error?: string; readonly loading: boolean } {
  const [reports, setReports] = useState<Reports | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const ctl = new AbortController();
    const get = <T>(path: string) => apiGet<T>(path, ctl.signal);
    const year = yearEndingWith(month);
    setLoading(true);
    Promise.all([
      get<KpiReport>(`/v1/reports/kpis${query({ from: `${year.first}-01`, to: `${year.afterLast}-01`, by: 'month', lang })}`),
      Promise.all(BREAKDOWNS.map((by) => get<KpiReport>(`/v1/reports/kpis${query({ month, by, lang })}`))),
      get<SubsidyLedger>(`/v1/reports/subsidy${query({ month })}`),
      get<Geography>('/v1/geography'),
    ]).then(
      ([byMonth, [township, channel, klass], subsidy, geography]) => {
        if (!township || !channel || !klass) return;
        setReports({
          byMonth,
          breakdowns: { township, channel, class: klass },
          subsidy,
          townships: new Map(geography.townships.map((t) => [t.id, t.name])),
        });
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [month, lang]);
  return { ...(reports ? { reports } : {}), ...(error !== undefined ? { error } : {}), loading };
}
