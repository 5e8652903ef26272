/** Session scheduling: sessions → (half-day, room), exact and pure. */
export * from './types';
export { scheduleSessions, type SchedulerOptions } from './scheduler';
export { reschedule, type RescheduleChange, type RescheduleResult } from './reschedule';
export { horizon, timedSlot, weekdayOf, slotKey, type HalfDayClock } from './slots';
