/**
 * How figures read in sentences: costs and proficiencies with 2 decimals at most, distances to
 * 0.1 km, probabilities as whole percent. Machine-readable fields keep their full precision;
 * only the words are rounded (so "0.9199999999999999" never reaches a person).
 */

/** At most 2 decimals, trailing zeros dropped: 0.92, 1.5, 3. */
export function figure(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A distance in km to 0.1: 3.2, 25.0. */
export function km(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** A probability 0..1 as whole percent: 83%. */
export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}
