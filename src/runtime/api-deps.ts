import type { LedgerDb } from '../adapters/postgres/ledger-db';
import { PostgresLedgerCases } from '../adapters/postgres/ledger-cases';
import { Queue } from 'bullmq';
import { throttled } from '../domain/throttle';
import type { Logger } from 'pino';
import type { ApiAccounts, ApiDeps, ApiStores } from '../adapters/http/deps';
import type { DrainSwitch } from '../adapters/http/drain';
import type { ApiKeyIndex } from '../adapters/http/auth';
import type { ServiceMetrics } from '../adapters/metrics/service-metrics';
import type { ServiceQueues } from '../adapters/queue/queues';
import { REBALANCE_QUEUE, type RebalanceJob } from '../adapters/queue/rebalance-queue';
import { redisAuditLog } from '../adapters/redis/audit-log';
import { CaseRepo } from '../adapters/redis/case-repo';
import { RedisCaseArchive } from '../adapters/redis/case-archive';
import { redisEventFeed } from '../adapters/redis/events';
import { isRedisReady, isRedisUnavailable } from '../adapters/redis/redis-faults';
import { RedisLifecycleStore } from '../adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../adapters/redis/mediator-repo';
import { RedisCaseReassignStore } from '../adapters/redis/reassign-store';
import { isRebalancing } from '../adapters/redis/rebalance-lock';
import { RedisDispatchStore } from '../adapters/redis/redis-dispatch-store';
import { RedisDispatchSettings, RedisProposalStore } from '../adapters/redis/redis-proposal-store';
import type { TiaojieRedis } from '../adapters/redis/redis-connection';
import { WebhookRepo } from '../adapters/redis/webhook-repo';
import { FeedTokenRepo } from '../adapters/redis/feed-token-repo';
import { RedisCourtFigures } from '../adapters/redis/court-figures-repo';
import { RedisIndicatorSettings } from '../adapters/redis/indicator-settings-repo';
import { defaultIndicatorSettings } from '../domain/config/indicator-settings';
import { loadDispatchConfig } from '../domain/config/load';
import { RedisArrivalIndex } from '../adapters/redis/arrival-index';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { CountyConfigs } from '../use-cases/counties/county-configs';
import { systemResolver } from '../adapters/webhooks/dns-resolver';
import type { WebhookTargetPolicy } from '../domain/webhook-target';
import { checkedWebhookRegistry } from '../use-cases/webhooks/checked-webhook-registry';
import { webhookTargetPolicyOf } from './webhook-policy';
import { loadLifecycleConfig } from '../domain/config/lifecycle-config';
import { caseFiles } from '../use-cases/lifecycle/case-files';
import { EventHub } from '../use-cases/events/event-hub';
import { RedisUnavailableError } from '../domain/errors';
import type { HealthCheck } from '../use-cases/health/health-check';
import { RedisSummonsSettings, RedisSummonsStore } from '../adapters/redis/summons-store';
import type { Config } from './env';
import { ledgerReportsFor } from '../adapters/postgres/ledger-reports';

/**
 * The API's ports on one Redis client. Every call builds a fresh adapter: the lifecycle store
 * remembers the versions it read, so one must not be shared between requests.
 */
/** Redis's health as the routes see it: connected or not, and which failures mean "away". */
export function redisHealth(redis: TiaojieRedis): HealthCheck {
  return {
    ping: () => redis.ping(),
    available: () => isRedisReady(redis),
    unavailableError: (err) => (isRedisUnavailable(err) ? new RedisUnavailableError(undefined, { cause: err }) : undefined),
  };
}

/** The process's one shared event subscription, capped as configured. */
export function redisEventHub(redis: TiaojieRedis, config: Config, log: Logger): EventHub {
  return new EventHub(redisEventFeed(redis), {
    maxPerCounty: config.SSE_MAX_PER_COUNTY,
    maxTotal: config.SSE_MAX_TOTAL,
    onReadError: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'event subscription read failed; retrying'),
  });
}

export function redisApiStores(
  redis: TiaojieRedis,
  eventsMaxLen: number,
  events: EventHub,
  webhookPolicy: WebhookTargetPolicy,
  ledger?: LedgerDb,
): ApiStores {
  const lifecycle = loadLifecycleConfig();
  const resolveHost = systemResolver();
  const counties = new RedisCountyRegistry(redis);
  const countyConfigs = new CountyConfigs(counties, loadDispatchConfig());
  // Populations default to the county's own profile (issue 21), the embedded one when not registered.
  const indicatorDefaults = async (county: string) => defaultIndicatorSettings((await countyConfigs.of(county)).config.county);
  return {
    dispatch: (county) => new RedisDispatchStore(redis, county, eventsMaxLen),
    cases: (county) => new CaseRepo(redis, county, eventsMaxLen),
    mediators: (county) => new MediatorRepo(redis, county),
    lifecycle: (county) => caseFiles(new RedisLifecycleStore(redis, county, eventsMaxLen), lifecycle),
    calendars: (county) => new RedisLifecycleStore(redis, county, eventsMaxLen),
    archive: (county) => new RedisCaseArchive(redis, county),
    audit: (county) => redisAuditLog(redis, county),
    events: (county) => events.stream(county),
    webhooks: (county) => checkedWebhookRegistry(new WebhookRepo(redis, county), webhookPolicy, resolveHost),
    rebalanceLock: (county) => ({ isLocked: () => isRebalancing(redis, county) }),
    health: redisHealth(redis),
    proposals: (county) => new RedisProposalStore(redis, county, eventsMaxLen),
    dispatchSettings: (county) => new RedisDispatchSettings(redis, county),
    feedTokens: (county) => new FeedTokenRepo(redis, county),
    reassign: (county) => new RedisCaseReassignStore(redis, county, eventsMaxLen),
    summonses: (county) => new RedisSummonsStore(redis, county, eventsMaxLen),
    summonsSettings: (county) => new RedisSummonsSettings(redis, county),
    courtFigures: (county) => new RedisCourtFigures(redis, county),
    indicatorSettings: (county) => new RedisIndicatorSettings(redis, county, () => indicatorDefaults(county)),
    arrivals: (county) => new RedisArrivalIndex(redis, county),
    counties,
    countyConfigs,
    // Issue 19: cases that left Redis are read from the ledger (GET, intake's re-referral check).
    ...(ledger ? { ledgerCases: (county: string) => new PostgresLedgerCases(ledger, county) } : {}),
  };
}

/** What the API process has at hand when it builds the routers' dependencies. */
export interface ApiDepsInput {
  readonly config: Config;
  readonly log: Logger;
  readonly redis: TiaojieRedis;
  readonly queues: ServiceQueues;
  readonly keys: ApiKeyIndex;
  readonly metrics: ServiceMetrics;
  readonly drain?: DrainSwitch;
  readonly accounts?: ApiAccounts;
  /** The ledger (issue 19): evicted cases and the reports are read there. @defaultValue none: the routes read Redis only */
  readonly ledger?: LedgerDb;
}

function rebalanceQueue(redis: TiaojieRedis, prefix: string, log: Logger): Queue<RebalanceJob> {
  const queue = new Queue<RebalanceJob>(REBALANCE_QUEUE, { connection: redis, prefix });
  queue.on(
    'error',
    throttled(30_000, (repeated, err: Error) => log.warn({ err: err.message, queue: REBALANCE_QUEUE, repeated }, 'queue connection error')),
  );
  return queue;
}

/** The routers' dependencies on Redis; the rebalance queue shares the API's client (closed with it). */
export function redisApiDeps({ config, log, redis, queues, keys, metrics, drain, accounts, ledger }: ApiDepsInput): ApiDeps {
  let rebalance: Queue<RebalanceJob> | undefined;
  return {
    config,
    log,
    stores: redisApiStores(redis, config.EVENTS_MAX_LEN, redisEventHub(redis, config, log), webhookTargetPolicyOf(config), ledger),
    queues,
    rebalanceQueue: () => (rebalance ??= rebalanceQueue(redis, config.QUEUE_PREFIX, log)),
    keys,
    metrics,
    ...(drain ? { drain } : {}),
    ...(accounts ? { accounts } : {}),
    ...(ledger ? { ledgerReports: ledgerReportsFor(ledger) } : {}),
  };
}
