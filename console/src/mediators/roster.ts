/**
 * The roster as the mediators page shows it: load against capacity, filters and groups. Pure
 * (no DOM, no JSX), so it is tested in node (test/console/roster.test.ts).
 */

export interface LabelText {
  readonly zh: string;
  readonly en: string;
}

export interface LeavePeriod {
  readonly from: string;
  readonly until: string;
}

/** One item of GET /v1/mediators (the fields the console reads). */
export interface MediatorView {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly organization: string;
  readonly organizationName: LabelText;
  readonly township: string;
  readonly village?: string;
  readonly capacity: number;
  readonly load: number;
  readonly status: 'active' | 'on_leave';
  readonly leave: readonly LeavePeriod[];
}

/** How full a mediator is: room left, nearly full (≥ 80 %), full, or above capacity (capacity was lowered). */
export type LoadLevel = 'open' | 'high' | 'full' | 'over';

/** Load as a share of capacity, 0..1 for the bar's width; a mediator with no capacity and any load is full. */
export function loadShare(load: number, capacity: number): number {
  if (capacity <= 0) return load > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, load / capacity));
}

export function loadLevel(load: number, capacity: number): LoadLevel {
  if (load > capacity) return 'over';
  if (load === capacity) return 'full';
  return capacity > 0 && load / capacity >= 0.8 ? 'high' : 'open';
}

/** "3/8": the figure beside the bar, so the bar's colour is never the only signal. */
export const loadText = (load: number, capacity: number): string => `${load}/${capacity}`;

const DAY_MS = 86_400_000;
/** Asia/Shanghai has kept +08:00 all year since 1991: a bare date is that day from 00:00 at +08:00. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function instantOf(s: string, endOfDay: boolean): number {
  if (s.length <= 10) return Date.parse(`${s}T00:00:00Z`) - SHANGHAI_OFFSET_MS + (endOfDay ? DAY_MS - 1 : 0);
  return Date.parse(s);
}

/** True when the status says on leave or a leave period covers `now` (a bare `until` is the whole day). */
export function onLeaveAt(m: Pick<MediatorView, 'status' | 'leave'>, now: number): boolean {
  if (m.status === 'on_leave') return true;
  return m.leave.some((p) => now >= instantOf(p.from, false) && now <= instantOf(p.until, true));
}

/** Leave periods not yet over at `now`, in date order: the ones a dispatcher still plans around. */
export function currentAndComingLeave(leave: readonly LeavePeriod[], now: number): LeavePeriod[] {
  return leave.filter((p) => instantOf(p.until, true) >= now).sort((a, b) => instantOf(a.from, false) - instantOf(b.from, false));
}

export interface RosterFilter {
  readonly tier?: string;
  readonly organization?: string;
  readonly township?: string;
  /** Part of a name or id, any case. */
  readonly text?: string;
}

export function filterRoster(roster: readonly MediatorView[], f: RosterFilter): MediatorView[] {
  const text = f.text?.trim().toLowerCase() ?? '';
  return roster.filter(
    (m) =>
      (!f.tier || m.tier === f.tier) &&
      (!f.organization || m.organization === f.organization) &&
      (!f.township || m.township === f.township) &&
      (!text || m.name.toLowerCase().includes(text) || m.id.toLowerCase().includes(text)),
  );
}

export type GroupBy = 'tier' | 'organization' | 'township';

export interface RosterGroup {
  readonly key: string;
  readonly mediators: readonly MediatorView[];
  /** Sum of loads and of capacities of the group, for its heading. */
  readonly load: number;
  readonly capacity: number;
}

const keyOf = (m: MediatorView, by: GroupBy): string => (by === 'tier' ? m.tier : by === 'organization' ? m.organization : m.township);

/**
 * The roster in groups. Groups come in `order` (tiers, townships as configured) and any key not in
 * it after them by name; inside a group, busiest first (share of capacity), then by id, so the
 * people a dispatcher worries about are on top.
 */
export function groupRoster(
  roster: readonly MediatorView[],
  by: GroupBy,
  order: readonly string[],
  nameOf: (key: string) => string,
): RosterGroup[] {
  const groups = new Map<string, MediatorView[]>();
  for (const m of roster) {
    const key = keyOf(m, by);
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const rank = new Map(order.map((k, i) => [k, i]));
  const keys = [...groups.keys()].sort((a, b) => {
    const ra = rank.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ra !== rb ? ra - rb : nameOf(a).localeCompare(nameOf(b), 'zh-CN');
  });
  return keys.map((key) => {
    const mediators = (groups.get(key) ?? []).sort(
      (a, b) => loadShare(b.load, b.capacity) - loadShare(a.load, a.capacity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return {
      key,
      mediators,
      load: mediators.reduce((s, m) => s + m.load, 0),
      capacity: mediators.reduce((s, m) => s + m.capacity, 0),
    };
  });
}
