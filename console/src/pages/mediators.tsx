import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { fetchGeography, fetchRoster, placeNames, type Geography } from '../mediators/directory';
import { RosterFilters, type FilterState } from '../mediators/roster-filters';
import { RosterRow } from '../mediators/roster-row';
import { filterRoster, groupRoster, type LabelText, type MediatorView } from '../mediators/roster';
import '../mediators/mediators.css';

/** A row's and a group's heading and table head's usual heights, for the size of a group not yet laid out. */
const ROW_PX = 54;
const HEAD_PX = 90;

interface Loaded {
  readonly roster: readonly MediatorView[];
  readonly geography: Geography;
}

/** 调解员: the roster by tier, organisation or township, load against capacity, leave and capacity edited in place. */
export function Mediators() {
  const { t, label } = useLocale();
  const labels = useLabels();
  const [data, setData] = useState<Loaded | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState<FilterState>({ groupBy: 'tier' });
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const now = Date.now();

  useEffect(() => {
    const ctl = new AbortController();
    Promise.all([fetchRoster(ctl.signal), fetchGeography(ctl.signal)]).then(
      ([roster, geography]) => setData({ roster, geography }),
      (e: Error) => !ctl.signal.aborted && setFailed(e.message),
    );
    return () => ctl.abort();
  }, []);

  const places = useMemo(() => (data ? placeNames(data.geography) : new Map<string, LabelText>()), [data]);
  const organizations = useMemo(() => {
    const names = new Map<string, LabelText>();
    for (const m of data?.roster ?? []) names.set(m.organization, m.organizationName);
    return names;
  }, [data]);
  const groups = useMemo(() => {
    if (!data) return [];
    const shown = filterRoster(data.roster, filter);
    const order =
      filter.groupBy === 'tier'
        ? Object.keys(labels.tiers)
        : filter.groupBy === 'township'
          ? data.geography.townships.map((x) => x.id)
          : [];
    const nameOf = (k: string) => label(filter.groupBy === 'organization' ? organizations.get(k) : places.get(k), k);
    return groupRoster(shown, filter.groupBy, order, nameOf);
  }, [data, filter, labels, label, organizations, places]);

  const saved = (m: MediatorView) => setData((d) => d && { ...d, roster: d.roster.map((x) => (x.id === m.id ? m : x)) });
  const groupName = (key: string) =>
    filter.groupBy === 'tier'
      ? label(labels.tiers[key], key)
      : label(filter.groupBy === 'organization' ? organizations.get(key) : places.get(key), key);
  const shownCount = groups.reduce((s, g) => s + g.mediators.length, 0);

  return (
    <section data-page="mediators" data-ready={data ? 'true' : undefined} class="mediators-page">
      <h1>{t('mediatorsTitle')}</h1>
      {failed && (
        <p role="alert" class="error">
          {t('errorGeneric', { message: failed })}
        </p>
      )}
      {!data && !failed && <p class="muted">{t('loading')}</p>}
      {data && (
        <>
          <RosterFilters filter={filter} onChange={setFilter} organizations={organizations} geography={data.geography} />
          <p class="muted" aria-live="polite">
            {t('rosterShownOf', { shown: shownCount, total: data.roster.length })}
          </p>
          {groups.map((g) => (
            <section
              key={g.key}
              class="roster-group"
              aria-labelledby={`group-${g.key}`}
              style={{ containIntrinsicSize: `auto ${ROW_PX * g.mediators.length + HEAD_PX}px` }}
            >
              <h2 id={`group-${g.key}`}>
                {groupName(g.key)}{' '}
                <span class="muted group-summary">
                  {t('groupSummary', { count: g.mediators.length, load: g.load, capacity: g.capacity })}
                </span>
              </h2>
              <table class="roster">
                <thead>
                  <tr>
                    <th scope="col">{t('colName')}</th>
                    <th scope="col">{t('colTier')}</th>
                    <th scope="col">{t('colOrganization')}</th>
                    <th scope="col">{t('colPlace')}</th>
                    <th scope="col">{t('colStatusLeave')}</th>
                    <th scope="col">{t('colLoad')}</th>
                    <th scope="col">
                      <span class="sr-only">{t('colActions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {g.mediators.map((m) => (
                    <RosterRow key={m.id} m={m} places={places} now={now} editing={editing === m.id} onEdit={setEditing} onSaved={saved} />
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
