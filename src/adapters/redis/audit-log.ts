import { countyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';

/** A manual decision, kept in the county's audit stream. */
export interface AuditEntry {
  readonly action: 'pin';
  readonly caseId: string;
  readonly mediatorIds: readonly string[];
  /** Label of the API key (never the key). */
  readonly by: string;
  readonly force: boolean;
  /** The dispatcher's reason (required when forcing past the hard rules). */
  readonly reason?: string;
  /** Hard rules the choice broke, when forced. */
  readonly violations?: readonly unknown[];
}

export async function appendAudit(redis: TiaojieRedis, county: string, entry: AuditEntry): Promise<string> {
  const id = await redis.xadd(countyKeys(county).audit, '*', 'at', new Date().toISOString(), 'entry', JSON.stringify(entry));
  return id ?? '';
}
