import type { IndexedProblem } from '../../src/engine/indexed';
import { Rng } from '../../src/domain/random';

/**
 * Seeded linear assignment problems shaped like OR-Library's larger ones, which bench-data does
 * not ship: dense n×n with integer costs 1..100 (as assign100–800), and sparse n×n where each job
 * allows `perJob` random agents (as the 5,000 × 5,000, ~100k-pair instances) — plus one pair of a
 * hidden random perfect matching per job, so a perfect assignment always exists.
 */
export interface LapOptions {
  readonly n: number;
  /** Allowed agents per job; null = all (dense). */
  readonly perJob: number | null;
  readonly seed: number;
}

export function generateLap({ n, perJob, seed }: LapOptions): IndexedProblem {
  const rng = new Rng(seed, 'mulberry32');
  const tasks: number[] = [];
  const agents: number[] = [];
  const costs: number[] = [];
  const matching = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [matching[i], matching[j]] = [matching[j]!, matching[i]!];
  }
  const chosen = new Uint8Array(n);
  for (let job = 0; job < n; job++) {
    let picked: number[];
    if (perJob === null) picked = Array.from({ length: n }, (_, a) => a);
    else {
      picked = [matching[job]!];
      chosen[matching[job]!] = 1;
      while (picked.length < Math.min(perJob, n)) {
        const a = rng.int(0, n - 1);
        if (!chosen[a]) {
          chosen[a] = 1;
          picked.push(a);
        }
      }
      for (const a of picked) chosen[a] = 0;
    }
    for (const a of picked) {
      tasks.push(job);
      agents.push(a);
      costs.push(rng.int(1, 100));
    }
  }
  return {
    taskIds: Array.from({ length: n }, (_, j) => `job${j}`),
    seats: new Int32Array(n).fill(1),
    agentIds: Array.from({ length: n }, (_, a) => `agent${a}`),
    capacity: new Float64Array(n).fill(1),
    loadCosts: new Array<null>(n).fill(null),
    arcTask: Int32Array.from(tasks),
    arcAgent: Int32Array.from(agents),
    arcCost: Float64Array.from(costs),
    arcLoad: new Float64Array(tasks.length).fill(1),
    sense: 'min',
    unassignedCost: null,
  };
}
