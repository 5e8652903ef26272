import type { Case } from '../case';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleConfig } from '../config/lifecycle-config';
import type { CaseClass, Channel } from '../taxonomy';
import { addDays } from '../time';

/** The intake facts a case file starts from (a dispatch `Case` has them all). */
export type CaseFileSeed = Pick<
  Case,
  'id' | 'channel' | 'category' | 'township' | 'village' | 'parties' | 'referredAt' | 'class' | 'attempts'
> &
  Partial<Pick<Case, 'backfill' | 'status'>>;

/** End of the legal term for a channel, or null when the channel carries none. */
export function termEnd(channel: Channel, referredAt: string, extensionDays: number, config: LifecycleConfig): string | null {
  if (!config.termChannels.includes(channel)) return null;
  return addDays(referredAt, config.termDays + extensionDays);
}

/** When the first session of an attempt of this class, started at `startedAt`, is due. */
export function firstSessionTarget(cls: CaseClass, startedAt: string, config: LifecycleConfig): string {
  return addDays(startedAt, config.firstSessionTargetDays[cls]);
}

/**
 * A new case file in state `referred`, attempt 1. Mediators listed as already tried on the
 * referral are excluded from the start. A case awaiting consent opens in `awaiting_consent` with
 * no legal term yet: its clocks start when consent is recorded (`recordConsent`).
 */
export function openCaseFile(seed: CaseFileSeed, config: LifecycleConfig): CaseFile {
  const awaiting = seed.status === 'awaiting_consent';
  return {
    caseId: seed.id,
    channel: seed.channel,
    category: seed.category,
    township: seed.township,
    village: seed.village,
    partyRefs: seed.parties.map((p) => p.ref),
    referredAt: seed.referredAt,
    status: awaiting ? 'awaiting_consent' : 'referred',
    class: seed.class,
    termEndsAt: awaiting ? null : termEnd(seed.channel, seed.referredAt, 0, config),
    termExtensionDays: 0,
    attempts: [
      {
        number: 1,
        class: seed.class,
        startedAt: seed.referredAt,
        firstSessionTargetAt: firstSessionTarget(seed.class, seed.referredAt, config),
        mediatorIds: [],
      },
    ],
    excludedMediatorIds: [...seed.attempts],
    sessions: [],
    settlement: null,
    fulfilment: null,
    raised: [],
    history: [],
    version: 0,
    ...(seed.backfill ? { backfill: { importedAt: seed.backfill.importedAt } } : {}),
  };
}
