/** Time is injected everywhere in the lifecycle, so tests run on fake clocks. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
