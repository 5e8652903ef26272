import { fork } from 'node:child_process';
import { toSolution, type IndexedProblem, type IndexedSolution } from '../../src/engine/indexed';
import { sameObjective, verifySolution } from '../../src/engine/verify';
import { buildInstance, checkIndexed, runSolver, type InstanceSpec, type SolverName } from './baselines';
import { toV1Problem } from './county-instance';

/**
 * Measures one (solver, instance) pair in a child process of its own, so that peak RSS is the
 * solver's (plus its instance) and a baseline that runs away in time or memory is killed and
 * reported as failed instead of hanging or crashing the whole benchmark.
 */
export interface MeasureTask {
  readonly solver: SolverName;
  readonly instance: InstanceSpec;
  /** Timed runs; the median is reported. */
  readonly repeats: number;
  /** How the first answer is verified: the v1 checker (verifySolution) or the typed-array check. */
  readonly check: 'v1' | 'typed';
  readonly highsTimeLimitSec: number;
}

export interface MeasureLimits {
  /** Wall-clock allowance per timed run (and for building the instance), in ms. */
  readonly timeoutMs: number;
  /** V8 heap cap of the child (`--max-old-space-size`), in MB. */
  readonly maxOldSpaceMB: number;
}

export interface CheckResult {
  readonly feasible: boolean;
  readonly errors: readonly string[];
  /** Objective recomputed by the checker. */
  readonly objective: number;
  /** Recomputed objective equals the solver's own to 1e-9 relative. */
  readonly objectiveMatches: boolean;
}

export type Measurement =
  | {
      readonly ok: true;
      readonly timesMs: readonly number[];
      readonly medianMs: number;
      readonly maxRssMB: number;
      readonly buildMs: number;
      readonly status: string;
      readonly objective: number | null;
      readonly message?: string;
      /** Null when the answer has nothing to check (the solver gave no assignment). */
      readonly check: CheckResult | null;
    }
  | {
      readonly ok: false;
      readonly failure: 'timeout' | 'oom' | 'crash' | 'error';
      readonly detail: string;
      readonly timesMs: readonly number[];
    };

type ChildMessage =
  | { readonly type: 'ready'; readonly buildMs: number }
  | { readonly type: 'run'; readonly ms: number; readonly status: string; readonly objective: number | null; readonly message?: string }
  | { readonly type: 'done'; readonly maxRssMB: number; readonly check: CheckResult | null }
  | { readonly type: 'error'; readonly message: string };

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs the task in a forked child (this very file) under the limits. */
export function measureInChild(task: MeasureTask, limits: MeasureLimits): Promise<Measurement> {
  return new Promise((resolve) => {
    const child = fork(__filename, [JSON.stringify(task)], {
      execArgv: [`--max-old-space-size=${limits.maxOldSpaceMB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const times: number[] = [];
    let firstRun: Extract<ChildMessage, { type: 'run' }> | null = null;
    let buildMs = 0;
    let settled: Measurement | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        settled ??= { ok: false, failure: 'timeout', detail: `no answer within ${limits.timeoutMs / 1000} s`, timesMs: times };
        child.kill('SIGKILL');
      }, limits.timeoutMs);
    };
    arm();
    child.on('message', (msg: ChildMessage) => {
      if (msg.type === 'ready') buildMs = msg.buildMs;
      if (msg.type === 'run') {
        times.push(msg.ms);
        firstRun ??= msg;
      }
      if (msg.type === 'error') {
        // javascript-lp-solver allocates its dense tableau up front: a RangeError there is memory.
        const oom = /Invalid typed array length|Array buffer allocation failed|out of memory/i.test(msg.message);
        settled ??= { ok: false, failure: oom ? 'oom' : 'error', detail: msg.message, timesMs: times };
      }
      if (msg.type === 'done' && firstRun) {
        const first: Extract<ChildMessage, { type: 'run' }> = firstRun;
        settled ??= {
          ok: true,
          timesMs: times,
          medianMs: median(times),
          maxRssMB: msg.maxRssMB,
          buildMs,
          status: first.status,
          objective: first.objective,
          check: msg.check,
          ...(first.message !== undefined ? { message: first.message } : {}),
        };
      }
      arm();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!settled) {
        const oom = /heap out of memory|Reached heap limit|Cannot allocate|Array buffer allocation failed/i.test(stderr);
        const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
        settled = oom
          ? { ok: false, failure: 'oom', detail: `out of memory (heap cap ${limits.maxOldSpaceMB} MB)`, timesMs: times }
          : { ok: false, failure: 'crash', detail: `exit ${code ?? signal}: ${last}`, timesMs: times };
      }
      resolve(settled);
    });
  });
}

function verify(task: MeasureTask, p: IndexedProblem, s: IndexedSolution): CheckResult | null {
  if (s.objective === null) return null;
  if (task.check === 'v1') {
    const verdict = verifySolution(toV1Problem(p), toSolution(p, s, 0));
    return {
      feasible: verdict.feasible,
      errors: verdict.errors.slice(0, 5),
      objective: verdict.objective,
      objectiveMatches: sameObjective(verdict.objective, s.objective),
    };
  }
  const verdict = checkIndexed(p, s);
  return { ...verdict, objectiveMatches: sameObjective(verdict.objective, s.objective) };
}

/** Child side: build, warm up on a tiny instance (JIT, WASM load), time the runs, then check. */
async function childMain(task: MeasureTask): Promise<void> {
  if (!(task.repeats >= 1)) throw new RangeError('repeats must be >= 1');
  const send = (m: ChildMessage): Promise<void> => new Promise((ok) => process.send!(m, () => ok()));
  const started = performance.now();
  const p = buildInstance(task.instance);
  const settings = { highsTimeLimitSec: task.highsTimeLimitSec };
  await runSolver(task.solver, buildInstance({ kind: 'county', n: 20, seed: 99, loadCosts: task.instance.loadCosts }), settings);
  await send({ type: 'ready', buildMs: performance.now() - started });
  let first: IndexedSolution | null = null;
  for (let r = 0; r < task.repeats; r++) {
    const t0 = performance.now();
    const s = await runSolver(task.solver, p, settings);
    const ms = performance.now() - t0;
    first ??= s;
    await send({ type: 'run', ms, status: s.status, objective: s.objective, ...(s.message !== undefined ? { message: s.message } : {}) });
  }
  // Peak RSS before the check, so the checker's own memory is not charged to the solver.
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  await send({ type: 'done', maxRssMB, check: first ? verify(task, p, first) : null });
}

if (require.main === module) {
  childMain(JSON.parse(process.argv[2]!) as MeasureTask).then(
    () => process.exit(0),
    (err: unknown) => {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      process.send!({ type: 'error', message } satisfies ChildMessage, () => process.exit(1));
    },
  );
}
