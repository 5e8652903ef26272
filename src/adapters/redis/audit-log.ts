import type { AnyAuditEntry, AuditLog } from '../../use-cases/audit/audit-log';
import { countyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';

export async function appendAudit(redis: TiaojieRedis, county: string, entry: AnyAuditEntry): Promise<string> {
  const id = await redis.xadd(countyKeys(county).audit, '*', 'at', new Date().toISOString(), 'entry', JSON.stringify(entry));
  return id ?? '';
}

/** The county's audit trail: a Redis stream of `at` + JSON `entry`. */
export function redisAuditLog(redis: TiaojieRedis, county: string): AuditLog {
  return { append: (entry) => appendAudit(redis, county, entry) };
}
