import type { Mediator } from '../../domain';

/** The mediators of one county and their open-case loads, as the API reads and edits them. */
export interface MediatorDirectory {
  /** Inserts or replaces whole records; returns how many ids were new. */
  upsert(mediators: readonly Mediator[]): Promise<{ created: number; updated: number }>;
  /** Every mediator, by id. Shared between callers: do not mutate. */
  list(): Promise<readonly Mediator[]>;
  /** The mediator, or null when the id is unknown. */
  get(id: string): Promise<Mediator | null>;
  /** Open seats per mediator id; absent = 0. */
  loads(): Promise<ReadonlyMap<string, number>>;
  /** Open seats of one mediator. */
  load(id: string): Promise<number>;
}
