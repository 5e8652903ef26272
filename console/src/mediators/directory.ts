/**
 * The roster and the county's place names, fetched whole: the mediators page and the schedule's
 * pickers need all 555 mediators at once (filters and groups run in the page).
 */
import { apiGet } from '../api';
import type { LabelText, MediatorView } from './roster';

interface MediatorPage {
  readonly mediators: readonly MediatorView[];
  readonly nextOffset: number | null;
}

/** The largest page GET /v1/mediators gives (src/adapters/http/paging.ts PAGE_MAX). */
const PAGE = 1000;

/** Every mediator of the county with the current load, following `nextOffset` to the end. */
export async function fetchRoster(signal?: AbortSignal): Promise<MediatorView[]> {
  const all: MediatorView[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: MediatorPage = await apiGet<MediatorPage>(`/v1/mediators?limit=${PAGE}&offset=${offset}`, signal);
    all.push(...page.mediators);
    offset = page.nextOffset;
  }
  return all;
}

export interface Place {
  readonly id: string;
  readonly name: LabelText;
}

/** GET /v1/geography. */
export interface Geography {
  readonly county: Place;
  readonly townships: readonly (Place & { readonly villages: readonly Place[] })[];
}

export const fetchGeography = (signal?: AbortSignal): Promise<Geography> => apiGet<Geography>('/v1/geography', signal);

/** Township and village names by id. */
export function placeNames(g: Geography): ReadonlyMap<string, LabelText> {
  const names = new Map<string, LabelText>();
  for (const t of g.townships) {
    names.set(t.id, t.name);
    for (const v of t.villages) names.set(v.id, v.name);
  }
  return names;
}
