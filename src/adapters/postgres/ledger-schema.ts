import type { ColumnType, Generated, Transaction } from 'kysely';
import type { FactColumnValues } from './fact-columns';

/** A timestamp column: written as an ISO string or a Date, read as a Date. */
type Instant = ColumnType<Date, string | Date, string | Date>;
type NullableInstant = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** A jsonb column: written as JSON text, read as the parsed value. */
type Json = ColumnType<unknown, string, string>;

/** The ledger's tables as Kysely sees them (migrations/m0001-ledger.ts creates them). */
export interface LedgerTables {
  readonly ledger_cursors: {
    county: string;
    stream: string;
    last_id: string;
    read_count: Generated<number>;
    updated_at: Generated<Date>;
  };
  readonly cases: {
    county: string;
    case_id: string;
    external_id: string;
    channel: string;
    category: string;
    class: string;
    township: string;
    village: string;
    status: string;
    referred_at: Instant;
    deadline_at: NullableInstant;
    closed_at: NullableInstant;
    outcome: string | null;
    settled_at: NullableInstant;
    returned_at: NullableInstant;
    mediator_ids: string[];
    clock_due_at: NullableInstant;
    file_version: number;
    case_doc: Json;
    file: Json;
    updated_at: Instant;
    evicted_at: NullableInstant;
    /** The first and last instant the report's rules can count the case at (m0002). */
    counts_from: NullableInstant;
    counts_until: NullableInstant;
  };
  /** A case's plain report counts at one instant (m0002; columns: fact-columns.ts). */
  readonly case_facts: { county: string; case_id: string; at: Instant } & FactColumnValues;
  readonly case_history: { county: string; case_id: string; seq: number; action: string; at: Instant; entry: Json };
  readonly ledger_events: { county: string; event_id: string; type: string; case_id: string; at: NullableInstant; data: Json };
  readonly sessions: {
    county: string;
    case_id: string;
    session_id: string;
    attempt: number;
    status: string;
    starts_at: Instant;
    room_id: string;
    mediator_ids: string[];
    doc: Json;
  };
  readonly summonses: {
    county: string;
    summons_id: string;
    case_id: string;
    department: string;
    status: string;
    required_by: Instant;
    version: number;
    doc: Json;
  };
  readonly mediators: {
    county: string;
    mediator_id: string;
    tier: string;
    organization: string;
    status: string;
    doc: Json;
    updated_at: Instant;
  };
  readonly court_figures: { county: string; month: string; doc: Json };
  readonly decisions: { county: string; entry_id: string; at: Instant; entry: Json };
  /** A registered county's profile and status (m0003). */
  readonly counties: {
    county: string;
    status: string;
    version: number;
    name_zh: string;
    population: number;
    townships: number;
    villages: number;
    profile: Json;
    changed_at: NullableInstant;
    updated_at: Instant;
  };
  /** A county's settings of one kind, as stored (m0003). */
  readonly county_settings: { county: string; kind: string; doc: Json; updated_at: Instant };
  /** An account as stored, its password as the argon2id hash only (m0003). */
  readonly users: {
    username: string;
    county: string | null;
    role: string;
    disabled: boolean;
    created_at: Instant;
    doc: Json;
    updated_at: Instant;
  };
}

/** A transaction on the ledger. */
export type LedgerTx = Transaction<LedgerTables>;
