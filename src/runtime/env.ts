import { z } from 'zod';
import { fromZodError, ValidationError } from '../domain/errors';
import { ApiKeySchema, CountyIdSchema, type ApiKey } from '../domain/access';

export { ROLES, RoleSchema, CountyIdSchema, ApiKeySchema, type Role, type ApiKey } from '../domain/access';

const intFromEnv = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/**
 * Service configuration from the environment. Every variable is optional; the defaults run a
 * single machine with an embedded Redis.
 */
export const ConfigSchema = z.object({
  /** @defaultValue "redis://127.0.0.1:6379" */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Start a private redis-server when nothing answers at REDIS_URL. @defaultValue true */
  REDIS_EMBEDDED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** @defaultValue 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** @defaultValue "0.0.0.0" */
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded Redis keeps its AOF and the generated development keys live. @defaultValue "./data" */
  DATA_DIR: z.string().default('./data'),
  /**
   * API keys, as JSON (`[{"key","role","county"}]`) or `key=role@county` pairs separated by commas.
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
   * BullMQ key prefix; services sharing a Redis share queues only with the same prefix. On Redis
   * Cluster use a hash tag, e.g. `{tj}`. @defaultValue "bull"
   */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]+$/).default('bull'),
  /** Dispatch job lock, ms: a dead worker's jobs are taken over after it. @defaultValue 30000 */
  JOB_LOCK_MS: intFromEnv(30_000, 1000),
  /** Events kept per county for SSE resumption. @defaultValue 100000 */
  EVENTS_MAX_LEN: intFromEnv(100_000),
  /** How often a worker runs the legal clock (deadline warnings, return to court), ms. @defaultValue 300000 */
  CLOCK_INTERVAL_MS: intFromEnv(300_000, 1000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws a ValidationError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw fromZodError(parsed.error, 'env');
  return parsed.data;
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
