/** GET /v1/geography/map, as the county map page reads it. */
import type { Label } from '../labels';
import type { LatLng } from './projection';

export interface PlaceMediators {
  readonly count: number;
  readonly onLeave: number;
  readonly load: number;
  readonly capacity: number;
}

interface Place {
  readonly id: string;
  readonly name: Label;
  readonly population: number;
  readonly openCases: number;
  readonly mediators: PlaceMediators;
}

export interface MapVillage extends Place {
  readonly location: LatLng;
}

export interface MapTownship extends Place {
  readonly seat: LatLng;
  readonly villages: readonly MapVillage[];
}

export interface CountyMapView {
  readonly county: { readonly id: string; readonly name: Label; readonly population: number };
  readonly centre: { readonly township: string; readonly location: LatLng };
  readonly townships: readonly MapTownship[];
  readonly openCases: number;
  readonly unplacedCases: number;
}

/** Every coordinate the map draws, for fitting the projection. */
export function placesOf(view: CountyMapView): LatLng[] {
  return [view.centre.location, ...view.townships.flatMap((t) => [t.seat, ...t.villages.map((v) => v.location)])];
}
