import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet, query, request } from '../api';
import { useLocale } from '../locale';
import { useSession } from '../session';
import { isClosed, mediatorsNamed, type CandidatesView, type CaseFileView, type CaseView, type MediatorView } from './case-data';

/** Most mediators the page reads one by one (a long history names many; the oldest are left as ids). */
const MEDIATORS_MAX = 24;

export interface CaseFileState {
  readonly view?: CaseView;
  /** Absent for an archived case (its file is gone). */
  readonly file?: CaseFileView;
  /** Dispatchers only (the route is theirs); absent for a closed case. */
  readonly candidates?: CandidatesView;
  readonly mediators: ReadonlyMap<string, MediatorView>;
  readonly error?: ApiError | Error;
  readonly loaded: boolean;
}

const enc = encodeURIComponent;

async function mediatorsById(ids: readonly string[], signal: AbortSignal): Promise<Map<string, MediatorView>> {
  const found = await Promise.all(
    ids.slice(0, MEDIATORS_MAX).map((id) => apiGet<MediatorView>(`/v1/mediators/${enc(id)}`, signal).catch(() => undefined)),
  );
  return new Map(found.filter((m): m is MediatorView => m !== undefined).map((m) => [m.id, m]));
}

/**
 * One case with everything its page shows: the case (sentences in the page's language), its file
 * (clocks, sessions, settlement, history), the top candidates and the mediators it names with their
 * loads. `reload` reads it all again (after a reassignment: new mediator, history, loads).
 */
export function useCaseFile(id: string): CaseFileState & { readonly reload: () => void } {
  const { locale } = useLocale();
  const { canWrite } = useSession();
  const [state, setState] = useState<CaseFileState>({ mediators: new Map(), loaded: false });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    const { signal } = ctl;
    const lang = query({ lang: locale });
    const load = async () => {
      const [view, file, candidates] = await Promise.all([
        apiGet<CaseView>(`/v1/cases/${enc(id)}${lang}`, signal),
        apiGet<CaseFileView>(`/v1/cases/${enc(id)}/history`, signal).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        }),
        canWrite
          ? request<CandidatesView>('POST', `/v1/cases/${enc(id)}/candidates${lang}`, { body: { k: 5 }, signal }).catch(() => undefined)
          : Promise.resolve(undefined),
      ]);
      const mediators = await mediatorsById(mediatorsNamed(view, file), signal);
      return { view, file, candidates: isClosed(view.status) ? undefined : candidates, mediators };
    };
    load().then(
      (s) => setState({ ...s, loaded: true }),
      (e: Error) => {
        if (!signal.aborted) setState((old) => ({ ...old, error: e, loaded: true }));
      },
    );
    return () => ctl.abort();
  }, [id, locale, canWrite, round]);

  return { ...state, reload };
}
