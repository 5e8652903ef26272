import { MemorySummonsStore } from '../adapters/memory/summons-memory-store';
import {
  defaultSummonsSettings,
  departmentsFor,
  type DEFAULT_DEPARTMENT_IDS,
  type SummonsSettings,
} from '../domain/config/departments-config';
import type { Rng } from '../domain/random';
import type { Summons } from '../domain/summons/summons';
import type { Arrival } from '../domain/session';
import type { Case } from '../domain/case';
import type { CaseClass, Category } from '../domain/taxonomy';
import { HOUR_MS } from '../domain/time';
import { issueSummonses } from '../use-cases/summons/issue-summonses';
import { actOnStoredSummons } from '../use-cases/summons/summons-actions';
import { cancelSummonsesOfCase, tickSummonses } from '../use-cases/summons/summons-clock-run';
import { standingOf } from '../use-cases/summons/summons-case-standing';
import type { CaseFile } from '../domain/lifecycle-file';
import type { SummonsCaseReader } from '../use-cases/summons/summons-port';

/**
 * How a department answers a summons in the simulated county — the simulator's assumption, never
 * the service's: the service only records what departments do, so this lives here and not in
 * departments.json. Stated guesses (the account gives no per-department figures): the court,
 * procuratorate and justice bureau sit beside the centre and come nearly always on time; bureaus
 * with field staff (natural resources, water, housing, agriculture) come late or not at all more
 * often. `onTime` + `late` ≤ 1; the rest never arrive (the clock marks them missed).
 */
export interface DepartmentBehaviour {
  /** Hours after the summons before it is acknowledged: uniform in [lo, hi]. */
  readonly ackHours: readonly [number, number];
  /** Shares of summonses answered by arriving on time, and late. */
  readonly onTime: number;
  readonly late: number;
  /** Minutes after requiredBy a late department arrives: uniform in [lo, hi]. */
  readonly lateMinutes: readonly [number, number];
}

const near = (onTime: number, late: number): DepartmentBehaviour => ({ ackHours: [0.2, 2], onTime, late, lateMinutes: [5, 40] });
const field = (onTime: number, late: number): DepartmentBehaviour => ({ ackHours: [1, 8], onTime, late, lateMinutes: [10, 90] });

/** Typed over the bundled roster: a department added to it without a behaviour fails to compile. */
export const DEPARTMENT_BEHAVIOUR: Readonly<Record<(typeof DEFAULT_DEPARTMENT_IDS)[number], DepartmentBehaviour>> = {
  court: near(0.95, 0.04),
  procuratorate: near(0.94, 0.04),
  public_security: near(0.9, 0.07),
  justice_bureau: near(0.93, 0.05),
  petition_office: near(0.9, 0.07),
  natural_resources: field(0.8, 0.12),
  human_resources_social_security: near(0.84, 0.11),
  health: near(0.86, 0.1),
  transport: field(0.83, 0.12),
  housing: field(0.76, 0.15),
  market_regulation: near(0.86, 0.1),
  agriculture_rural: field(0.78, 0.14),
  water_resources: field(0.76, 0.15),
  emergency_management: near(0.88, 0.08),
  civil_affairs: near(0.88, 0.09),
};

/** A department not in the table (a county's own roster): the average of the bureaus with field staff. */
const UNKNOWN: DepartmentBehaviour = field(0.8, 0.12);

/** Most departments summoned to one session: the centre calls the few that answer for the matter. */
const MAX_SUMMONED = 3;

/**
 * Who the centre summons to a session: major cases — the court (a judge for the joint session) and
 * the departments answering for the dispute; professional cases — the departments answering for
 * the dispute (traffic → public security and transport, land → natural resources …); ordinary cases none.
 */
export function departmentsToSummon(
  c: { readonly class: CaseClass; readonly category: Category },
  settings: Pick<SummonsSettings, 'departments'>,
): string[] {
  if (c.class === 'ordinary') return [];
  const own = departmentsFor(c.category, settings);
  const ids = c.class === 'major' ? ['court', ...own] : own;
  return [...new Set(ids)].filter((d) => settings.departments.some((x) => x.id === d)).slice(0, MAX_SUMMONED);
}

export type Schedule = (at: number, run: () => Promise<unknown>) => void;

/** A session the scheduler booked, as the summons draws need it. */
export interface BookedSession {
  readonly caseId: string;
  readonly sessionId: string;
  /** Session start, epoch ms: the required arrival time. */
  readonly start: number;
}

/**
 * The simulated county's summonses: issued through the real use cases when a session is booked,
 * answered by each department's behaviour, and moved by the legal clock's summons step.
 */
export class SummonsDraws {
  readonly store = new MemorySummonsStore();
  private readonly settings = defaultSummonsSettings();
  private readonly settingsStore = { get: () => Promise.resolve(this.settings) };

  constructor(
    private readonly rngFor: (caseId: string, what: string) => Rng,
    private readonly schedule: Schedule,
    /** The simulated lifecycle's cases: the clock cancels the summonses of a closed case or a cancelled session. */
    private readonly cases: SummonsCaseReader,
  ) {}

  /** Summons the departments a booked session needs, and schedules each department's answer. */
  async onBooked(b: BookedSession, c: Pick<Case, 'class' | 'category' | 'status'>, now: number): Promise<void> {
    const departments = departmentsToSummon(c, this.settings);
    if (departments.length === 0 || b.start <= now) return;
    const out = await issueSummonses(
      { store: this.store, caseOf: () => Promise.resolve({ status: c.status }), settings: this.settings },
      { caseId: b.caseId, sessionId: b.sessionId, departments, reason: 'joint session', requiredBy: new Date(b.start).toISOString() },
      { by: 'dispatcher-sim', now: new Date(now) },
    );
    if (out.status !== 'ok') return;
    for (const s of out.summonses) this.answer(s, now, this.rngFor(b.caseId, `summons-${b.sessionId}-${s.department}`));
  }

  private answer(s: Summons, now: number, rng: Rng): void {
    const b = DEPARTMENT_BEHAVIOUR[s.department as keyof typeof DEPARTMENT_BEHAVIOUR] ?? UNKNOWN;
    const due = Date.parse(s.requiredBy);
    const ackAt = now + (b.ackHours[0] + rng.next() * (b.ackHours[1] - b.ackHours[0])) * HOUR_MS;
    if (ackAt < due)
      this.schedule(ackAt, () => actOnStoredSummons(this.store, s.id, { action: 'acknowledge', by: s.department, at: new Date(ackAt) }));
    const u = rng.next();
    if (u >= b.onTime + b.late) return; // never arrives: the clock marks it missed
    const arriveAt = u < b.onTime ? due - rng.int(5, 30) * 60_000 : due + rng.int(b.lateMinutes[0], b.lateMinutes[1]) * 60_000;
    this.schedule(arriveAt, () => actOnStoredSummons(this.store, s.id, { action: 'check_in', by: s.department, at: new Date(arriveAt) }));
  }

  /**
   * The arrivals a session records when it starts: one per department summoned to it, on time iff
   * its summons was checked in by requiredBy (the session's start) — so the session and the summons
   * records tell the same story (a department arriving late, or not at all, is not on time).
   */
  async arrivalsAt(caseId: string, sessionId: string): Promise<Arrival[]> {
    return (await this.store.listByCase(caseId))
      .filter((s) => s.sessionId === sessionId && s.status !== 'cancelled')
      .map((s) => ({ ref: s.department, onTime: s.status === 'checked_in' && s.onTime === true }));
  }

  /** After a case transition: the summonses its case or session no longer needs are cancelled (the departments are told). */
  async follow(file: CaseFile, now: Date, by: string): Promise<void> {
    await cancelSummonsesOfCase(this.store, file.caseId, standingOf(file), { by, now });
  }

  /** The legal clock's summons step at `now`. */
  async tick(now: Date): Promise<void> {
    await tickSummonses(this.store, this.settingsStore, this.cases, now);
  }

  all(): Summons[] {
    return this.store.all();
  }
}
