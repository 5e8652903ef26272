import { openLedger, startLedgerProjection, type OpenLedger } from './ledger-runtime';
import { ledgerClockDueFor } from './ledger-projection';
import { ledgerEvictionFor } from './ledger-retention';
import type { LedgerDb } from '../adapters/postgres/ledger-db';
import { ledgerReportsFor } from '../adapters/postgres/ledger-reports';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { createApp } from '../adapters/http/app';
import { ApiKeyIndex } from '../adapters/http/auth';
import { DrainSwitch } from '../adapters/http/drain';
import { throttled } from '../domain/throttle';
import { within } from '../domain/deadline';
import { createQueues, type ServiceQueues } from '../adapters/queue/queues';
import {
  apiRedisOptions,
  bullConnection,
  createRedis,
  releaseBullConnection,
  whenReady,
  type TiaojieRedis,
} from '../adapters/redis/redis-connection';
import { isRedisReady } from '../adapters/redis/redis-faults';
import { resolveApiKeys } from './api-keys';
import { bootstrapUsers, redisAccounts } from './accounts';
import { ensureDevUsers } from './dev-users';
import { redisApiDeps } from './api-deps';
import { INSTALLATION_SCOPE } from '../domain/access';
import { loadConfig, rebalanceSettingsOf, writeAckOf, type ApiKey, type Config } from './env';
import { startDispatchWorker, type DispatchWorker } from './start-dispatch-worker';
import { createLogger, type Logger } from './logger';
import { createMetrics, type ServiceMetrics } from '../adapters/metrics/service-metrics';
import { discoverRedis, type DiscoveredRedis } from './redis-discovery';
import { WebhookRelay } from '../adapters/webhooks/webhook-relay';
import { webhookTargetPolicyOf } from './webhook-policy';
import { startWebhookSender } from '../adapters/webhooks/webhook-sender';
import { startRebalanceWorker } from '../adapters/queue/rebalance-processor';
import { loadLifecycleConfig } from '../domain/config/lifecycle-config';
import { loadSubsidyConfig } from '../domain/config/subsidy-config';
import { startClockRunner } from '../use-cases/lifecycle/clock-runner';
import { expireProposals } from '../use-cases/dispatch/proposals';
import { RedisDispatchStore } from '../adapters/redis/redis-dispatch-store';
import { RedisProposalStore } from '../adapters/redis/redis-proposal-store';
import { RedisLifecycleStore } from '../adapters/redis/lifecycle-redis-store';
import { caseFiles } from '../use-cases/lifecycle/case-files';
import { RedisSummonsSettings, RedisSummonsStore } from '../adapters/redis/summons-store';
import { tickSummonses } from '../use-cases/summons/summons-clock-run';
import { caseStandingReader } from '../use-cases/summons/summons-case-standing';

/** What to run in this process. */
export interface ServiceOptions {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Serve the HTTP API. */
  readonly api: boolean;
  /**
   * Run the workers: dispatch, rebalance (on-demand runs, and the nightly schedulers it upserts),
   * the webhook relay and sender, and the legal clock.
   */
  readonly worker: boolean;
  readonly log?: Logger;
  /** Passed to the dispatch worker (tests: a TypeScript loader for the solve threads). */
  readonly threadExecArgv?: readonly string[];
  /** Dispatch worker overrides (tests). */
  readonly stalledInterval?: number;
}

export interface RunningService {
  readonly config: Config;
  readonly log: Logger;
  readonly redisUrl: string;
  readonly redis: TiaojieRedis;
  readonly queues: ServiceQueues;
  readonly metrics: ServiceMetrics;
  /** Base URL of the API (`http://127.0.0.1:PORT`) when serving. */
  readonly url?: string;
  readonly dispatch?: DispatchWorker;
  /** The ledger's database and pool (issue 19). */
  readonly ledger: OpenLedger;
  /** Stops intake, finishes or hands back in-flight jobs, closes connections; idempotent. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the service parts asked for; the caller owns signals (see `runUntilSignal`). */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const config = loadConfig(opts.env ?? process.env);
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const discovered: DiscoveredRedis = await discoverRedis({
    url: config.REDIS_URL,
    embedded: config.REDIS_EMBEDDED,
    dataDir: config.DATA_DIR,
    log,
  });
  // The ledger (PostgreSQL, docs/ledger.md) before anything that writes: the record of every case.
  const ledger = await openLedger(config, log).catch(async (err: unknown) => {
    await discovered.launched?.stop();
    throw err;
  });
  // Every client that writes decisions waits for REDIS_ACK_REPLICAS replicas after each (writeAcked).
  const redis = createRedis(discovered.url, {}, writeAckOf(config));
  redis.on(
    'error',
    throttled(ERROR_LOG_INTERVAL_MS, (repeated, err: Error) => log.warn({ err: err.message, repeated }, 'redis connection error')),
  );
  const connection = bullConnection(discovered.url);
  const queues = createQueues(connection, config.QUEUE_PREFIX, writeAckOf(config), { slice: config.INTAKE_FAIR_SLICE });
  // Without a listener BullMQ prints every connection error of its queues to stderr while Redis is away.
  for (const q of [queues.referrals, queues.webhooks])
    q.on(
      'error',
      throttled(ERROR_LOG_INTERVAL_MS, (repeated, err: Error) =>
        log.warn({ err: err.message, queue: q.name, repeated }, 'queue connection error'),
      ),
    );
  const metrics = createMetrics();
  metrics.watchQueues([queues.referrals, queues.webhooks]);

  const apiKeys = resolveApiKeys(config, log);
  let url: string | undefined;
  let apiRedis: TiaojieRedis | undefined;
  let server: Server | undefined;
  let dispatch: DispatchWorker | undefined;
  let stopWorkers = (): Promise<void> => Promise.resolve();
  const drain = new DrainSwitch();
  try {
    if (opts.api) {
      // The API's own client fails fast while Redis is away (503 at once); the workers' waits and retries.
      const apiClient = (apiRedis = createRedis(discovered.url, apiRedisOptions(config.REDIS_COMMAND_TIMEOUT_MS), writeAckOf(config)));
      apiClient.on(
        'error',
        throttled(ERROR_LOG_INTERVAL_MS, (repeated, err: Error) =>
          log.warn({ err: err.message, repeated }, 'redis connection error (API)'),
        ),
      );
      metrics.watchRedis(() => isRedisReady(apiClient));
      if (!(await whenReady(apiClient, 5000))) log.warn('API Redis client not connected yet: data routes answer 503 until it is');
      const accounts = redisAccounts(apiClient, config);
      // Before the port opens, so a browser test can sign in as soon as the API answers.
      await bootstrapUsers(accounts.admin, config, log);
      const keys = new ApiKeyIndex(apiKeys);
      const { app } = createApp(redisApiDeps({ config, log, redis: apiClient, queues, keys, metrics, drain, accounts, ledger: ledger.db }));
      server = createServer(app);
      const port = await listen(server, config.PORT, config.HOST);
      url = `http://127.0.0.1:${port}`;
      log.info({ url: `http://${config.HOST}:${port}` }, 'API listening');
      if (!config.TIAOJIE_API_KEYS) await ensureDevUsers(accounts.admin, config, consoleUrl(config.HOST, port), log);
    }
    if (opts.worker) {
      const worker = (dispatch = await startDispatchWorker({
        redisUrl: discovered.url,
        connection,
        log,
        metrics,
        batchSize: config.DISPATCH_BATCH_SIZE,
        batchWaitMs: config.DISPATCH_BATCH_WAIT_MS,
        solveThreads: config.SOLVE_THREADS,
        eventsMaxLen: config.EVENTS_MAX_LEN,
        ack: writeAckOf(config),
        lockDuration: config.JOB_LOCK_MS,
        stalledInterval: opts.stalledInterval ?? stalledCheckMs(config),
        prefix: config.QUEUE_PREFIX,
        ...(opts.threadExecArgv ? { threadExecArgv: opts.threadExecArgv } : {}),
      }));
      const relayRedis = createRedis(discovered.url);
      relayRedis.on('error', () => undefined);
      const relay = new WebhookRelay({ redis: relayRedis, queue: queues.webhooks, log });
      relay.start();
      const policy = webhookTargetPolicyOf(config);
      const sender: Worker = startWebhookSender({ redis, connection, log, prefix: config.QUEUE_PREFIX, policy });
      const rebalance = await startRebalanceWorker({
        redis,
        connection,
        prefix: config.QUEUE_PREFIX,
        log,
        settings: rebalanceSettingsOf(config),
        eventsMaxLen: config.EVENTS_MAX_LEN,
      });
      rebalance.queue.on(
        'error',
        throttled(ERROR_LOG_INTERVAL_MS, (repeated, err: Error) =>
          log.warn({ err: err.message, queue: rebalance.queue.name, repeated }, 'queue connection error'),
        ),
      );
      rebalance.worker.on(
        'error',
        throttled(ERROR_LOG_INTERVAL_MS, (repeated, err: Error) => log.warn({ err: err.message, repeated }, 'rebalance worker error')),
      );
      const stopClock = startLegalClock(config, apiKeys, redis, ledger.db, log);
      const stopProjection = startLedgerProjection({
        counties: servedCounties(apiKeys),
        redis,
        db: ledger.db,
        eventsMaxLen: config.EVENTS_MAX_LEN,
        log,
      });
      stopWorkers = async () => {
        await stopProjection();
        await stopClock();
        await rebalance.close();
        await worker.close();
        await relay.stop();
        relayRedis.disconnect();
        await sender.close();
      };
    }
  } catch (err) {
    // A failed start must not leave a listening socket, a worker or a private redis-server behind.
    server?.close();
    await stopWorkers().catch(() => undefined);
    await queues.close().catch(() => undefined);
    apiRedis?.disconnect();
    redis.disconnect();
    releaseBullConnection(connection);
    await ledger.close().catch(() => undefined);
    await discovered.launched?.stop();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      log.info('shutting down: intake stops, in-flight jobs finish');
      if (server) {
        await drainConnections(drain, config.SHUTDOWN_GRACE_MS);
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        // Open SSE streams never end by themselves.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
        await closed;
      }
      const closing = (async () => {
        await stopWorkers();
        await queues.close();
      })();
      if (isRedisReady(redis)) await closing;
      else {
        // Nothing can be finished or handed back without Redis, and BullMQ's close waits for replies
        // that never come: wait a little, then go (jobs in hand are taken over after JOB_LOCK_MS).
        log.warn({ waitMs: REDIS_AWAY_CLOSE_MS }, 'Redis is not reachable: closing without waiting for it');
        await within(closing, REDIS_AWAY_CLOSE_MS).catch(() => undefined);
      }
      await apiRedis?.quit().catch(() => undefined);
      if (isRedisReady(redis)) await redis.quit().catch(() => undefined);
      else redis.disconnect();
      releaseBullConnection(connection);
      await ledger
        .close()
        .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'ledger close failed'));
      if (discovered.launched) {
        await discovered.launched.stop();
        log.info('private redis-server stopped');
      }
    })());

  return {
    config,
    log,
    redisUrl: discovered.url,
    redis,
    queues,
    metrics,
    ...(url ? { url } : {}),
    ...(dispatch ? { dispatch } : {}),
    ledger,
    stop,
  };
}

/**
 * Runs the legal clock for every county the configured keys serve: deadline warnings, overdue
 * events, return to court when a term runs out, subsidy budget warnings, then retention (closed
 * cases archived after RETENTION_DAYS). Every worker runs it; the store's compare-and-set makes
 * concurrent runs harmless.
 */
function startLegalClock(config: Config, keys: readonly ApiKey[], redis: TiaojieRedis, db: LedgerDb, log: Logger): () => Promise<void> {
  const lifecycle = loadLifecycleConfig();
  const counties = servedCounties(keys);
  const reports = ledgerReportsFor(db);
  return startClockRunner({
    counties: () => counties,
    storeFor: (county) => caseFiles(new RedisLifecycleStore(redis, county, config.EVENTS_MAX_LEN), lifecycle),
    config: lifecycle,
    // The clock reads only the cases the ledger says have work due (and those changed since its last copy).
    dueSource: (county) => ledgerClockDueFor({ redis, db }, county),
    subsidy: loadSubsidyConfig(),
    subsidyCases: (county) => (from, to) => reports.county(county).casesCounting(from, to),
    proposals: (county, now) =>
      expireProposals(
        new RedisDispatchStore(redis, county, config.EVENTS_MAX_LEN),
        new RedisProposalStore(redis, county, config.EVENTS_MAX_LEN),
        now,
      ),
    summonses: (county, now) =>
      tickSummonses(
        new RedisSummonsStore(redis, county, config.EVENTS_MAX_LEN),
        new RedisSummonsSettings(redis, county),
        caseStandingReader(caseFiles(new RedisLifecycleStore(redis, county, config.EVENTS_MAX_LEN), lifecycle)),
        now,
      ),
    intervalMs: config.CLOCK_INTERVAL_MS,
    onTick: (county, events, summonsEvents) => {
      if (events.length + summonsEvents > 0) log.info({ county, events: events.length, summonsEvents }, 'legal clock: events raised');
    },
    onError: (err, county) => log.warn({ county, err: err instanceof Error ? err.message : String(err) }, 'legal clock run failed'),
    retention: {
      // With the ledger, closed cases past the period leave Redis entirely (docs/retention.md).
      archiveFor: (county) => ledgerEvictionFor(redis, db, county),
      policy: { retentionDays: config.RETENTION_DAYS, maxPerRun: config.RETENTION_MAX_PER_RUN },
      onArchived: (county, { archived, examined }) => {
        if (archived > 0) log.info({ county, archived, examined }, 'retention: closed cases archived');
      },
    },
  });
}

/** The counties the configured keys serve (an installation admin's key, county "*", serves none). */
function servedCounties(keys: readonly ApiKey[]): string[] {
  return [...new Set(keys.map((k) => k.county))].filter((c) => c !== INSTALLATION_SCOPE);
}

/**
 * How often a dispatch worker checks for stalled jobs. A dead worker's job is taken over at the
 * first check after its lock expires (the check before marks it), so within JOB_LOCK_MS +
 * STALLED_CHECK_MS; a check interval longer than the lock would let a lock renewal hide a dead
 * worker for one more round, hence at most JOB_LOCK_MS.
 */
function stalledCheckMs(config: Config): number {
  return Math.min(config.STALLED_CHECK_MS, config.JOB_LOCK_MS);
}

/** Resolves with the first SIGTERM/SIGINT; install it before starting, so a signal during startup is not lost. */
export function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** Where a person on this machine opens the console (a wildcard host is not an address to browse to). */
function consoleUrl(host: string, port: number): string {
  const browsable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${browsable.includes(':') ? `[${browsable}]` : browsable}:${port}/console/`;
}

/** How long a stop waits for the workers' close while Redis is away. */
const REDIS_AWAY_CLOSE_MS = 3000;

/** A fault repeated by a client at every reconnect attempt is logged at most this often (with the count held back). */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Drains before the server closes: readiness 503 and `Connection: close` on every reply for
 * `graceMs`, then one turn of the event loop's poll phase, so a request that reached a keep-alive
 * socket while the loop was busy is read (its connection no longer idle) before idle ones are cut.
 */
async function drainConnections(drain: DrainSwitch, graceMs: number): Promise<void> {
  drain.start();
  if (graceMs > 0) await new Promise((r) => setTimeout(r, graceMs));
  await new Promise((r) => setImmediate(r));
}

/** Waits for `signal` (default: the next SIGTERM/SIGINT), then stops gracefully; resolves with the exit code. */
export async function runUntilSignal(service: RunningService, signal: Promise<NodeJS.Signals> = nextSignal()): Promise<number> {
  const received = await signal;
  service.log.info({ signal: received }, 'signal received');
  const force = setTimeout(() => {
    service.log.error('graceful shutdown took over 30 s; exiting');
    process.exit(1);
  }, 30_000);
  force.unref();
  await service.stop();
  // Stopped: a client still retrying a Redis that is away (BullMQ's reconnects) must not keep the
  // process alive until the forced exit above.
  setTimeout(() => process.exit(0), 1000).unref();
  return 0;
}
