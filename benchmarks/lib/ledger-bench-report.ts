import { quantile } from './service-client';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (s: string) => console.log(s);

/** One replay of the recorded writes into a set of counties. */
export interface ReplaySummary {
  readonly ms: number;
  /** Outbox entries the replay added. */
  readonly added: number;
  readonly intakes: number;
  readonly fileCommits: number;
  /** Writes Redis refused although the simulation accepted them (must be 0). */
  readonly refused: number;
  readonly refusals: readonly string[];
}

export interface WritePathResult {
  readonly a: readonly string[];
  readonly b: readonly string[];
  /** Projector off. */
  readonly baseline: ReplaySummary;
  readonly outboxPeakBytes: number;
  readonly drainMs: number;
  readonly drained: { readonly entries: number; readonly caseCopies: number };
  readonly rows: Readonly<Record<string, number>>;
  /** Projector running. */
  readonly withLedger: ReplaySummary;
  readonly lagAtLastWrite: number;
  readonly catchUpMs: number;
  readonly lag: readonly { readonly length: number; readonly bytes: number }[];
}

export interface Timing {
  readonly p50: number;
  readonly p99: number;
  /** What the last run found (ids, files). */
  readonly found: number;
}

export interface DueQueryResult {
  readonly ledger: Timing;
  readonly index: Timing;
  readonly readAll: Timing;
  readonly cloned: number;
  readonly cloneMs: number;
  readonly province: Timing;
}

export interface MemoryResult {
  readonly open: number;
  readonly closed: number;
  readonly openBytes: number;
  readonly closedBytes: number;
  readonly before: number;
  readonly after: number;
}

export interface RunShape {
  readonly counties: number;
  readonly days: number;
  readonly cases: number;
  readonly province: number;
}

/** Prints the figures of the three parts. */
export function printLedgerReport(w: WritePathResult, q: DueQueryResult, m: MemoryResult, o: RunShape): void {
  const perSec = (n: number, ms: number) => fmt((n / ms) * 1000);
  log(
    `\n1. Write path — ${o.counties} counties × ${o.days} days, ${fmt(o.cases)} cases (${fmt(w.baseline.fileCommits)} lifecycle commits, ${fmt(w.baseline.added)} outbox entries)`,
  );
  log(
    `   Redis side alone (projector off): ${fmt(w.baseline.ms / 1000, 1)} s, ${perSec(w.baseline.added, w.baseline.ms)} entries/s, ${perSec(o.cases, w.baseline.ms)} cases/s; refused ${w.baseline.refused} ${w.baseline.refusals.join('; ')}`,
  );
  const rowTotal = Object.values(w.rows).reduce((a, b) => a + b, 0);
  log(
    `   projector alone (draining that backlog): ${fmt(w.drainMs / 1000, 1)} s, ${perSec(w.drained.entries, w.drainMs)} entries/s, ${perSec(w.drained.caseCopies, w.drainMs)} case rows upserted/s, ${perSec(rowTotal, w.drainMs)} final rows/s`,
  );
  log(
    `   ledger rows: ${Object.entries(w.rows)
      .map(([t, n]) => `${t} ${fmt(n)}`)
      .join(', ')}`,
  );
  const lag = w.lag.map((s) => s.length);
  log(
    `   with the projector running: Redis writes ${fmt(w.withLedger.ms / 1000, 1)} s (${w.withLedger.ms >= w.baseline.ms ? '+' : ''}${fmt((w.withLedger.ms / w.baseline.ms) * 100 - 100, 0)}% vs projector off), ${perSec(w.withLedger.added, w.withLedger.ms)} entries/s; ledger caught up ${fmt(w.catchUpMs / 1000, 1)} s after the last write; refused ${w.withLedger.refused}`,
  );
  log(
    `   projector lag (outbox entries, every 0.5 s): max ${fmt(Math.max(0, ...lag))}, median ${fmt(quantile(lag, 0.5))}, at the last write ${fmt(w.lagAtLastWrite)} (series: ${lag
      .filter((_, i) => i % Math.max(1, Math.ceil(lag.length / 12)) === 0)
      .map((n) => fmt(n))
      .join(' ')})`,
  );
  const provinceEntries = (w.baseline.added / (o.counties * o.days)) * o.province * 365;
  log(
    `   EXTRAPOLATED (linear in entries, not measured): a province-year (${o.province} counties × 365 days) ≈ ${fmt(provinceEntries / 1e6, 1)} M entries: Redis side ≈ ${fmt(provinceEntries / (w.baseline.added / w.baseline.ms) / 3.6e6, 1)} h, projector ≈ ${fmt(provinceEntries / (w.drained.entries / w.drainMs) / 3.6e6, 1)} h of work at the rates above; spread over the year that is ${fmt(provinceEntries / (365 * 86_400), 2)} entries/s on average`,
  );
  log(`\n2. Clock's due-case query, one county (${fmt(q.readAll.found)} cases):`);
  log(
    `   ledgerClockDueFor.dueCaseIds (outbox tail + index): p50 ${fmt(q.ledger.p50, 2)} ms, p99 ${fmt(q.ledger.p99, 2)} ms (${q.ledger.found} due); index alone p50 ${fmt(q.index.p50, 2)} ms, p99 ${fmt(q.index.p99, 2)} ms`,
  );
  log(
    `   baseline, every case file from Redis (tickAll): p50 ${fmt(q.readAll.p50, 1)} ms, p99 ${fmt(q.readAll.p99, 1)} ms → ${fmt(q.readAll.p50 / q.ledger.p50, 0)}× at p50`,
  );
  log(
    `   with ${fmt(q.cloned)} cloned rows (the county's rows × ${q.cloned / Math.max(1, q.readAll.found) / o.province} with fresh ids in each of ${o.province} counties, inserted in ${fmt(q.cloneMs / 1000, 1)} s): p50 ${fmt(q.province.p50, 2)} ms, p99 ${fmt(q.province.p99, 2)} ms (${q.province.found} due); reading a county of that size from Redis ≈ ${fmt((q.readAll.p50 * q.cloned) / o.province / Math.max(1, q.readAll.found), 0)} ms at p50 (EXTRAPOLATED linearly from the baseline)`,
  );
  log(`\n3. Redis memory of one county (${fmt(m.open)} open, ${fmt(m.closed)} closed cases; MEMORY USAGE):`);
  log(
    `   per open case ${fmt(m.openBytes / Math.max(1, m.open))} B, per closed case ${fmt(m.closedBytes / Math.max(1, m.closed))} B (case record + lifecycle file)`,
  );
  log(
    `   county ${fmt(m.before / 1024)} KiB → ${fmt(m.after / 1024)} KiB with the closed cases' keys and index entries deleted by hand (retention's eviction is not on this branch): ${fmt((m.before - m.after) / Math.max(1, m.closed))} B freed per closed case; the rest is the events stream, indexes, roster`,
  );
  log(
    `   outbox at its peak (projector off, ${o.counties} counties): ${fmt(w.outboxPeakBytes / 1024)} KiB for ${fmt(w.baseline.added)} entries (${fmt(w.outboxPeakBytes / Math.max(1, w.baseline.added))} B/entry); with the projector running, max ${fmt(Math.max(0, ...w.lag.map((s) => s.bytes)) / 1024)} KiB`,
  );
}
