import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CASE_CLASS_LABELS, CHANNEL_LABELS, CASE_CLASSES, CHANNELS, TIERS, type Case } from '../domain';
import { dispatchBatch } from '../use-cases/dispatch/dispatch-batch';
import { loadPanelRules } from '../domain/config/panel-rules-config';
import { DEFAULT_SEED, generateCounty, type SimCounty } from '../simulator/county';
import { runSimulation, type Dispatcher, type SimRunResult } from '../simulator/run';
import { summarizeRun, type RunSummary } from '../simulator/summary';
import { numberFlag, parseArgs, UsageError } from './args';

/** Days simulated before the reported ones, so mediators start with a realistic caseload. */
const DEFAULT_WARMUP_DAYS = 14;

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const km = (x: number): string => `${x.toFixed(1)} km`;

/** A progress bar on stderr, shown only on a terminal and only once the run takes longer than a moment. */
function progress(days: number): { onDay: (d: number) => void; done: () => void } {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    onDay: (d) => {
      if (!tty || Date.now() - started < 400) return;
      shown = true;
      const width = 30;
      const filled = Math.round(((d + 1) / days) * width);
      process.stderr.write(`\r  simulating day ${d + 1}/${days} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
    },
    done: () => {
      if (shown) process.stderr.write('\r' + ' '.repeat(60) + '\r');
    },
  };
}

function optimizerDispatcher(county: SimCounty): Dispatcher {
  // Major cases get the panel plan the service gives them (issue 17, convening), not a fixed pair.
  const panels = { rules: loadPanelRules() };
  return async (store, now) => {
    const r = await dispatchBatch(store, { config: county.config, now, panels });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

function formatSummary(county: SimCounty, s: RunSummary, run: SimRunResult, warmupDays: number, elapsedMs: number, out: string): string {
  const m = county.mediators;
  const c = county.config;
  const villages = c.county.townships.reduce((a, t) => a + t.villages.length, 0);
  const tierCount = (t: string) => m.filter((x) => x.tier === t).length;
  const first = county.start.toISOString().slice(0, 10);
  const lines: string[] = [];
  const row = (label: string, text: string) => lines.push(`  ${label.padEnd(18)} ${text}`);
  lines.push('');
  lines.push(`tiaojie demo — ${c.county.county.name.en} · ${c.county.county.name.zh}`);
  lines.push(
    `  seed ${county.seed}, ${s.days} day${s.days === 1 ? '' : 's'} from ${first} (after ${warmupDays} days of warm-up); dispatch at 10:00, 14:00 and 18:00`,
  );
  lines.push('');
  row(
    'County',
    `${c.county.townships.length} townships, ${villages} villages · ${m.length} mediators: ` +
      `${tierCount('industry')} industry in ${c.organizations.organizations.length} organisations, ${tierCount('village')} village, ${tierCount('gold')} gold-medal`,
  );
  row('Referrals', `${s.cases} — ` + CHANNELS.map((ch) => `${CHANNEL_LABELS[ch].en} ${s.byChannel[ch]}`).join(', '));
  row(
    'By class',
    CASE_CLASSES.map((k) => `${CASE_CLASS_LABELS[k].en.split(',')[0]} ${s.byClass[k]}`).join(', ') +
      (s.byClass.major ? ' (major = a panel sized by the case: gold lead + experts)' : ''),
  );
  row(
    'Assigned',
    `${s.assigned} of ${s.cases} (${pct(s.cases ? s.assigned / s.cases : 1)}) — seats by tier: ` +
      TIERS.map((t) => `${t} ${s.seatsByTier[t]}`).join(', '),
  );
  const reasons = Object.entries(s.unassignedByReason);
  row('Unassigned', reasons.length ? reasons.map(([r, n]) => `${n} ${r.replace(/_/g, ' ')}`).join(', ') : 'none');
  row('Travel', `mean ${km(s.travelKm.mean)}, p90 ${km(s.travelKm.p90)}, max ${km(s.travelKm.max)}`);
  row(
    'Load',
    `open cases ÷ capacity: mean ${pct(s.utilisation.mean)}, max ${pct(s.utilisation.max)}, spread (sd) ${pct(s.utilisation.stdev)}; ` +
      TIERS.map((t) => `${t} ${pct(s.utilisation.byTier[t])}`).join(', '),
  );
  if (s.expectedSuccess !== null)
    row('Expected success', `${pct(s.expectedSuccess)} (model, learning from outcomes); hidden truth ${pct(s.trueSuccess ?? 0)}`);
  if (s.closed > 0)
    row(
      'Closed',
      `${s.closed} case${s.closed === 1 ? '' : 's'}, ${s.settled} settled (${pct(s.settled / s.closed)})` +
        (s.deadlineCompliance !== null ? `; deadline compliance ${pct(s.deadlineCompliance)}` : ''),
    );
  row(
    'Gold capacity',
    `${s.gold.seats} seat${s.gold.seats === 1 ? '' : 's'} used (${s.gold.onMajor} on major panels), ${s.gold.openAtEnd} of ${s.gold.capacity} open at the end`,
  );
  row('Solver', `${run.dispatches.length} dispatches, ${s.solveMs.toFixed(1)} ms in the solver; run ${(elapsedMs / 1000).toFixed(1)} s`);
  const examples = pickExamples(run);
  if (examples.length) {
    lines.push('');
    lines.push('  Why these mediators (one case per class):');
    for (const ex of examples) {
      lines.push(
        `  • ${CASE_CLASS_LABELS[ex.class].en.split(',')[0]} ${ex.category.replace(/_/g, ' ')} case from ${CHANNEL_LABELS[ex.channel].en}:`,
      );
      for (const seat of ex.assignment?.seats ?? []) lines.push(`      [${seat.role}] ${seat.explanation?.text ?? seat.mediatorId}`);
    }
  }
  lines.push('');
  lines.push(`  Report: ${out}`);
  lines.push('');
  return lines.join('\n');
}

function pickExamples(run: SimRunResult): Case[] {
  const cases = run.store.allCases().filter((c) => run.records.has(c.id) && c.assignment && c.assignment.seats.every((s) => s.explanation));
  return CASE_CLASSES.map((k) => cases.find((c) => c.class === k)).filter((c): c is Case => !!c);
}

function report(county: SimCounty, s: RunSummary, run: SimRunResult, warmupDays: number) {
  const reported = new Set(run.records.keys());
  return {
    tool: 'tiaojie demo',
    seed: county.seed,
    warmupDays,
    start: county.start.toISOString(),
    days: s.days,
    county: county.config.county.county,
    summary: s,
    dispatches: run.dispatches.map((d) => ({ ...d, at: new Date(d.at).toISOString() })),
    cases: run.store
      .allCases()
      .filter((c) => reported.has(c.id))
      .map((c) => ({
        id: c.id,
        externalId: c.externalId,
        channel: c.channel,
        category: c.category,
        class: c.class,
        classSource: c.classSource,
        township: c.township,
        village: c.village,
        referredAt: c.referredAt,
        deadlineAt: c.deadlineAt,
        status: c.status,
        assignment: c.assignment,
        unassignedReason: c.unassignedReason ?? null,
      })),
  };
}

/** `tiaojie demo`: a simulated county's days dispatched in memory, a readable summary and a JSON report. */
export async function runDemoCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['seed', 'days', 'out', 'warmup']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const seed = numberFlag(args, 'seed', DEFAULT_SEED);
  const days = numberFlag(args, 'days', 1);
  if (!Number.isInteger(seed) || !Number.isInteger(days)) throw new UsageError('--seed and --days must be whole numbers');
  if (days > 3650) throw new UsageError('--days must be at most 3650');
  const warmupRaw = args.flags.get('warmup');
  const warmupDays = warmupRaw === undefined ? DEFAULT_WARMUP_DAYS : Number(warmupRaw);
  if (!Number.isInteger(warmupDays) || warmupDays < 0)
    throw new UsageError(`--warmup must be a whole number of days >= 0, got "${warmupRaw}"`);
  const out = resolve(args.flags.get('out') ?? `reports/demo-${seed}.json`);
  const started = Date.now();
  const county = generateCounty({ seed });
  const bar = progress(days + warmupDays);
  const run = await runSimulation({ county, days, warmupDays, dispatch: optimizerDispatcher(county), onDay: bar.onDay });
  bar.done();
  const summary = await summarizeRun(run);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(report(county, summary, run, warmupDays), null, 1) + '\n');
  process.stdout.write(formatSummary(county, summary, run, warmupDays, Date.now() - started, out) + '\n');
  return 0;
}
