import { CHANNELS, ReferralSchema, type Category, type Channel, type Mediator, type Referral } from '../domain';
import type { DispatchConfig } from '../domain/config/load';
import type { SimulatorParams } from './simulator-schema';
import { indexCounty } from '../domain/config/county-index';
import { households, partyRef } from './mediators';
import type { Rng } from '../domain/random';
import { HOUR_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

/** Expected referrals on a date: annual / 365 × weekday factor × month factor (normalised). */
export function expectedVolume(date: Date, params: SimulatorParams): number {
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const monthMean = params.monthFactors.reduce((a, b) => a + b, 0) / 12;
  const weekMean = params.weekdayFactors.reduce((a, b) => a + b, 0) / 7;
  return (
    (params.annualDisputes / 365) *
    (itemAt(params.weekdayFactors, weekday, 'weekdayFactors') / weekMean) *
    (itemAt(params.monthFactors, date.getUTCMonth(), 'monthFactors') / monthMean)
  );
}

function partySizeWeights(category: Category, params: SimulatorParams): [number, number][] {
  const prone = params.parties.groupProneCategories.includes(category);
  return params.parties.sizes.map(([n, p]) => [n, prone && n >= 5 ? p * params.parties.groupProneFactor : p]);
}

function amount(category: Category, params: SimulatorParams, rng: Rng): number {
  const a = params.amountYuan[category];
  if (rng.bernoulli(a.zeroShare)) return 0;
  return Math.round(rng.logNormal(a.median, a.sigma) / 100) * 100;
}

export interface ReferralContext {
  readonly config: DispatchConfig;
  readonly params: SimulatorParams;
  /** Mediators, for the `attempts` of referrals that failed mediation before. */
  readonly mediators: readonly Mediator[];
}

/**
 * The referrals of one day. `day` is 00:00 UTC of the date; the county keeps Beijing time, so its
 * office hours 08:00–18:00 are 00:00–10:00 UTC and referrals arrive in that window: a Poisson number around the
 * expected volume; channel by the 2023 annual figures; category by the channel's mix; village by
 * population; amount, parties, prior attempts and petitions by the documented distributions.
 * No class is set: intake suggests it by the rules, as it would for a real referral.
 */
export function referralsForDay(day: Date, ctx: ReferralContext, rng: Rng): Referral[] {
  const { params, config } = ctx;
  const county = indexCounty(config.county);
  const villages = county.allVillages();
  const villageWeights = villages.map((v, i) => [i, v.population] as [number, number]);
  const channelWeights = CHANNELS.map((c) => [c, params.channelAnnual[c]] as [Channel, number]);
  const n = rng.poisson(expectedVolume(day, params));
  const stamp = day.toISOString().slice(0, 10).replace(/-/g, '');
  const out: Referral[] = [];
  const times = Array.from({ length: n }, () => rng.uniform(0, 10)).sort((a, b) => a - b);
  for (let i = 0; i < n; i++) {
    const channel = rng.weighted(channelWeights);
    const category = rng.weighted(Object.entries(params.categoryMixByChannel[channel]) as [Category, number][]);
    const v = itemAt(villages, rng.weighted(villageWeights), 'villages');
    const township = county.township(v.township);
    if (!township) throw new Error(`simulator: village ${v.id} names unknown township ${v.township}`);
    const size = rng.weighted(partySizeWeights(category, params));
    const parties = Array.from({ length: size }, (_, k) => {
      // Most parties live in the dispute's village; some in a neighbouring one of the township.
      const pv = k === 0 || rng.bernoulli(0.8) ? v : { ...rng.pick(township.villages), township: v.township };
      return { ref: partyRef(pv.id, rng.int(1, households(pv))), village: pv.id };
    });
    const attemptsN = rng.bernoulli(params.priorAttempts.two) ? 2 : rng.bernoulli(params.priorAttempts.one) ? 1 : 0;
    const attempts = rng
      .sample(
        ctx.mediators.filter((m) => m.township === v.township || m.tier !== 'village'),
        attemptsN,
      )
      .map((m) => m.id);
    const priorPetitions =
      channel === 'petition'
        ? rng.int(params.priorPetitions.petitionChannelMin, params.priorPetitions.petitionChannelMax)
        : rng.bernoulli(params.priorPetitions.otherChannelsShare)
          ? 1
          : 0;
    const referredAt = new Date(day.getTime() + itemAt(times, i, 'referral times') * HOUR_MS);
    out.push(
      ReferralSchema.parse({
        externalId: `${channel}-${stamp}-${String(i + 1).padStart(3, '0')}`,
        channel,
        category,
        township: v.township,
        village: v.id,
        amountYuan: amount(category, params, rng),
        parties,
        referredAt: referredAt.toISOString(),
        consent: true,
        attempts,
        priorPetitions,
      }),
    );
  }
  return out;
}
