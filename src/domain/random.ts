import { itemAt } from './indexed-access';

/**
 * The one seeded random source (Math.random cannot be seeded): the solvers, the simulator and the
 * benchmarks all draw from here, so a seed reproduces a run on any machine and Node version.
 *
 * Two generators live here because the seeded sequences must stay as they are — tests, the
 * simulator's calibrated figures and the benchmark instances were measured on them: mulberry32
 * (the solvers' heuristics and the benchmark instances) and sfc32 seeded through cyrb128 (the
 * simulator, whose seeds are labels). Everything above the raw draw is shared.
 */

/** Which 32-bit generator a `Rng` draws from. */
export type RngAlgorithm = 'sfc32' | 'mulberry32';

/** Seeded uniform [0, 1) generator (mulberry32): a bare closure for the solvers' hot loops. */
export function seededRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform [0, 1) from sfc32, its state seeded by hashing the seed's text (so labels make streams). */
function sfc32(seed: string): () => number {
  let [a, b, c, d] = hashSeed(seed);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * A seeded generator with the draws the simulator and the benchmarks need. Independent streams
 * come from `fork(label)`, so adding draws to one part of a run never shifts another.
 */
export class Rng {
  private readonly draw: () => number;

  /** @param algorithm the generator; @defaultValue 'sfc32' (mulberry32 takes the seed as a 32-bit integer, a text seed hashed) */
  constructor(
    readonly seed: number | string,
    readonly algorithm: RngAlgorithm = 'sfc32',
  ) {
    this.draw = algorithm === 'sfc32' ? sfc32(String(seed)) : seededRng(typeof seed === 'number' ? seed : hashSeed(seed)[0]);
  }

  /** A new generator whose stream depends only on this seed, the algorithm and the label. */
  fork(label: string): Rng {
    return new Rng(`${String(this.seed)}/${label}`, this.algorithm);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson(mean) by inversion (means here are small, tens at most). */
  poisson(mean: number): number {
    if (mean > 200) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length), 'items to pick from');
  }

  /** One key drawn with probability proportional to its weight. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((a, [, w]) => a + w, 0);
    let x = this.next() * total;
    for (const [k, w] of weights) {
      x -= w;
      if (x < 0) return k;
    }
    return itemAt(weights, weights.length - 1, 'weights')[0];
  }

  /** An index drawn with probability proportional to `weights[i]`. */
  weightedIndex(weights: readonly number[]): number {
    return this.weighted(weights.map((w, i) => [i, w] as const));
  }

  /** k distinct items (k ≤ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [itemAt(copy, j, 'sample'), itemAt(copy, i, 'sample')];
    }
    return copy.slice(0, k);
  }
}

function hashSeed(s: string): [number, number, number, number] {
  // cyrb128
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044813);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044813);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
