/**
 * Arc costs as integers where they allow it. County and province costs are kilometres and
 * weights with a decimal or two: times a power of ten they are exact integers, and held as Int32
 * a task scan reads half the bytes (routing is bound by memory traffic), while every sum of
 * reduced costs stays an exact integer in a double.
 */

/** Powers of ten tried, smallest first: costs with up to six decimals are held as integers. */
const SCALES = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] as const;
export const NO_SCALE = SCALES.length;
const INT32_MAX = 2 ** 31 - 1;
/**
 * Bound on scaled load-unit and unfilled-seat costs: they stay doubles, but sums along a path
 * (≤ 2^17 nodes of Int32 arc costs ≈ 2^48) must remain exact below 2^53.
 */
const EXTRA_MAX = 2 ** 48;

/** Index into SCALES of the first scale (from `from` on) at which `c` is an exact integer ≤ `max`; NO_SCALE if none. */
function scaleIndexFor(c: number, from: number, max: number): number {
  for (let k = from; k < SCALES.length; k++) {
    const s = scaleAt(k);
    const v = Math.round(c * s);
    if (!(Math.abs(v) <= max)) return NO_SCALE; // larger scales overflow too (and NaN fails)
    // A short decimal's double is the one nearest N / 10^k for the integer N (both exact), so
    // once this holds it holds at every larger scale.
    if (v / s === c) return k;
  }
  return NO_SCALE;
}

/** The smallest scale index (≥ `from`) at which every load-unit or unfilled-seat cost is exact; NO_SCALE if none. */
export function extraCostsScaleIndex(values: Iterable<number>, from = 0): number {
  let k = from;
  for (const c of values) {
    if (k >= NO_SCALE) break;
    k = scaleIndexFor(c, k, EXTRA_MAX);
  }
  return k;
}

export function scaleAt(k: number): number {
  const s = SCALES[k];
  if (s === undefined) throw new RangeError(`no cost scale at index ${k} (NO_SCALE is ${NO_SCALE})`);
  return s;
}

/** Arc costs in position order, in the minimisation sense, with the scale they are held at. */
export interface PositionCosts {
  /** Int32 holding cost × scale, or the costs as they are (Float64, scale 1) when no scale holds them exactly. */
  readonly cost: Float64Array | Int32Array;
  readonly scaleIndex: number;
}

/**
 * Writes `sign × values[order[j]]` at each position j (order null: identity) as an Int32 in units
 * of 1/scale on `out`'s memory, at the smallest scale (index ≥ `from`) that holds every value
 * exactly; or as Float64 on `out` when none does. One pass in the common case: a value needing
 * more decimals restarts it at the larger scale.
 */
export function positionCosts(
  values: Float64Array,
  order: Int32Array | null,
  sign: 1 | -1,
  from: number,
  out: Float64Array,
): PositionCosts {
  const ints = new Int32Array(out.buffer, out.byteOffset, out.length);
  let k = from;
  restart: while (k < NO_SCALE) {
    const s = scaleAt(k);
    for (let j = 0; j < ints.length; j++) {
      const c = values[order === null ? j : (order[j] as number)] as number;
      const v = Math.round(c * s);
      if (v / s !== c || !(Math.abs(v) <= INT32_MAX)) {
        k = scaleIndexFor(c, k + 1, INT32_MAX);
        continue restart;
      }
      ints[j] = sign * v;
    }
    return { cost: ints, scaleIndex: k };
  }
  for (let j = 0; j < out.length; j++) out[j] = sign * (values[order === null ? j : (order[j] as number)] as number);
  return { cost: out, scaleIndex: NO_SCALE };
}
