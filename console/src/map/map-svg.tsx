import { useMemo } from 'preact/hooks';
import { formatPercent } from '../format';
import { useLocale } from '../locale';
import { placesOf, type CountyMapView, type PlaceMediators } from './county-map-view';
import { fitProjection, loadBand, radiusFor } from './projection';

const WIDTH = 900;
const HEIGHT = 640;
const MARGIN = 48;

const loadOf = (m: PlaceMediators) => loadBand(m.load, m.capacity);

/**
 * The county drawn from its configured coordinates: villages as small circles (area ∝ open cases),
 * township seats as larger ones, coloured by how full their mediators are (the legend and the
 * labels say it in words too), and the centre as a square. No tiles: it draws offline.
 */
export function MapSvg({ view, showVillageNames }: { readonly view: CountyMapView; readonly showVillageNames: boolean }) {
  const { t, label, locale } = useLocale();
  const projection = useMemo(() => fitProjection(placesOf(view), WIDTH, HEIGHT, MARGIN), [view]);
  const p = projection.project;
  const mostInTownship = Math.max(1, ...view.townships.map((tw) => tw.openCases));
  const mostInVillage = Math.max(1, ...view.townships.flatMap((tw) => tw.villages.map((v) => v.openCases)));
  const centre = p(view.centre.location);
  return (
    <svg
      data-testid="county-map"
      class="county-map"
      viewBox={`0 0 ${Math.round(projection.width)} ${Math.round(projection.height)}`}
      role="img"
      aria-label={t('mapTitle', { county: label(view.county.name) })}
    >
      <title>{t('mapTitle', { county: label(view.county.name) })}</title>
      {view.townships.map((tw) => {
        const seat = p(tw.seat);
        return (
          <g key={tw.id} data-township-id={tw.id} class={`map-township load-${loadOf(tw.mediators)}`}>
            {tw.villages.map((v) => {
              const at = p(v.location);
              return (
                <g key={v.id} data-village-id={v.id} class={`map-village load-${loadOf(v.mediators)}`}>
                  <line class="map-link" x1={seat.x} y1={seat.y} x2={at.x} y2={at.y} />
                  <circle cx={at.x} cy={at.y} r={radiusFor(v.openCases, mostInVillage, 2.5, 9)}>
                    <title>{`${label(v.name)} · ${t('mapOpenCases')} ${v.openCases} · ${t('mapMediators')} ${v.mediators.count}`}</title>
                  </circle>
                  {(showVillageNames || v.openCases > 0) && (
                    <text x={at.x + 6} y={at.y + 3} class="map-village-label">
                      {showVillageNames ? `${label(v.name)} ${v.openCases || ''}`.trim() : String(v.openCases)}
                    </text>
                  )}
                </g>
              );
            })}
            <circle class="map-seat" cx={seat.x} cy={seat.y} r={radiusFor(tw.openCases, mostInTownship, 8, 26)} />
            <text x={seat.x} y={seat.y - radiusFor(tw.openCases, mostInTownship, 8, 26) - 16} class="map-township-label">
              {label(tw.name)}
            </text>
            <text x={seat.x} y={seat.y - radiusFor(tw.openCases, mostInTownship, 8, 26) - 4} class="map-township-figures">
              {`${t('mapCasesShort', { n: tw.openCases })} · ${
                tw.mediators.capacity > 0
                  ? t('mapLoadShort', { share: formatPercent(tw.mediators.load / tw.mediators.capacity, locale, 0) })
                  : t('mapLoadNone')
              }`}
            </text>
          </g>
        );
      })}
      <g data-testid="centre" class="map-centre">
        <rect x={centre.x - 7} y={centre.y - 7} width={14} height={14} />
        {/* Below the seat's largest circle, so it never covers the township's name above it. */}
        <text x={centre.x} y={centre.y + 44}>
          {t('mapCentre')}
        </text>
      </g>
    </svg>
  );
}
