import { useEffect, useRef, useState } from 'preact/hooks';
import { apiGet, query } from '../api';
import { useServiceEvents } from '../events';
import type { Label } from '../labels';
import { mergeRows, reconcileRows, type CaseRow } from './rows';

/** A township of GET /v1/geography. */
export interface Township {
  readonly id: string;
  readonly name: Label;
}

/** A mediator as the board names them. */
export interface MediatorName {
  readonly id: string;
  readonly name: string;
}

export interface BoardData {
  /** Open cases by id. */
  readonly rows: ReadonlyMap<string, CaseRow>;
  readonly mediators: ReadonlyMap<string, MediatorName>;
  readonly townships: readonly Township[];
  /** The first load has arrived. */
  readonly ready: boolean;
  readonly error: string | undefined;
  /** The event stream is up. */
  readonly live: boolean;
}

/** Most rows one GET /v1/cases/rows gives: a county's open cases in one request. */
const PAGE = 5000;
/** Most ids one refetch names (the route's limit). */
const IDS_PER_FETCH = 200;
/**
 * Events arrive in bursts (a dispatch assigns a batch): ids are gathered this long and refetched in
 * one request. Short, so an event still shows well within 200 ms.
 */
const GATHER_MS = 30;

async function allPages<T>(path: (offset: number) => string, pick: (body: never) => readonly T[], signal: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const body: { nextOffset: number | null } = await apiGet(path(offset), signal);
    out.push(...pick(body as never));
    offset = body.nextOffset;
  }
  return out;
}

const rowsPath = (offset: number): string => `/v1/cases/rows${query({ open: true, limit: PAGE, offset })}`;
const mediatorsPath = (offset: number): string => `/v1/mediators${query({ limit: 1000, offset })}`;
const GEOGRAPHY_PATH = '/v1/geography';

/** What the board asks for first: the app starts these with the labels (api.ts prefetch). */
export const BOARD_FIRST_PATHS: readonly string[] = [rowsPath(0), mediatorsPath(0), GEOGRAPHY_PATH];

const loadRows = (signal: AbortSignal) => allPages<CaseRow>(rowsPath, (b: { rows: CaseRow[] }) => b.rows, signal);

const loadMediators = (signal: AbortSignal) =>
  allPages<MediatorName>(mediatorsPath, (b: { mediators: MediatorName[] }) => b.mediators.map((m) => ({ id: m.id, name: m.name })), signal);

/**
 * The board's data: every open case of the county as a row, the mediators' names and the townships,
 * kept live by the event stream — each event's case is read again (the event itself is only a hint),
 * and everything is read again whenever the stream (re)opens.
 */
export function useBoard(): BoardData {
  const [rows, setRows] = useState<ReadonlyMap<string, CaseRow>>(new Map());
  const [mediators, setMediators] = useState<ReadonlyMap<string, MediatorName>>(new Map());
  const [townships, setTownships] = useState<readonly Township[]>([]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(new AbortController());
  /** The first load: a reread on the stream's opening waits for it rather than competing with it. */
  const first = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    const ctl = alive.current;
    first.current = Promise.all([
      loadRows(ctl.signal),
      loadMediators(ctl.signal),
      apiGet<{ townships: Township[] }>(GEOGRAPHY_PATH, ctl.signal),
    ]).then(
      ([fresh, people, geo]) => {
        setRows((old) => reconcileRows(old, fresh));
        setMediators(new Map(people.map((m) => [m.id, m])));
        setTownships(geo.townships.map((t) => ({ id: t.id, name: t.name })));
        setReady(true);
      },
      (e: Error) => {
        if (!ctl.signal.aborted) setError(e.message);
      },
    );
    return () => {
      ctl.abort();
      clearTimeout(timer.current);
    };
  }, []);

  const flush = () => {
    timer.current = undefined;
    const ids = [...pending.current];
    pending.current.clear();
    for (let i = 0; i < ids.length; i += IDS_PER_FETCH) {
      const asked = ids.slice(i, i + IDS_PER_FETCH);
      apiGet<{ rows: CaseRow[] }>(`/v1/cases/rows${query({ open: true, ids: asked.join(',') })}`, alive.current.signal).then(
        (body) => setRows((old) => mergeRows(old, asked, body.rows)),
        () => {
          // A failed refetch: the next (re)open of the stream reads every row again.
        },
      );
    }
  };

  const { connected, opens } = useServiceEvents((e) => {
    const caseId = e.data.caseId;
    if (typeof caseId !== 'string') return;
    pending.current.add(caseId);
    timer.current ??= setTimeout(flush, GATHER_MS);
  });

  useEffect(() => {
    if (opens === 0) return;
    const ctl = alive.current;
    void first.current
      .then(() => loadRows(ctl.signal))
      .then(
        (fresh) => setRows((old) => reconcileRows(old, fresh)),
        () => {
          // The first load reports errors; a background reread that fails changes nothing.
        },
      );
  }, [opens]);

  return { rows, mediators, townships, ready, error, live: connected };
}
