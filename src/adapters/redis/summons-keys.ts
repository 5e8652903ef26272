import { countyPrefix } from './keys';

/** Redis keys of summonses (issue 17), under the county's hash tag (see keys.ts). */
export function summonsKeys(county: string) {
  const p = countyPrefix(county);
  return {
    /** HASH summons id → Summons JSON. */
    docs: `${p}summons`,
    /** HASH summons id → version (the compare-and-set token). */
    versions: `${p}summons-versions`,
    /** ZSET of every summons id, scored by requiredBy (epoch ms): county listings by month. */
    byDue: `${p}summons-by-due`,
    /** ZSET of open (issued, acknowledged) summons ids, scored by requiredBy: the clock's work. */
    open: `${p}summons-open`,
    /** ZSET of a case's summons ids, scored by requiredBy. */
    ofCase: (caseId: string) => `${p}summons-of:${caseId}`,
    /** STRING SummonsSettings JSON of the county (absent: the bundled departments.json). */
    settings: `${p}settings:summons`,
  };
}
export type SummonsKeys = ReturnType<typeof summonsKeys>;
