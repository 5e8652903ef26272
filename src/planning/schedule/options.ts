import { distanceKm } from '../../domain/geo';
import type { Room } from '../../domain/session';
import { offersSlot, slotKey } from './slots';
import type { ScheduleInput, ScheduleMediator, SessionRequest, TimedSlot } from './types';
import { DAY_MS, HOUR_MS } from '../../domain/time';
import { itemAt } from '../../domain/indexed-access';

const HALF_DAY_MS = 12 * HOUR_MS;

/** Interchangeable rooms (same kind and place): one capacity per slot instead of one variable per room. */
export interface RoomGroup {
  readonly key: string;
  readonly rooms: readonly Room[];
}

/** One way to hold a session: a slot and a room group, with its costs. */
export interface SessionOption {
  readonly session: number;
  readonly slot: number;
  readonly group: number;
  readonly lateHalfDays: number;
  readonly travelKm: number;
}

export function groupRooms(rooms: readonly Room[]): RoomGroup[] {
  const byKey = new Map<string, Room[]>();
  for (const r of [...rooms].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = `${r.kind}|${r.township}|${r.location.lat}|${r.location.lng}`;
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }
  return [...byKey].map(([key, list]) => ({ key, rooms: list }));
}

/** Half-days after the target the slot starts: ⌈(start − target) / 12 h⌉, at least 0. */
export function lateHalfDays(slot: TimedSlot, targetAt: string): number {
  const late = Date.parse(slot.start) - Date.parse(targetAt);
  return late <= 0 ? 0 : Math.ceil(late / HALF_DAY_MS);
}

/** Distance each mediator and the parties travel to the room. */
export function travelKm(session: SessionRequest, mediators: readonly ScheduleMediator[], room: Room): number {
  return mediators.reduce((sum, m) => sum + distanceKm(m.location, room.location), distanceKm(session.location, room.location));
}

/** True when the mediator works that half-day and no leave touches it. */
export function mediatorFree(m: ScheduleMediator, slot: TimedSlot): boolean {
  if (m.status === 'on_leave' || !offersSlot(m.availability, slot)) return false;
  const s = Date.parse(slot.start);
  const e = Date.parse(slot.end);
  return !m.leave.some((p) => {
    const from = Date.parse(p.from);
    const until = Date.parse(p.until) + (p.until.length <= 10 ? DAY_MS - 1 : 0);
    return s <= until && e >= from;
  });
}

/** Busy sets by slot key. */
export function busySets(input: ScheduleInput): { mediators: Set<string>; rooms: Set<string> } {
  const mediators = new Set<string>();
  const rooms = new Set<string>();
  for (const b of input.busy ?? []) {
    if (b.mediatorId) mediators.add(`${b.mediatorId}@${slotKey(b.slot)}`);
    if (b.roomId) rooms.add(`${b.roomId}@${slotKey(b.slot)}`);
  }
  return { mediators, rooms };
}

/**
 * Every feasible (slot, room group) for every session: after `notBefore`, ending by the legal
 * deadline, inside the parties' windows, with every mediator (every member of a panel) free and
 * not busy, and a room of an allowed kind — the session's own `roomKinds`, else its class's —
 * (committee rooms only in the case's township) free in the slot.
 */
export function enumerateOptions(input: ScheduleInput, groups: readonly RoomGroup[]): SessionOption[] {
  const byId = new Map(input.mediators.map((m) => [m.id, m]));
  const busy = busySets(input);
  const out: SessionOption[] = [];
  input.sessions.forEach((s, si) => {
    const ms = s.mediatorIds.map((id) => byId.get(id));
    if (ms.some((m) => !m)) return;
    const mediators = ms as ScheduleMediator[];
    const windows = s.partyWindows ? new Set(s.partyWindows.map(slotKey)) : null;
    const allowed = new Set(s.roomKinds ?? input.kindsByClass[s.class]);
    const usable = usableGroups(input, s, groups, allowed);
    input.slots.forEach((slot, ti) => {
      const key = slotKey(slot);
      if (Date.parse(slot.start) < Date.parse(s.notBefore)) return;
      if (s.deadlineAt !== null && Date.parse(slot.end) > Date.parse(s.deadlineAt)) return;
      if (windows && !windows.has(key)) return;
      if (!mediators.every((m) => mediatorFree(m, slot) && !busy.mediators.has(`${m.id}@${key}`))) return;
      usable.forEach((gi) => {
        const g = itemAt(groups, gi, 'room groups');
        const r = itemAt(g.rooms, 0, 'rooms of a group');
        if (g.rooms.every((room) => busy.rooms.has(`${room.id}@${key}`))) return;
        out.push({ session: si, slot: ti, group: gi, lateHalfDays: lateHalfDays(slot, s.targetAt), travelKm: travelKm(s, mediators, r) });
      });
    });
  });
  return out;
}

/** Room groups a session may use: allowed kinds; committee rooms of its township, the nearest few. */
function usableGroups(input: ScheduleInput, s: SessionRequest, groups: readonly RoomGroup[], allowed: ReadonlySet<string>): number[] {
  const ok: number[] = [];
  const committee: { gi: number; km: number }[] = [];
  groups.forEach((g, gi) => {
    const r = itemAt(g.rooms, 0, 'rooms of a group');
    if (!allowed.has(r.kind)) return;
    if (r.kind !== 'committee') ok.push(gi);
    else if (r.township === s.township) committee.push({ gi, km: distanceKm(s.location, r.location) });
  });
  committee.sort((a, b) => a.km - b.km || a.gi - b.gi);
  const keep = committee.slice(0, input.nearestCommitteeRooms ?? committee.length).map((c) => c.gi);
  return [...ok, ...keep].sort((a, b) => a - b);
}

/** Free rooms of a group in a slot, in id order. */
export function freeRooms(group: RoomGroup, slot: TimedSlot, busyRooms: ReadonlySet<string>): Room[] {
  const key = slotKey(slot);
  return group.rooms.filter((r) => !busyRooms.has(`${r.id}@${key}`));
}
