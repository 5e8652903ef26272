import type { Category, Mediator, Referral } from '../domain';
import type { SimCounty } from './county';
import { DAY_MS } from '../domain/time';
import { Rng } from '../domain/random';
import type { ReferralContext } from './referrals';
import { referralsForDay } from './referrals';

/**
 * Scenarios on top of the calm year (issue 20): a spring surge of land and water disputes in two
 * townships, one mass dispute, and mediators on leave around a festival, so that capacity binds
 * for days. Days count from the first reported day (`county.start`); the warm-up days come before.
 */
export interface Scenario {
  readonly name: string;
  /** Extra referrals: these categories in these townships arrive `factor` times as often, for `days` from `fromDay`. */
  readonly surge?: {
    readonly townships: readonly string[];
    readonly categories: readonly Category[];
    readonly factor: number;
    readonly fromDay: number;
    readonly days: number;
  };
  /** One dispute with many parties (a group dispute: classed major), on `day` in `township`. */
  readonly massCase?: { readonly day: number; readonly township: string; readonly category: Category; readonly parties: number };
  /** A share of the village mediators of `townships` (all when empty) on leave for `days` from `fromDay`. */
  readonly festivalLeave?: {
    readonly townships: readonly string[];
    readonly share: number;
    readonly fromDay: number;
    readonly days: number;
  };
}

/** Today's simulator: no surge. */
export const CALM: Scenario = { name: 'calm' };

/**
 * The surge of issue 20, pushed until capacity binds: land and water (utilities) disputes in t02
 * and t03 at 80 times those townships' own rate (≈ 18 times the whole county's) for three weeks
 * from day 14 (2024-03-18 from the default start); a 40-party land dispute in t02 on day 20; and
 * 90% of the village mediators of t02–t05 on leave around the Qingming festival, days 28–34
 * (04-01 … 04-07). At the literal "×3 in two townships" the county never runs short: the
 * townships' mediators, their neighbours and the gold pool absorb it (docs/simulator.md).
 */
export const SPRING_SURGE: Scenario = {
  name: 'spring-surge',
  surge: { townships: ['t02', 't03'], categories: ['land', 'utilities'], factor: 80, fromDay: 14, days: 21 },
  massCase: { day: 20, township: 't02', category: 'land', parties: 40 },
  festivalLeave: { townships: ['t02', 't03', 't04', 't05'], share: 0.9, fromDay: 28, days: 7 },
};

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The mediators with the festival leave added (drawn from `rng`, the same for every policy). */
export function withFestivalLeave(mediators: readonly Mediator[], scenario: Scenario, start: Date, rng: Rng): Mediator[] {
  const leave = scenario.festivalLeave;
  if (!leave) return [...mediators];
  const from = isoDay(start.getTime() + leave.fromDay * DAY_MS);
  const until = isoDay(start.getTime() + (leave.fromDay + leave.days - 1) * DAY_MS);
  return mediators.map((m) => {
    const covered = m.tier === 'village' && (leave.townships.length === 0 || leave.townships.includes(m.township));
    return covered && rng.bernoulli(leave.share) ? { ...m, leave: [...m.leave, { from, until }] } : m;
  });
}

/**
 * The day's extra referrals: for a surge day, `factor − 1` more days' worth of referrals drawn
 * the calm way and kept only where the surge is (same township and category mix, so the extra
 * arrivals look like the usual ones there); on the mass case's day, one referral with its parties.
 */
export function scenarioReferrals(dayIndex: number, day: Date, scenario: Scenario, ctx: ReferralContext, rng: Rng): Referral[] {
  const out: Referral[] = [];
  const s = scenario.surge;
  if (s && dayIndex >= s.fromDay && dayIndex < s.fromDay + s.days) {
    for (let k = 0; k < s.factor - 1; k++) {
      const extra = referralsForDay(day, ctx, rng.fork(`surge-${k}`));
      for (const r of extra)
        if (s.townships.includes(r.township) && s.categories.includes(r.category)) out.push({ ...r, externalId: `${r.externalId}-s${k}` });
    }
  }
  const mass = scenario.massCase;
  if (mass && dayIndex === mass.day) {
    const template = referralsForDay(day, ctx, rng.fork('mass')).find((r) => r.township === mass.township);
    if (template) {
      const parties = Array.from({ length: mass.parties }, (_, i) => ({ ref: `mass-${dayIndex}-${i + 1}`, village: template.village }));
      out.push({ ...template, externalId: `mass-${dayIndex}`, category: mass.category, parties, attempts: [] });
    }
  }
  return out;
}

/** The county as the scenario finds it: its mediators with the festival leave. */
export function withScenario(county: SimCounty, scenario: Scenario): SimCounty {
  const rng = new Rng(county.seed).fork(`scenario-${scenario.name}`);
  return { ...county, mediators: withFestivalLeave(county.mediators, scenario, county.start, rng) };
}
