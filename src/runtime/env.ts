import { z } from 'zod';
import { fromZodError, ValidationError } from '../domain/errors';
import { ApiKeySchema, CountyIdSchema, type ApiKey } from '../domain/access';
import { DEFAULT_STABILITY_POLICY } from '../planning/rebalance/policy';
import { parseAllowList } from '../domain/network-address';
import type { RebalanceSettings } from '../adapters/queue/rebalance-processor';
import { parseRedisUrl } from '../adapters/redis/redis-url';
import type { ReplicaAck } from '../adapters/redis/redis-connection';

export { ROLES, type Role, type ApiKey } from '../domain/access';

const intFromEnv = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const nonNegative = (fallback: number) => z.coerce.number().min(0).default(fallback);

/**
 * The one environment schema: service, worker, rebalance and CLI variables, each parsed here
 * once. Every variable is optional; the defaults run a single machine with an embedded Redis.
 * docs/configuration.md lists them all.
 */
export const ConfigSchema = z.object({
  /**
   * One server (`redis://[user:password@]host:port`, `rediss://…`) or a Redis Cluster from any of its
   * nodes (`redis+cluster://[user:password@]host:port,host:port,…`, `rediss+cluster://…` for TLS).
   * @defaultValue "redis://127.0.0.1:6379"
   */
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .superRefine((url, ctx) => {
      const target = parseRedisUrl(url);
      if ('error' in target) ctx.addIssue({ code: 'custom', message: target.error });
    }),
  /** Start a private redis-server when nothing answers at REDIS_URL (never for a cluster URL). @defaultValue true */
  REDIS_EMBEDDED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * The PostgreSQL server of the ledger, e.g. `postgres://user:password@db.example:5432/tiaojie`.
   * @defaultValue unset: the embedded default DATABASE_EMBEDDED names
   */
  DATABASE_URL: z.string().url().optional(),
  /**
   * What keeps the ledger when DATABASE_URL is unset: `auto`, a private PostgreSQL cluster under
   * DATA_DIR/postgres when the server programs (initdb, pg_ctl, postgres) are installed, else PGlite
   * in this process under DATA_DIR/pglite; `cluster` or `pglite` force one; `off` refuses to start
   * without DATABASE_URL. @defaultValue "auto"
   */
  DATABASE_EMBEDDED: z.enum(['auto', 'cluster', 'pglite', 'off']).default('auto'),
  /** @defaultValue 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** @defaultValue "0.0.0.0" */
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded Redis keeps its AOF, the embedded PostgreSQL its files, and the generated development keys live. @defaultValue "./data" */
  DATA_DIR: z.string().default('./data'),
  /**
   * API keys, as JSON (`[{"key","role","county"}]`) or `key=role@county` pairs separated by commas;
   * county `*` (admin keys only) is an installation admin: /metrics and bull-board, no county routes.
   * Unset: development keys are generated once into DATA_DIR/api-keys.json.
   */
  TIAOJIE_API_KEYS: z.string().optional(),
  /** County of the generated development keys. @defaultValue "shandan" */
  TIAOJIE_DEFAULT_COUNTY: CountyIdSchema.default('shandan'),
  /** Jobs solved together at most. @defaultValue 64 */
  DISPATCH_BATCH_SIZE: intFromEnv(64),
  /** Longest wait for a batch to fill, in ms. @defaultValue 20 */
  DISPATCH_BATCH_WAIT_MS: intFromEnv(20, 0),
  /** Worker threads that run the solves. @defaultValue 1 */
  SOLVE_THREADS: intFromEnv(1),
  /** Largest request body (express `limit` syntax). @defaultValue "1mb" */
  BODY_LIMIT: z.string().default('1mb'),
  /** Most referrals accepted in one POST /v1/referrals. @defaultValue 1000 */
  REFERRALS_MAX_PER_REQUEST: intFromEnv(1000),
  /** @defaultValue "info" */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * BullMQ key prefix; services sharing a Redis share queues only with the same prefix. On a Redis
   * Cluster it must hold a hash tag (`{…}`: all keys of a queue in one slot, as BullMQ's scripts need);
   * one without is refused at start. @defaultValue "bull", and "{bull}" on a cluster REDIS_URL
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/)
    .default('bull'),
  /** Dispatch job lock, ms: a dead worker's jobs are taken over within JOB_LOCK_MS + STALLED_CHECK_MS. @defaultValue 30000 */
  JOB_LOCK_MS: intFromEnv(30_000, 1000),
  /** Events kept per county for SSE resumption. @defaultValue 100000 */
  EVENTS_MAX_LEN: intFromEnv(100_000),
  /** How often a worker runs the legal clock (deadline warnings, return to court), ms. @defaultValue 300000 */
  CLOCK_INTERVAL_MS: intFromEnv(300_000, 1000),
  /** Counties with a nightly rebalance, comma-separated. @defaultValue TIAOJIE_DEFAULT_COUNTY */
  REBALANCE_COUNTIES: z.string().optional(),
  /** When the nightly rebalance runs (cron pattern). @defaultValue "0 2 * * *" */
  REBALANCE_CRON: z.string().default('0 2 * * *'),
  /** Time zone of REBALANCE_CRON. @defaultValue "Asia/Shanghai" */
  REBALANCE_TZ: z.string().default('Asia/Shanghai'),
  /** "false" turns the nightly schedule off (on-demand runs still work). @defaultValue true */
  REBALANCE_NIGHTLY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Cost of moving a case not yet accepted. @defaultValue 1 */
  REBALANCE_MOVE_PENALTY: nonNegative(DEFAULT_STABILITY_POLICY.movePenalty),
  /** Cost of moving a case its mediator has accepted. @defaultValue 3 */
  REBALANCE_ACCEPTED_MOVE_PENALTY: nonNegative(DEFAULT_STABILITY_POLICY.acceptedMovePenalty),
  /** Discretionary moves into or out of one mediator per night. @defaultValue no cap */
  REBALANCE_MAX_MOVES_PER_MEDIATOR: z.coerce.number().int().min(0).optional(),
  /** Discretionary moves per night, county-wide. @defaultValue no cap */
  REBALANCE_MAX_MOVES: z.coerce.number().int().min(0).optional(),
  /** Leave starting within this many hours forces a mediator's cases to move. @defaultValue 24 */
  REBALANCE_LEAVE_HORIZON_HOURS: nonNegative(DEFAULT_STABILITY_POLICY.leaveHorizonHours),
  /** Service the `demo-service` command drives. @defaultValue http://127.0.0.1:PORT */
  TIAOJIE_URL: z.string().optional(),
  /** Admin key the `demo-service` command uses. @defaultValue the development admin key in DATA_DIR */
  TIAOJIE_API_KEY: z.string().optional(),
  // issue 18 — ssrf
  /** Accept plain `http:` webhook targets (development only; `https` otherwise). @defaultValue false */
  WEBHOOK_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Webhook targets admitted although not public (on-premises receivers, tests): host names, IP
   * addresses and CIDR blocks, comma-separated, e.g. `hooks.court.local,10.20.0.0/16`. @defaultValue none
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .superRefine((raw, ctx) => {
      const parsed = parseAllowList(raw);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
  // issue 18 — retention
  /**
   * Days a closed case stays in Redis before the legal clock's run evicts it into the ledger (or,
   * without one, archives it to a compact record); the KPIs and the subsidy ledger still count it;
   * 0 never. At least 32 otherwise, so a case that still counts towards the current month's subsidy
   * budget stays. 32 by default: the ledger keeps the record, Redis only open work and the last
   * month's closures (the dispatchers' board shows those).
   * @defaultValue 32
   */
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .refine((d) => d === 0 || d >= 32, 'must be 0 (never archive) or at least 32 days')
    .default(32),
  /** Most cases archived per county in one run of the legal clock. @defaultValue 500 */
  RETENTION_MAX_PER_RUN: intFromEnv(500),
  // issue 18 — scoping
  /**
   * Unknown API keys presented per minute, counted per client address and per key prefix (its first
   * 8 characters); beyond it that address or prefix gets 429 with Retry-After. 0 turns it off.
   * @defaultValue 20
   */
  AUTH_FAIL_LIMIT: intFromEnv(20, 0),
  /**
   * POST /v1/referrals requests per API key per minute (a burst of as many, then evenly refilled);
   * beyond it 429 with Retry-After. 0 turns it off. @defaultValue 60000
   */
  INTAKE_RATE_LIMIT: intFromEnv(60_000, 0),
  /**
   * Referrals one county may enqueue within 10 s straight into the dispatch queue's FIFO; beyond it
   * its jobs wait behind other counties' referrals, a slice at a time (fairness across counties).
   * 0 turns it off (one FIFO for all). @defaultValue 64
   */
  INTAKE_FAIR_SLICE: intFromEnv(64, 0),
  /**
   * How often each dispatch worker looks for jobs of dead workers, ms: a dead worker's job is taken
   * over within JOB_LOCK_MS + STALLED_CHECK_MS. @defaultValue 5000
   */
  STALLED_CHECK_MS: intFromEnv(5000, 100),
  /**
   * On SIGTERM, how long the API keeps answering (readiness 503, every reply closing its
   * connection) before it stops listening, so requests already sent are read and answered.
   * @defaultValue 1000
   */
  SHUTDOWN_GRACE_MS: intFromEnv(1000, 0),
  // issue 18 — redisdown
  /** A Redis command of the API not answered in this long fails (503 `redis_unavailable`), ms. @defaultValue 800 */
  REDIS_COMMAND_TIMEOUT_MS: intFromEnv(800, 50),
  /** How often a running request checks that Redis is still connected (503 `redis_unavailable` if not), ms. @defaultValue 500 */
  REQUEST_DEADLINE_MS: intFromEnv(500, 50),
  // issue 21 — failover without loss
  /**
   * Replicas a write must reach (Redis WAIT) before it is acknowledged or decides a case: intake,
   * dispatch commits, transitions, reassignments, the rebalance apply, summonses (writeAcked); fewer
   * within REDIS_ACK_TIMEOUT_MS → 503 `replication_timeout`, or a retried job for a worker's commit.
   * @defaultValue 1 on a cluster REDIS_URL, 0 (no wait) on one server
   */
  REDIS_ACK_REPLICAS: z.coerce.number().int().min(0).optional(),
  /** Longest wait for REDIS_ACK_REPLICAS replicas, ms. @defaultValue 500 */
  REDIS_ACK_TIMEOUT_MS: intFromEnv(500),
  /** Open SSE streams one county may hold in one process (503 `too_many_streams` beyond). @defaultValue 200 */
  SSE_MAX_PER_COUNTY: intFromEnv(200),
  /** Open SSE streams one process may hold in all (503 `too_many_streams` beyond). @defaultValue 1000 */
  SSE_MAX_TOTAL: intFromEnv(1000),
  /** An SSE client whose socket buffer has not drained for this long is closed (it resumes with Last-Event-ID), ms. @defaultValue 60000 */
  SSE_IDLE_MS: intFromEnv(60_000, 100),
  // issue 16 — intake
  /**
   * Oldest `referredAt` POST /v1/referrals accepts, in days before now (older: 400 naming
   * `referredAt`); an admin imports older history with `?backfill=true`. At most 36500 (100 years).
   * @defaultValue 30
   */
  REFERRAL_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  // issue 15 item 1 — user accounts and sessions
  /**
   * Life of a console session from sign-in, in hours (absolute: use does not extend it); fractions
   * allowed (0.01 = 36 s, for tests). At most 720 (30 days). @defaultValue 12
   */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12),
  /** Mark the session cookie `Secure` (set it wherever the console is served over https). @defaultValue false */
  SESSION_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Failed sign-ins for one user name within 15 minutes before it is locked. @defaultValue 5 */
  LOGIN_FAIL_LIMIT: intFromEnv(5),
  /** How long a locked user name stays locked (429 `account_locked`, even for the right password), minutes. @defaultValue 15 */
  LOGIN_LOCK_MINUTES: intFromEnv(15),
  /**
   * Users created at start-up when missing (tests, first installs), as a JSON array of
   * `{username, displayName, role, county, password}`; existing users are left as they are. @defaultValue none
   */
  TIAOJIE_BOOTSTRAP_USERS: z.string().optional(),
});
export type Config = Omit<z.infer<typeof ConfigSchema>, 'REDIS_ACK_REPLICAS'> & { readonly REDIS_ACK_REPLICAS: number };

/** Parses the environment; throws a ValidationError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw fromZodError(parsed.error, 'env');
  return withRedisDefaults(parsed.data, env.QUEUE_PREFIX);
}

/** A hash tag: a non-empty `{…}`, which Redis Cluster hashes instead of the whole key. */
const HASH_TAG = /\{[^{}]+\}/;

/** The defaults that depend on REDIS_URL naming a cluster: the queue prefix and the replicas intake waits for. */
function withRedisDefaults(config: z.infer<typeof ConfigSchema>, queuePrefix: string | undefined): Config {
  const cluster = (parseRedisUrl(config.REDIS_URL) as { kind?: string }).kind === 'cluster';
  if (cluster && queuePrefix !== undefined && !HASH_TAG.test(queuePrefix)) {
    const reason = `"${queuePrefix}" has no hash tag, which a Redis Cluster REDIS_URL needs (BullMQ's keys of a queue must share a slot): use e.g. {bull}`;
    throw new ValidationError([{ field: 'QUEUE_PREFIX', reason }]);
  }
  return {
    ...config,
    QUEUE_PREFIX: queuePrefix === undefined && cluster ? '{bull}' : config.QUEUE_PREFIX,
    REDIS_ACK_REPLICAS: config.REDIS_ACK_REPLICAS ?? (cluster ? 1 : 0),
  };
}

/** The replicas a write must reach before it is acknowledged or decides a case (REDIS_ACK_REPLICAS, REDIS_ACK_TIMEOUT_MS). */
export function writeAckOf(config: Config): ReplicaAck {
  return { replicas: config.REDIS_ACK_REPLICAS, timeoutMs: config.REDIS_ACK_TIMEOUT_MS };
}

/** The rebalance worker's settings, from the parsed environment. */
export function rebalanceSettingsOf(config: Config): RebalanceSettings {
  const counties = (config.REBALANCE_COUNTIES ?? config.TIAOJIE_DEFAULT_COUNTY)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    counties,
    nightly: config.REBALANCE_NIGHTLY,
    schedule: { pattern: config.REBALANCE_CRON, tz: config.REBALANCE_TZ },
    policy: {
      ...DEFAULT_STABILITY_POLICY,
      movePenalty: config.REBALANCE_MOVE_PENALTY,
      acceptedMovePenalty: config.REBALANCE_ACCEPTED_MOVE_PENALTY,
      leaveHorizonHours: config.REBALANCE_LEAVE_HORIZON_HOURS,
      ...(config.REBALANCE_MAX_MOVES_PER_MEDIATOR !== undefined ? { maxMovesPerMediator: config.REBALANCE_MAX_MOVES_PER_MEDIATOR } : {}),
      ...(config.REBALANCE_MAX_MOVES !== undefined ? { maxMoves: config.REBALANCE_MAX_MOVES } : {}),
    },
  };
}

/** `key=role@county,key=role@county` or a JSON array. */
export function parseApiKeys(raw: string): ApiKey[] {
  const text = raw.trim();
  let candidates: unknown;
  if (text.startsWith('[')) {
    candidates = JSON.parse(text);
  } else {
    candidates = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const m = /^([^=]+)=([a-z]+)@(.+)$/.exec(pair);
        if (!m) throw new ValidationError([{ field: 'TIAOJIE_API_KEYS', reason: `"${pair.slice(0, 4)}…" is not key=role@county` }]);
        return { key: m[1], role: m[2], county: m[3] };
      });
  }
  const parsed = z.array(ApiKeySchema).min(1).safeParse(candidates);
  if (!parsed.success) throw fromZodError(parsed.error, 'TIAOJIE_API_KEYS');
  return parsed.data;
}
