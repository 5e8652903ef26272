import { countyPrefix } from './keys';

/** Redis keys of the case lifecycle, under the county's hash tag (see keys.ts). */
export function lifecycleKeys(county: string) {
  const p = countyPrefix(county);
  return {
    prefix: p,
    /** HASH per case: `file` (CaseFile JSON), `version` (its compare-and-set token). */
    file: (caseId: string) => `${p}lifecycle:${caseId}`,
    /** ZSET of case ids with a lifecycle file, scored by referral time. */
    fileIds: `${p}lifecycle-ids`,
    /** ZSET of `caseId|sessionId` per mediator, scored by session start (ms). */
    mediatorCalendar: (mediatorId: string) => `${p}cal:mediator:${mediatorId}`,
    /** ZSET of `caseId|sessionId` per room, scored by session start (ms). */
    roomCalendar: (roomId: string) => `${p}cal:room:${roomId}`,
    /** HASH `caseId|sessionId` → Session JSON. */
    sessions: `${p}sessions`,
    /** HASH case id → ArchivedCase JSON: closed cases past the retention period (see case-archive.ts). */
    archive: `${p}archive`,
    /** SET of county-wide warnings already raised (`subsidy:2026-03:0.8`). */
    raised: `${p}lifecycle-raised`,
  };
}
export type LifecycleKeys = ReturnType<typeof lifecycleKeys>;
