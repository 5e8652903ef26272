import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api';
import { sortSummonses, type DepartmentView, type SummonsView } from './summons-data';

export interface SummonsState {
  readonly items: readonly SummonsView[];
  /** The county's roster (GET /v1/departments): the form's choices and the names shown. */
  readonly departments: readonly DepartmentView[];
  readonly error?: Error;
  readonly loaded: boolean;
  readonly reload: () => void;
}

/** A case's summonses and the county's departments; `reload` reads the summonses again after a write. */
export function useSummonses(caseId: string): SummonsState {
  const [items, setItems] = useState<readonly SummonsView[]>([]);
  const [departments, setDepartments] = useState<readonly DepartmentView[]>([]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    apiGet<{ items: DepartmentView[] }>('/v1/departments', ctl.signal).then(
      (r) => setDepartments(r.items),
      () => undefined,
    );
    return () => ctl.abort();
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    apiGet<{ items: SummonsView[] }>(`/v1/cases/${encodeURIComponent(caseId)}/summonses`, ctl.signal).then(
      (r) => {
        setItems(sortSummonses(r.items));
        setError(undefined);
        setLoaded(true);
      },
      (e: Error) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setLoaded(true);
      },
    );
    return () => ctl.abort();
  }, [caseId, round]);

  return { items, departments, ...(error ? { error } : {}), loaded, reload };
}
