/**
 * Latitude/longitude to SVG coordinates for a county-sized map (~100 km): an equirectangular
 * projection around the places' mean latitude (a degree of longitude is cos(lat) of a degree of
 * latitude), fitted into the box with a margin, north up. At this scale the error against a true
 * map projection is far below a pixel's worth of village.
 */

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Projection {
  readonly project: (p: LatLng) => Point;
  /** The drawing's size: the box's, less what the aspect ratio leaves unused. */
  readonly width: number;
  readonly height: number;
}

const RAD = Math.PI / 180;

/**
 * Fits `places` into `width`×`height` less `margin` on every side, keeping distances true in
 * both directions (no stretching). With one place (or all at one spot), it sits in the middle.
 */
export function fitProjection(places: readonly LatLng[], width: number, height: number, margin = 0): Projection {
  if (places.length === 0) return { project: () => ({ x: width / 2, y: height / 2 }), width, height };
  const meanLat = places.reduce((s, p) => s + p.lat, 0) / places.length;
  const kx = Math.cos(meanLat * RAD);
  const xs = places.map((p) => p.lng * kx);
  const ys = places.map((p) => p.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const innerW = Math.max(0, width - 2 * margin);
  const innerH = Math.max(0, height - 2 * margin);
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX === 0 ? Infinity : innerW / spanX, spanY === 0 ? Infinity : innerH / spanY);
  // Centre the drawing in the box along the axis the aspect ratio leaves room on.
  const offsetX = margin + (innerW - spanX * scale) / 2;
  const offsetY = margin + (innerH - spanY * scale) / 2;
  return {
    project: (p) => ({ x: offsetX + (p.lng * kx - minX) * scale, y: offsetY + (maxY - p.lat) * scale }),
    width,
    height,
  };
}

/** A circle's radius whose area grows with `value`: 0 → `min`, `max` at `largest`. */
export function radiusFor(value: number, largest: number, min: number, max: number): number {
  if (value <= 0 || largest <= 0) return min;
  return min + (max - min) * Math.sqrt(Math.min(value, largest) / largest);
}

/** How full a place's mediators are, as a band for colour and words: no mediators, light, busy, full. */
export type LoadBand = 'none' | 'light' | 'busy' | 'full';

export function loadBand(load: number, capacity: number): LoadBand {
  if (capacity <= 0) return 'none';
  const share = load / capacity;
  if (share >= 0.9) return 'full';
  if (share >= 0.6) return 'busy';
  return 'light';
}
