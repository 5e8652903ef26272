import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api';
import { formatNumber, formatPercent } from '../format';
import { useLocale } from '../locale';
import type { CountyMapView } from '../map/county-map-view';
import { MapSvg } from '../map/map-svg';
import '../map/map.css';

/** The map's key: what the shapes and colours mean, in words. */
function Legend() {
  const { t } = useLocale();
  const item = (swatch: string, text: string) => (
    <li>
      <svg width="18" height="18" aria-hidden="true" class="map-swatch">
        {swatch === 'centre' ? (
          <rect x="3" y="3" width="12" height="12" class="map-centre-swatch" />
        ) : (
          <circle cx="9" cy="9" r={swatch === 'map-village-swatch' ? 4 : 7} class={swatch} />
        )}
      </svg>
      {text}
    </li>
  );
  return (
    <div class="panel map-legend">
      <h2>{t('mapLegend')}</h2>
      <ul>
        {item('centre', t('mapCentre'))}
        {item('map-seat-swatch', t('mapTownship'))}
        {item('map-village-swatch', t('mapVillage'))}
        {item('load-light', t('mapLoadLight'))}
        {item('load-busy', t('mapLoadBusy'))}
        {item('load-full', t('mapLoadFull'))}
        {item('load-none', t('mapLoadNone'))}
      </ul>
    </div>
  );
}

/** The same figures as a table: what a screen reader reads, and what a colour-blind reader checks. */
function TownshipTable({ view }: { readonly view: CountyMapView }) {
  const { t, label, locale } = useLocale();
  return (
    <table class="map-table">
      <thead>
        <tr>
          <th scope="col">{t('mapTownshipColumn')}</th>
          <th scope="col">{t('mapOpenCases')}</th>
          <th scope="col">{t('mapMediators')}</th>
          <th scope="col">{t('mapOnLeave')}</th>
          <th scope="col">{t('mapLoad')}</th>
          <th scope="col">{t('mapPopulation')}</th>
        </tr>
      </thead>
      <tbody>
        {view.townships.map((tw) => (
          <tr key={tw.id}>
            <th scope="row">{label(tw.name)}</th>
            <td>{tw.openCases}</td>
            <td>{tw.mediators.count}</td>
            <td>{tw.mediators.onLeave}</td>
            <td>
              {tw.mediators.load}/{tw.mediators.capacity}
              {tw.mediators.capacity > 0 && ` (${formatPercent(tw.mediators.load / tw.mediators.capacity, locale, 0)})`}
            </td>
            <td>{formatNumber(tw.population, locale, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 县域地图: townships, villages and the centre with open cases and mediator loads, drawn offline as SVG. */
export function CountyMap() {
  const { t } = useLocale();
  const [view, setView] = useState<CountyMapView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [showVillageNames, setShowVillageNames] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<CountyMapView>('/v1/geography/map', ctl.signal).then(setView, (e: unknown) => {
      if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => ctl.abort();
  }, []);
  const villages = view?.townships.reduce((n, tw) => n + tw.villages.length, 0) ?? 0;
  return (
    <section data-page="map" data-ready={view ? 'true' : undefined}>
      <h1>{t('navMap')}</h1>
      {error !== undefined && (
        <p class="error" role="alert">
          {t('errorGeneric', { message: error })}
        </p>
      )}
      {!view && error === undefined && <p class="muted">{t('loading')}</p>}
      {view && (
        <>
          <p class="map-summary">
            {t('mapSummary', { open: view.openCases, townships: view.townships.length, villages })}
            {view.unplacedCases > 0 && <span class="muted"> {t('mapUnplaced', { n: view.unplacedCases })}</span>}
            <label class="map-toggle">
              <input type="checkbox" checked={showVillageNames} onChange={(e) => setShowVillageNames(e.currentTarget.checked)} />{' '}
              {t('mapShowVillages')}
            </label>
          </p>
          <div class="map-layout">
            <div class="panel map-canvas">
              <MapSvg view={view} showVillageNames={showVillageNames} />
            </div>
            <div class="map-side">
              <Legend />
              <TownshipTable view={view} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
