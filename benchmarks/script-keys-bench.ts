/**
 * `npm run bench:script-keys` (issue 21): what declaring every key costs the hot path. Intake and
 * dispatch commit run the same Lua as before; only their KEYS grew (each case hash, its status,
 * channel and mediator sets, …; script-keys.ts). On a private redis-server, for one county, it times
 * the two scripts with the fixed seven KEYS only (main before issue 21: the baseline) and with the
 * declared keys, the variants alternating round by round on the same server and client, and prints
 * the median cases per second of each and Redis's own time per script call (INFO commandstats).
 * Flags: --rounds 6 --cases 2000 (per round and variant) --batch 50 --in-flight 8 --mediators 500
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberFlag, parseArgs } from '../src/cli/args';
import { countyKeys, type CountyKeys } from '../src/adapters/redis/keys';
import { lifecycleKeys } from '../src/adapters/redis/lifecycle-keys';
import { createRedis, type TiaojieRedis } from '../src/adapters/redis/redis-connection';
import { scriptArgs } from '../src/adapters/redis/script-args';
import { commitKeys, intakeKeys } from '../src/adapters/redis/script-keys';
import { launchRedis } from '../src/runtime/redis-launcher';

type Variant = 'fixed keys (baseline)' | 'declared keys';
const VARIANTS: readonly Variant[] = ['fixed keys (baseline)', 'declared keys'];
const CHANNELS = ['court', 'petition', 'police', 'walk_in'];

interface Shape {
  readonly cases: number;
  readonly batch: number;
  readonly inFlight: number;
  readonly mediators: number;
}

/** A case document of about the size intake stores (≈1 kB of JSON). */
function intakeItem(id: string, i: number) {
  const channel = CHANNELS[i % CHANNELS.length]!;
  const doc = JSON.stringify({ id, externalId: `ext-${id}`, channel, category: 'family', notes: 'x'.repeat(800) });
  return { id, doc, channel, score: 1_700_000_000_000 + i, event: JSON.stringify({ caseId: id, channel }), flags: [] as string[] };
}

/** An assignment of about the size dispatch stores (its explanation: ≈2 kB). */
function commitEntry(caseId: string, i: number, mediators: number) {
  const mediatorIds = [`m${i % mediators}`];
  const assignment = JSON.stringify({ mediatorIds, by: 'optimizer', explanation: 'y'.repeat(2000) });
  return { caseId, mediatorIds, assignment, event: JSON.stringify({ caseId, mediatorIds }) };
}

/** Runs `calls` with at most `inFlight` at once (as concurrent jobs would), returning the seconds taken. */
async function timed(calls: readonly (() => Promise<unknown>)[], inFlight: number): Promise<number> {
  const start = process.hrtime.bigint();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < calls.length) await calls[next++]!();
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One round of one variant: `cases` new cases taken in, then committed; seconds of each phase. */
async function round(redis: TiaojieRedis, k: CountyKeys, archive: string, variant: Variant, tag: string, s: Shape) {
  const declare = variant === 'declared keys';
  const items = Array.from({ length: s.cases }, (_, i) => intakeItem(`${tag}-${i}`, i));
  await redis.config('RESETSTAT');
  const intake = await timed(
    batches(items, s.batch).map((b) => () => redis.tjIntake(...scriptArgs(k, 100_000, b, declare ? intakeKeys(k, archive, b) : []))),
    s.inFlight,
  );
  const intakeUs = await scriptUsPerCall(redis);
  const entries = items.map((it, i) => commitEntry(it.id, i, s.mediators));
  await redis.config('RESETSTAT');
  const commit = await timed(
    batches(entries, s.batch).map((b) => () => redis.tjCommit(...scriptArgs(k, 100_000, { entries: b }, declare ? commitKeys(k, b) : []))),
    s.inFlight,
  );
  // An answer before the figure: every case of the round must be assigned.
  const assigned = await redis.scard(k.byStatus('assigned'));
  return { intake, commit, assigned, intakeUs, commitUs: await scriptUsPerCall(redis) };
}

/** Redis's own time per script call since the last RESETSTAT (µs; INFO commandstats of EVALSHA). */
async function scriptUsPerCall(redis: TiaojieRedis): Promise<number> {
  const info = await redis.info('commandstats');
  return Number(/cmdstat_evalsha:calls=\d+,usec=\d+,usec_per_call=([\d.]+)/.exec(info)?.[1] ?? NaN);
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['rounds', 'cases', 'batch', 'in-flight', 'mediators']);
  const rounds = numberFlag(args, 'rounds', 6);
  const shape: Shape = {
    cases: numberFlag(args, 'cases', 2000),
    batch: numberFlag(args, 'batch', 50),
    inFlight: numberFlag(args, 'in-flight', 8),
    mediators: numberFlag(args, 'mediators', 500),
  };
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-script-keys-bench-'));
  const server = await launchRedis({ dataDir: dir, appendOnly: false });
  const redis = createRedis(server.url);
  try {
    const county = 'bench-keys';
    const k = countyKeys(county);
    const archive = lifecycleKeys(county).archive;
    const roster = Array.from({ length: shape.mediators }, (_, i) => `m${i}`);
    // Room for every case of the run: the benchmark times the scripts, not refusals.
    await redis.hset(k.capacity, Object.fromEntries(roster.map((m) => [m, 1_000_000])));
    await redis.hset(k.mediatorStatus, Object.fromEntries(roster.map((m) => [m, 'active'])));
    const seconds = new Map<Variant, { intake: number[]; commit: number[]; intakeUs: number[]; commitUs: number[] }>(
      VARIANTS.map((v) => [v, { intake: [], commit: [], intakeUs: [], commitUs: [] }]),
    );
    let expected = 0;
    for (let r = 0; r < rounds; r++) {
      for (const variant of r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
        const res = await round(redis, k, archive, variant, `r${r}-${variant === 'declared keys' ? 'd' : 'f'}`, shape);
        expected += shape.cases;
        if (res.assigned !== expected) throw new Error(`round ${r} ${variant}: ${res.assigned} assigned, ${expected} expected`);
        const acc = seconds.get(variant)!;
        acc.intake.push(res.intake);
        acc.commit.push(res.commit);
        acc.intakeUs.push(res.intakeUs);
        acc.commitUs.push(res.commitUs);
      }
    }
    console.log(
      `script keys bench: ${rounds} rounds × ${shape.cases} cases per variant, batches of ${shape.batch}, ${shape.inFlight} in flight, medians of ${rounds}`,
    );
    for (const [variant, s] of seconds) {
      const rate = (xs: number[]): string => `${Math.round(shape.cases / median(xs))} cases/s`;
      const us = (xs: number[]): string => `${Math.round(median(xs))} µs/call in Redis`;
      console.log(`  ${variant.padEnd(22)} intake ${rate(s.intake)} (${us(s.intakeUs)})   commit ${rate(s.commit)} (${us(s.commitUs)})`);
    }
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
