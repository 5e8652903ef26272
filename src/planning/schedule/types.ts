import type { Location } from '../../domain/geo';
import type { HalfDaySlot, LeavePeriod, MediatorStatus } from '../../domain/mediator';
import type { DatedSlot, Room, RoomKind } from '../../domain/session';
import type { CaseClass } from '../../domain/taxonomy';

/** A half-day of the planning horizon with its clock times. */
export interface TimedSlot extends DatedSlot {
  /** ISO instant the half-day starts. */
  readonly start: string;
  readonly end: string;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

/** What the scheduler needs to know about a mediator. */
export interface ScheduleMediator {
  readonly id: string;
  readonly location: Location;
  readonly availability: readonly HalfDaySlot[];
  readonly status: MediatorStatus;
  readonly leave: readonly LeavePeriod[];
}

/** A session to place: all its mediators (a panel) must be free in the same slot. */
export interface SessionRequest {
  readonly id: string;
  readonly caseId: string;
  readonly class: CaseClass;
  readonly mediatorIds: readonly string[];
  /** The case's township (committee rooms only there) and location (where the parties live). */
  readonly township: string;
  readonly location: Location;
  /** No slot starting before this instant. */
  readonly notBefore: string;
  /** The class target: slots starting later count as late. */
  readonly targetAt: string;
  /** The legal deadline: no slot ending after it (null: none). */
  readonly deadlineAt: string | null;
  /** Slots the parties said they can attend (`YYYY-MM-DD/am`); absent = any. */
  readonly partyWindows?: readonly DatedSlot[];
  /**
   * Room kinds this session may use instead of its class's: a joint session of a panel with a
   * legal expert sits in a legal-expert room (issue 17, convening). @defaultValue `kindsByClass[class]`
   */
  readonly roomKinds?: readonly RoomKind[];
}

/** A slot already taken (by a booking that stays) for a mediator or a room. */
export interface BusyEntry {
  readonly slot: DatedSlot;
  readonly mediatorId?: string;
  readonly roomId?: string;
}

export interface ScheduleWeights {
  /** Cost per km travelled by each mediator and by the parties to the room. @defaultValue 1 */
  readonly perKm: number;
  /** Cost per slot of delay from the start of the horizon (prefers earlier sessions among equals). @defaultValue 0.01 */
  readonly perSlotIndex: number;
}

export interface ScheduleInput {
  /** The planning horizon, in time order. */
  readonly slots: readonly TimedSlot[];
  readonly sessions: readonly SessionRequest[];
  readonly mediators: readonly ScheduleMediator[];
  readonly rooms: readonly Room[];
  readonly kindsByClass: Readonly<Record<CaseClass, readonly RoomKind[]>>;
  /** @defaultValue [] */
  readonly busy?: readonly BusyEntry[];
  /**
   * Committee rooms a session may use: only the nearest this many (to the parties) in the case's
   * township — parties meet in their own or a nearby village. @defaultValue every one in the township
   */
  readonly nearestCommitteeRooms?: number;
  /** @defaultValue {perKm: 1, perSlotIndex: 0.01} */
  readonly weights?: Partial<ScheduleWeights>;
}

export interface Booking {
  readonly sessionId: string;
  readonly caseId: string;
  readonly slot: TimedSlot;
  readonly roomId: string;
  readonly mediatorIds: readonly string[];
  /** Half-days after the class target the slot starts (0 = on time). */
  readonly lateHalfDays: number;
  readonly travelKm: number;
}

export type UnscheduledReason =
  /** No slot before the deadline where every mediator, a room and the parties are free. */
  | 'no_feasible_slot'
  /** Feasible slots exist but other sessions took them. */
  | 'crowded_out';

export type ScheduleResult =
  | {
      readonly status: 'optimal';
      readonly bookings: readonly Booking[];
      readonly unscheduled: readonly { readonly sessionId: string; readonly reason: UnscheduledReason }[];
      /** Σ lateHalfDays over bookings. */
      readonly lateHalfDays: number;
      readonly travelKm: number;
    }
  | { readonly status: 'error'; readonly message: string };
