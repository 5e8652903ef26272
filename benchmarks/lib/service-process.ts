/** What the service benchmarks share about the service itself: its processes, its referrals, its queue. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobType, Queue } from 'bullmq';
import type { Referral } from '../../src/domain';
import type { SimCounty } from '../../src/simulator/county';
import { referralsForDay } from '../../src/simulator/referrals';
import { Rng } from '../../src/domain/random';
import { DAY_MS } from '../../src/domain/time';

/**
 * An endless supply of realistic referrals of `sim` with unique externalIds (`tag-n`), referred now
 * (the simulated dates are years old, and intake refuses referrals older than REFERRAL_MAX_AGE_DAYS).
 */
export function referralSource(sim: SimCounty, tag: string): () => Referral {
  const rng = new Rng(tag);
  let pool: Referral[] = [];
  let day = 0;
  let n = 0;
  return () => {
    while (pool.length === 0) {
      pool = referralsForDay(
        new Date(sim.start.getTime() + (day++ % 300) * DAY_MS),
        { config: sim.config, params: sim.params, mediators: sim.mediators },
        rng,
      );
    }
    return { ...pool.pop()!, externalId: `${tag}-${n++}`, referredAt: new Date().toISOString() };
  };
}

/** Starts one of the service's entry points (`api-server`, `dispatch-worker`) from dist/workers as its own process. */
export function startServiceProcess(
  entry: 'api-server' | 'dispatch-worker',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', '..', 'workers', `${entry}.js`), ...args], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Stops a process with SIGTERM and resolves with its exit code (SIGKILL after `graceMs`). */
export async function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** CPU time (user + system) a process has used so far, ms, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** One state's count from BullMQ's `getJobCounts` (a plain record): throws if that state was not asked for. */
export function jobCount(counts: Readonly<Record<string, number>>, state: string): number {
  const n = counts[state];
  if (n === undefined) throw new Error(`getJobCounts gave no count for '${state}'`);
  return n;
}

/** Jobs of the queue not yet finished (waiting, active, delayed, prioritized). */
export async function unfinishedJobs(queue: Queue): Promise<number> {
  const states: JobType[] = ['waiting', 'active', 'delayed', 'prioritized'];
  const c = await queue.getJobCounts(...states);
  return states.reduce((n, s) => n + jobCount(c, s), 0);
}
