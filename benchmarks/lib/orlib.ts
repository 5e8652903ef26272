import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IndexedProblem } from '../../src/engine/indexed';
import type { GapInstance } from './gap-instances';

/**
 * Readers for the OR-Library instances in shared/bench-data (never copied into the repo):
 * the data directory comes from an argument, else TIAOJIE_BENCH_DATA, else ../shared/bench-data
 * beside the repository when it exists.
 */
export function findBenchData(arg?: string): string | null {
  if (arg) return resolve(arg);
  const env = process.env['TIAOJIE_BENCH_DATA'];
  if (env) return resolve(env);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
  const candidate = resolve(dir, '..', 'shared', 'bench-data');
  return existsSync(candidate) ? candidate : null;
}

function integers(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((s) => {
      const v = Number(s);
      if (!Number.isInteger(v)) throw new Error(`not an integer: "${s}"`);
      return v;
    });
}

/** A gapN.txt file: P, then per problem m n, m×n costs, m×n loads, m capacities. */
export function parseGapFile(text: string, fileName: string): GapInstance[] {
  const v = integers(text);
  let k = 0;
  const take = (count: number): number[] => {
    if (k + count > v.length) throw new Error(`${fileName}: truncated after ${v.length} integers`);
    const out = v.slice(k, k + count);
    k += count;
    return out;
  };
  const [count] = take(1);
  const out: GapInstance[] = [];
  for (let q = 0; q < count!; q++) {
    const [m, n] = take(2) as [number, number];
    out.push({
      name: `${fileName}-${q + 1}`,
      m,
      n,
      cost: Float64Array.from(take(m * n)),
      load: Float64Array.from(take(m * n)),
      capacity: Float64Array.from(take(m)),
    });
  }
  return out;
}

/** An assignN.txt file: n, then n×n costs, row = agent, column = job; one-to-one, minimise. */
export function parseAssignFile(text: string, name: string): IndexedProblem {
  const v = integers(text);
  const n = v[0]!;
  if (v.length < 1 + n * n) throw new Error(`${name}: expected ${n * n} costs, found ${v.length - 1}`);
  const arcs = n * n;
  const arcTask = new Int32Array(arcs);
  const arcAgent = new Int32Array(arcs);
  const arcCost = new Float64Array(arcs);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = i * n + j;
      arcAgent[a] = i;
      arcTask[a] = j;
      arcCost[a] = v[1 + a]!;
    }
  }
  return {
    taskIds: Array.from({ length: n }, (_, j) => `j${j + 1}`),
    seats: new Int32Array(n).fill(1),
    agentIds: Array.from({ length: n }, (_, i) => `i${i + 1}`),
    capacity: new Float64Array(n).fill(1),
    loadCosts: new Array<null>(n).fill(null),
    arcTask,
    arcAgent,
    arcCost,
    arcLoad: new Float64Array(arcs).fill(1),
    sense: 'min',
    unassignedCost: null,
  };
}

export interface PublishedOptima {
  /** Per gap file: optimal values of problems 1..5 for each sense. */
  readonly gap: ReadonlyMap<string, { readonly max: readonly number[]; readonly min: readonly number[] }>;
  /** Per assign file name (e.g. assign100). */
  readonly assign: ReadonlyMap<string, number>;
}

/** Reads the optima from bench-data/README.md: the gap markdown table and the assign "Optima:" line. */
export function parsePublishedOptima(readme: string): PublishedOptima {
  const gap = new Map<string, { max: number[]; min: number[] }>();
  let maxCol = -1;
  let minCol = -1;
  for (const line of readme.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const maxAt = cells.findIndex((c) => /^maxim/i.test(c));
    const minAt = cells.findIndex((c) => /^minim/i.test(c));
    if (maxAt >= 0 && minAt >= 0) {
      maxCol = maxAt;
      minCol = minAt;
      continue;
    }
    if (maxCol < 0 || !/^gap\d+$/.test(cells[0] ?? '')) continue;
    gap.set(cells[0]!, { max: integers(cells[maxCol]!), min: integers(cells[minCol]!) });
  }
  const assign = new Map<string, number>();
  const at = readme.indexOf('Optima:');
  if (at >= 0) {
    const paragraph = readme.slice(at).split(/\n\s*\n/)[0]!;
    for (const m of paragraph.matchAll(/(assign\d+)\s+(\d+)/g)) assign.set(m[1]!, Number(m[2]));
  }
  return { gap, assign };
}

export function readGapFile(dataDir: string, file: string): GapInstance[] {
  return parseGapFile(readFileSync(join(dataDir, 'orlib-gap', `${file}.txt`), 'utf8'), file);
}

export function readAssignFile(dataDir: string, file: string): IndexedProblem {
  return parseAssignFile(readFileSync(join(dataDir, 'orlib-lap', `${file}.txt`), 'utf8'), file);
}

export function readPublishedOptima(dataDir: string): PublishedOptima {
  return parsePublishedOptima(readFileSync(join(dataDir, 'README.md'), 'utf8'));
}
