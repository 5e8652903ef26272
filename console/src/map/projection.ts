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
  /** The drawing's size: at most the box, shrunk on the axis the places' shape leaves unused. */
  readonly width: number;
  readonly height: number;
}

const RAD = Math.PI / 180;

/**
 * Fits `places` into at most `width`×`height` with `margin` on every side, keeping distances true
 * in both directions (no stretching); the size returned is the drawing's own, so a tall county
 * gets a narrower picture instead of empty bands. With one place (or all at one spot), the box
 * is kept and the place sits in its middle.
 */
export function fitProjection(places: readonly LatLng[], width: number, height: number, margin = 0): Projection {
  const middle = { project: () => ({ x: width / 2, y: height / 2 }), width, height };
  if (places.length === 0) return middle;
  const meanLat = places.reduce((s, p) => s + p.lat, 0) / places.length;
  const kx = Math.cos(meanLat * RAD);
  const xs = places.map((p) => p.lng * kx);
  const ys = places.map((p) => p.lat);
  const minX = Math.min(...xs);
  const maxY = Math.max(...ys);
  const spanX = Math.max(...xs) - minX;
  const spanY = maxY - Math.min(...ys);
  if (spanX === 0 && spanY === 0) return middle;
  const innerW = Math.max(0, width - 2 * margin);
  const innerH = Math.max(0, height - 2 * margin);
  const scale = Math.min(spanX === 0 ? Infinity : innerW / spanX, spanY === 0 ? Infinity : innerH / spanY);
  // A line of places (one span 0) keeps the box's other side and sits in its middle.
  const drawnW = spanX === 0 ? innerW : spanX * scale;
  const drawnH = spanY === 0 ? innerH : spanY * scale;
  const offsetX = margin + (drawnW - spanX * scale) / 2;
  const offsetY = margin + (drawnH - spanY * scale) / 2;
  return {
    project: (p) => ({ x: offsetX + (p.lng * kx - minX) * scale, y: offsetY + (maxY - p.lat) * scale }),
    width: drawnW + 2 * margin,
    height: drawnH + 2 * margin,
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
