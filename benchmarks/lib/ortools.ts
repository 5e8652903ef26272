import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IndexedProblem } from '../../src/engine/indexed';

/**
 * OR-Tools' C++ SimpleMinCostFlow as an optional baseline, run through python3 from a local venv
 * (`npm run bench:ortools-setup` makes `.venv-ortools/`; never part of `npm ci` or the tests).
 * Both sides read the same instance: the generator's problem written to a file in a plain format
 * (see `benchmarks/ortools/mcf.py`), integer costs in units of 1/scale.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The venv's python, or null when the venv is absent (the bench then prints the baseline as skipped). */
export function ortoolsPython(): string | null {
  const venv = process.env.TIAOJIE_ORTOOLS_VENV ?? path.join(ROOT, '.venv-ortools');
  const python = path.join(path.resolve(ROOT, venv), 'bin', 'python');
  return existsSync(python) ? python : null;
}

const SCRIPT = path.join(ROOT, 'benchmarks', 'ortools', 'mcf.py');

/** The smallest power of ten (up to 10^6) at which every cost is an exact integer within Int32; null if none. */
function integerScale(values: readonly number[] | Float64Array): number | null {
  for (let scale = 1; scale <= 1e6; scale *= 10) {
    let ok = true;
    for (const v of values) {
      const r = Math.round(v * scale);
      if (r / scale !== v || Math.abs(r) > 2 ** 31 - 1) {
        ok = false;
        break;
      }
    }
    if (ok) return scale;
  }
  return null;
}

/** Why the baseline cannot take this problem, or null when it can. */
export function ortoolsUnfit(p: IndexedProblem): string | null {
  if (p.sense !== 'min') return 'sense max (the file format is for minimisation)';
  if (p.loadCosts.some((lc) => lc !== null)) return 'load costs (not in the file format)';
  if (p.arcLoad.some((l) => l !== 1)) return 'weighted loads (not a flow problem)';
  return null;
}

/**
 * Writes the problem for `mcf.py`: a JSON header line, then int32 arrays seats, capacity, arcTask,
 * arcAgent, arcCost (× scale). Returns the scale, so an integer optimum compares with ours.
 */
export function writeInstanceFile(p: IndexedProblem, file: string): number {
  const unfit = ortoolsUnfit(p);
  if (unfit) throw new RangeError(`OR-Tools instance file: ${unfit}`);
  const scale = integerScale([...(p.unassignedCost === null ? [] : [p.unassignedCost])].concat(Array.from(p.arcCost)));
  if (scale === null) throw new RangeError('OR-Tools instance file: costs are not short decimals');
  const T = p.seats.length;
  const A = p.capacity.length;
  const M = p.arcTask.length;
  const header = JSON.stringify({
    tasks: T,
    agents: A,
    arcs: M,
    unfilledCost: p.unassignedCost === null ? null : Math.round(p.unassignedCost * scale),
  });
  const body = new Int32Array(T + A + 3 * M);
  body.set(p.seats, 0);
  // Capacity beyond what the arcs could bring is never used; it stays an Int32 this way.
  for (let a = 0; a < A; a++) body[T + a] = Math.min(2 ** 31 - 1, Math.floor(p.capacity[a]! + 1e-9));
  body.set(p.arcTask, T + A);
  body.set(p.arcAgent, T + A + M);
  for (let e = 0; e < M; e++) body[T + A + 2 * M + e] = Math.round(p.arcCost[e]! * scale);
  const bytes = new Uint8Array(body.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('OR-Tools instance file: needs a little-endian machine');
  writeFileSync(file, Buffer.concat([Buffer.from(header + '\n', 'ascii'), bytes]));
  return scale;
}

export interface OrtoolsRun {
  readonly status: string;
  /** Graph and supplies into SimpleMinCostFlow, ms. */
  readonly buildMs: number;
  /** `SimpleMinCostFlow.solve()` alone, ms. */
  readonly solveMs: number;
  /** CPU time of that solve (python's process_time), ms: less sensitive to a busy machine than wall time. */
  readonly solveCpuMs: number;
  /** Optimal cost in the file's integer units; null when not optimal. */
  readonly cost: number | null;
}

/** Runs `mcf.py` on an instance file: `runs` fresh build + solve pairs in one python process. */
export function runOrtools(python: string, file: string, runs: number, timeoutMs: number): Promise<OrtoolsRun[]> {
  return new Promise((resolve, reject) => {
    execFile(python, [SCRIPT, file, String(runs)], { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`OR-Tools (python ${SCRIPT}) failed: ${err.message} ${stderr.slice(-500)}`));
        return;
      }
      try {
        resolve((JSON.parse(stdout) as { runs: OrtoolsRun[] }).runs);
      } catch {
        reject(new Error(`OR-Tools printed no result: ${stdout.slice(0, 300)}`));
      }
    });
  });
}
