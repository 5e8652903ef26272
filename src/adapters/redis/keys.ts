/**
 * Every Redis key of the service. County keys carry the county as a hash tag (`tj:{county}:…`), so
 * a county's keys share one slot and the same scripts run on Redis Cluster.
 */
export function countyPrefix(county: string): string {
  return `tj:{${county}}:`;
}

export function countyKeys(county: string) {
  const p = countyPrefix(county);
  return {
    prefix: p,
    /** HASH mediator id → Mediator JSON. */
    mediators: `${p}mediators`,
    /** STRING counter bumped by every mediator write; readers cache the roster until it moves. */
    mediatorsVersion: `${p}mediators-version`,
    /** HASH mediator id → capacity (the commit script reads it without decoding JSON). */
    capacity: `${p}capacity`,
    /** HASH mediator id → status (`active` | `on_leave`). */
    mediatorStatus: `${p}mediator-status`,
    /** HASH mediator id → open seats. */
    loads: `${p}loads`,
    /** HASH per case: `doc` (immutable intake JSON), `status`, `assignment`, `reason`, `updatedAt`. */
    case: (caseId: string) => `${p}case:${caseId}`,
    /** ZSET of every case id, scored by referral time. */
    cases: `${p}cases`,
    /** ZSET of waiting case ids (`referred`, `unassigned`), scored by referral time. */
    waiting: `${p}waiting`,
    byStatus: (status: string) => `${p}by-status:${status}`,
    byMediator: (mediatorId: string) => `${p}by-mediator:${mediatorId}`,
    byChannel: (channel: string) => `${p}by-channel:${channel}`,
    /** SET of case ids carrying an intake flag (`backfilled`, `overdue_at_import`; issue 16). */
    byFlag: (flag: string) => `${p}by-flag:${flag}`,
    /** HASH `mediatorId|category` → `successes,attempts`. */
    outcomes: `${p}outcomes`,
    /** STREAM of events (`type`, `data`), the source of SSE and webhooks. */
    events: `${p}events`,
    /** STREAM of changes for the PostgreSQL ledger (issue 19; ledger-outbox.ts), trimmed by its projector. */
    ledgerOutbox: `${p}ledger-outbox`,
    /** STREAM of manual decisions (pins, forced pins) for the audit trail. */
    audit: `${p}audit`,
    /** HASH webhook id → Webhook JSON (with its secret). */
    webhooks: `${p}webhooks`,
    /** ZSET of `proposed` case ids, scored by proposal expiry (epoch ms). Issue 16 — modes. */
    proposals: `${p}proposals`,
    /** STRING DispatchSettings JSON of the county (absent: the defaults). Issue 16 — modes. */
    dispatchSettings: `${p}settings:dispatch`,
    // issue 16 — small: calendar feed secret URLs (SHA-256 of each token only).
    /** HASH token SHA-256 → mediator id. */
    feedTokens: `${p}feed-tokens`,
    /** HASH mediator id → its token's SHA-256 (to replace or revoke it). */
    feedTokenOf: `${p}feed-token-of`,
    // issue 17 — court data in, the indicators as assessed.
    /** HASH month `YYYY-MM` → CourtMonth JSON (the court's monthly figures). */
    courtFigures: `${p}court-figures`,
    /** STRING IndicatorSettings JSON of the county (absent: the defaults of its configuration). */
    indicatorSettings: `${p}settings:indicators`,
    // issue 20 — the arrival index the kept seats' forecast reads (arrival-index.ts; filled by INTAKE_LUA).
    /** HASH `<UTC day number>:<class>` → referrals of the class that day, at most MAX_HISTORY_DAYS back. */
    arrivals: `${p}arrivals`,
    /** STRING the oldest day the arrival index was last trimmed to. */
    arrivalsTrimmed: `${p}arrivals-trimmed`,
    /** STRING when the arrival index was last backfilled from the county's records (arrival-backfill.ts); absent: never. */
    arrivalsBackfilled: `${p}arrivals-backfilled`,
    /** HASH `mediatorId|category|load ratio ‰` → `successes,attempts` (load-outcomes.ts; filled by LIFECYCLE_COMMIT_LUA). */
    loadOutcomes: `${p}load-outcomes`,
    // issue 21 — counties as tenants (county-registry.ts).
    /** HASH `doc` (CountyProfile JSON), `status` (`active` | `disabled`), `version` (bumped by every profile change), `updatedAt`. */
    profile: `${p}profile`,
    /** STRING referrals the county enqueued in one UTC second (epoch seconds), expiring after the fair-share window (intake-counts.ts). */
    intakeSecond: (second: number) => `${p}intake-second:${second}`,
    /** STRING written (expiring after a minute) only so that a WAIT after it covers every earlier write of the county (replication-barrier.ts). */
    replicationBarrier: `${p}replication-barrier`,
  };
}
export type CountyKeys = ReturnType<typeof countyKeys>;

/** SET of registered county ids (issue 21): the installation's counties; each one's profile is at `countyKeys(c).profile`. */
export const COUNTIES_KEY = 'tj:counties';

/** SET of counties with at least one webhook: the relay watches their event streams. */
export const WEBHOOK_COUNTIES_KEY = 'tj:webhook-counties';

// issue 15 item 1 — user accounts and sessions: installation-wide, like user names.
/** HASH user name → StoredUser JSON (with its argon2id hash). */
export const USERS_KEY = 'tj:users';
/**
 * STREAM of account changes for the PostgreSQL ledger (issue 19): the installation's outbox beside
 * USERS_KEY. Its hash tag is USERS_KEY's whole name, so it hashes to USERS_KEY's cluster slot and
 * one MULTI writes both.
 */
export const USERS_OUTBOX_KEY = `{${USERS_KEY}}:ledger-outbox`;
/** STRING SessionRecord JSON of one session, by the SHA-256 of its cookie value; expires with it. */
export const sessionKey = (tokenHash: string): string => `tj:session:${tokenHash}`;
/** SET of a user's session hashes, so disabling the user ends them all. */
export const userSessionsKey = (username: string): string => `tj:user-sessions:${username}`;
/** STRING count of failed sign-ins of a user name in the current window. */
export const loginFailuresKey = (username: string): string => `tj:login-failures:${username}`;
/** STRING present while a user name is locked out; its TTL is the rest of the lock. */
export const loginLockKey = (username: string): string => `tj:login-lock:${username}`;
