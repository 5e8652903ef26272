import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { LedgerReports } from '../../use-cases/reports/report-source';
import type { Queue } from 'bullmq';
import type { Router } from 'express';
import type { ServiceQueues } from '../queue/queues';
import type { RebalanceJob } from '../queue/rebalance-queue';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { ApiKeyIndex } from './auth';
import type { DrainSwitch } from './drain';
import type { Clock } from '../../domain/time';
import type { AuditLog } from '../../use-cases/audit/audit-log';
import type { CaseRecords } from '../../use-cases/cases/case-records';
import type { CaseReassignStore } from '../../use-cases/cases/reassign-port';
import type { DispatchStore } from '../../use-cases/dispatch/dispatch-port';
import type { DispatchSettingsStore, ProposalStore } from '../../use-cases/dispatch/proposal-port';
import type { EventStream } from '../../use-cases/events/event-stream';
import type { HealthCheck } from '../../use-cases/health/health-check';
import type { LifecycleStore } from '../../use-cases/lifecycle/lifecycle-port';
import type { ArchivedCases } from '../../use-cases/lifecycle/archive-port';
import type { LedgerCaseLookup } from '../../use-cases/ledger/eviction-port';
import type { SessionCalendar } from '../../use-cases/lifecycle/session-calendar';
import type { MediatorDirectory } from '../../use-cases/mediators/mediator-directory';
import type { RebalanceLockCheck } from '../../use-cases/rebalance/rebalance-lock-check';
import type { WebhookRegistry } from '../../use-cases/webhooks/webhook-registry';
import type { CalendarFeedTokens } from '../../use-cases/calendars/feed-tokens';
import type { Sessions } from '../../use-cases/users/sessions';
import type { UserAdmin } from '../../use-cases/users/user-admin';
import type { SummonsSettingsStore, SummonsStore } from '../../use-cases/summons/summons-port';
import type { CourtFiguresStore } from '../../use-cases/court-figures/court-figures-port';
import type { IndicatorSettingsStore } from '../../use-cases/reports/indicator-settings-port';
import type { ArrivalHistory } from '../../use-cases/dispatch/arrival-history';
import type { CountyRegistry } from '../../use-cases/counties/county-registry-port';
import type { CountyConfigs } from '../../use-cases/counties/county-configs';

/** The settings the routers read; the service's `Config` is one. */
export interface ApiSettings {
  /** Largest JSON body accepted (express `limit` syntax, e.g. `1mb`). */
  readonly BODY_LIMIT: string;
  /** Most referrals one POST /v1/referrals may carry. */
  readonly REFERRALS_MAX_PER_REQUEST: number;
  /** Unknown keys presented per client address, and per key prefix, per minute before 429 (and unknown calendar feed URLs per address); 0: no limit. */
  readonly AUTH_FAIL_LIMIT: number;
  /** POST /v1/referrals requests per API key per minute (and burst) before 429; 0: no limit. */
  readonly INTAKE_RATE_LIMIT: number;
  /** How often a running request checks that Redis is still there (503 `redis_unavailable` if not), ms. */
  readonly REQUEST_DEADLINE_MS: number;
  /** A Redis command of the API unanswered for this long fails, ms; the store gate's ping too (Redis is then away, not slow). */
  readonly REDIS_COMMAND_TIMEOUT_MS: number;
  /** An SSE client whose socket buffer has not drained for this long is closed, ms. */
  readonly SSE_IDLE_MS: number;
  /** Oldest referral accepted without backfill, days before now. */
  readonly REFERRAL_MAX_AGE_DAYS: number;
}

/**
 * Storage as the routers see it: one factory per port, taking the caller's county. A factory may
 * return a fresh object per call (stores keep per-request state, such as the versions they read),
 * so take one per request.
 */
export interface ApiStores {
  readonly dispatch: (county: string) => DispatchStore;
  readonly cases: (county: string) => CaseRecords;
  readonly mediators: (county: string) => MediatorDirectory;
  readonly lifecycle: (county: string) => LifecycleStore;
  readonly calendars: (county: string) => SessionCalendar;
  /** Closed cases past the retention period, as compact records (reports, GET of a case). */
  readonly archive: (county: string) => ArchivedCases;
  /**
   * With a ledger (issue 19): the cases it holds, for GET of a case and intake once retention let a
   * case go from Redis. @defaultValue none: no ledger, retention archives in Redis
   */
  readonly ledgerCases?: (county: string) => LedgerCaseLookup;
  readonly audit: (county: string) => AuditLog;
  readonly events: (county: string) => EventStream;
  readonly webhooks: (county: string) => WebhookRegistry;
  readonly rebalanceLock: (county: string) => RebalanceLockCheck;
  readonly health: HealthCheck;
  /** Held cases and proposals (issue 16 — modes). */
  readonly proposals: (county: string) => ProposalStore;
  /** The county's dispatch modes and proposal timeout (issue 16 — modes). */
  readonly dispatchSettings: (county: string) => DispatchSettingsStore;
  // issue 16 — small
  /** The secret URLs of mediators' .ics feeds (SHA-256 of each token only). */
  readonly feedTokens: (county: string) => CalendarFeedTokens;
  /** A dispatcher's reassignment of an assigned case (issue 16). */
  readonly reassign: (county: string) => CaseReassignStore;
  // issue 17 — summons (中心吹哨、部门报到)
  /** Departments summoned to cases. */
  readonly summonses: (county: string) => SummonsStore;
  /** The county's department roster and summons clock (reminders, grace). */
  readonly summonsSettings: (county: string) => SummonsSettingsStore;
  /** The court's monthly figures (issue 17 part 4). */
  readonly courtFigures: (county: string) => CourtFiguresStore;
  /** Populations with their year and the quality window (issue 17). */
  readonly indicatorSettings: (county: string) => IndicatorSettingsStore;
  /** The county's referrals per day and class, for the seats kept (issue 20). */
  readonly arrivals: (county: string) => ArrivalHistory;
  /** The installation's registered counties (issue 21): profiles and statuses. */
  readonly counties: CountyRegistry;
  /** Each county's status and dispatch configuration (its profile's, else the embedded one), cached per version. */
  readonly countyConfigs: CountyConfigs;
}

/** User accounts and their browser sessions (issue 15 item 1). */
export interface ApiAccounts {
  readonly sessions: Sessions;
  readonly admin: UserAdmin;
  /** Mark the session cookie `Secure` (the service is reached over https). */
  readonly cookieSecure: boolean;
}

/** Everything the routers use; built once by the bootstrap (or a test). */
export interface ApiDeps {
  readonly config: ApiSettings;
  readonly log: Logger;
  readonly stores: ApiStores;
  readonly queues: ServiceQueues;
  /** The rebalance queue, created on first use (an API that never rebalances opens no handle). */
  readonly rebalanceQueue: () => Queue<RebalanceJob>;
  readonly keys: ApiKeyIndex;
  readonly metrics: ServiceMetrics;
  /** Shutdown state: readiness 503 and `Connection: close` once draining. @defaultValue never draining */
  readonly drain?: DrainSwitch;
  /** Sign-in with user accounts: /v1/session, /v1/users and the session cookie. @defaultValue none: API keys only */
  readonly accounts?: ApiAccounts;
  /** The time routes judge requests by (the referral window); tests fix it. @defaultValue the system clock */
  readonly clock?: Clock;
  /** The built console served at /console/. @defaultValue dist/console of the package */
  readonly consoleDir?: string;
  /** Report reads from the ledger (PostgreSQL, issue 19). @defaultValue none: the reports read Redis */
  readonly ledgerReports?: LedgerReports;
}

/** What a resource module gets to declare its routes. */
export interface RouteTarget {
  readonly router: Router;
  readonly registry: OpenAPIRegistry;
  readonly deps: ApiDeps;
}
