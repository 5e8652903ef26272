/**
 * Sends referrals on a schedule to many counties and times each from its POST to its decision on
 * the county's SSE stream: case.assigned / case.unassigned, or, for a case the county's dispatch
 * modes leave to a dispatcher (major cases are proposed by default, issue 16), case.proposed /
 * case.held.
 */
import type { Referral } from '../../src/domain';
import { openSse } from '../../src/adapters/http/sse-client';
import type { ServiceEvent } from '../../src/adapters/redis/events';
import { caseIdFor } from '../../src/use-cases/intake/case-id';
import type { BenchCounty } from './province';
import { waitUntil } from './service-client';

/** One POST of the schedule: `count` referrals (> 1: one bulk request) of `county`, `atMs` after the start. */
export interface Send {
  readonly atMs: number;
  readonly county: BenchCounty;
  readonly count: number;
}

const DECISIONS = ['case.assigned', 'case.unassigned', 'case.proposed', 'case.held'] as const;
type Decision = (typeof DECISIONS)[number];

/** One referral's fate. */
export interface Sample {
  readonly county: string;
  readonly caseId: string;
  /** ms after the start that its POST left. */
  readonly sentAtMs: number;
  /** HTTP status of its POST (0: no answer). */
  readonly status: number;
  /** POST → decision, ms; undefined when no decision came. */
  readonly decidedMs?: number;
  readonly decision?: Decision;
}

export interface LoadRun {
  readonly samples: readonly Sample[];
  /** Wall time from the first send to the last answer, ms. */
  readonly wallMs: number;
}

/** `ratePerSec` single referrals for `seconds`, round-robin over `counties`. */
export function steadySchedule(counties: readonly BenchCounty[], ratePerSec: number, seconds: number): Send[] {
  const total = Math.round(ratePerSec * seconds);
  return Array.from({ length: total }, (_, i) => ({ atMs: (i * 1000) / ratePerSec, county: counties[i % counties.length]!, count: 1 }));
}

/** Bulk POSTs of `count` referrals spread over the counties, `per` each request, all at once. */
export function backlogSchedule(counties: readonly BenchCounty[], count: number, per = 50): Send[] {
  const sends: Send[] = [];
  for (let i = 0; i * per < count; i++)
    sends.push({ atMs: 0, county: counties[i % counties.length]!, count: Math.min(per, count - i * per) });
  return sends;
}

async function post(url: string, county: BenchCounty, refs: readonly Referral[]): Promise<number> {
  try {
    const res = await fetch(`${url}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${county.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(refs.length === 1 ? refs[0] : refs),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Runs the schedule, then waits up to `settleMs` for the decisions of every acknowledged (2xx)
 * referral. A referral without a decision is reported as such (lost, or still waiting).
 */
export async function runSchedule(url: string, schedule: readonly Send[], settleMs = 30_000): Promise<LoadRun> {
  const counties = [...new Map(schedule.map((s) => [s.county.id, s.county])).values()];
  const decided = new Map<string, { ms: number; type: Decision }>();
  const sentAt = new Map<string, number>();
  const streams = counties.map((c) => {
    const sse = openSse(`${url}/v1/events?types=${DECISIONS.join(',')}`, c.key, {}, false);
    sse.onEvent = (e) => {
      const ev = e.data as ServiceEvent;
      const t0 = sentAt.get(ev.data.caseId);
      if (t0 !== undefined && !decided.has(ev.data.caseId))
        decided.set(ev.data.caseId, { ms: performance.now() - t0, type: ev.type as Decision });
    };
    return sse;
  });
  await Promise.all(streams.map((s) => s.ready));
  const sent: { county: string; caseId: string; sentAtMs: number; status: Promise<number> }[] = [];
  const started = performance.now();
  for (const s of schedule) {
    const wait = started + s.atMs - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const refs = Array.from({ length: s.count }, () => s.county.next());
    const now = performance.now();
    for (const r of refs) sentAt.set(caseIdFor(s.county.id, r.externalId), now);
    const status = post(url, s.county, refs);
    for (const r of refs) sent.push({ county: s.county.id, caseId: caseIdFor(s.county.id, r.externalId), sentAtMs: now - started, status });
  }
  const statuses = await Promise.all(sent.map((s) => s.status));
  const wallMs = performance.now() - started;
  const acked = sent.filter((_, i) => statuses[i]! >= 200 && statuses[i]! < 300);
  await waitUntil(() => acked.every((s) => decided.has(s.caseId)), settleMs);
  streams.forEach((s) => s.close());
  const samples = sent.map((s, i): Sample => {
    const d = decided.get(s.caseId);
    return {
      county: s.county,
      caseId: s.caseId,
      sentAtMs: s.sentAtMs,
      status: statuses[i]!,
      ...(d ? { decidedMs: d.ms, decision: d.type } : {}),
    };
  });
  return { samples, wallMs };
}
