import type { CourtFigures, CourtMonth } from '../../domain/court-figures';

/**
 * A county's monthly court figures (issue 17 part 4). Redis today (`adapters/redis`); the
 * PostgreSQL ledger of a later issue implements the same port.
 */
export interface CourtFiguresStore {
  /** The months from `from` to `to` inclusive (`YYYY-MM`), in month order; every month when both are left out. */
  list(from?: string, to?: string): Promise<CourtMonth[]>;
  /** Writes every given month at once (all or nothing), replacing what each held. */
  putMany(months: readonly { readonly month: string; readonly figures: CourtFigures }[], at: Date): Promise<void>;
}
