/** A manual decision, kept in the county's audit trail. */
export interface AuditEntry {
  /** `pin`: a waiting case assigned by hand; `reassign`: a case already assigned moved by hand. */
  readonly action: 'pin' | 'reassign';
  readonly caseId: string;
  readonly mediatorIds: readonly string[];
  /** `reassign` only: the seats before, in seat order. */
  readonly fromMediatorIds?: readonly string[];
  /** Label of the API key (never the key). */
  readonly by: string;
  readonly force: boolean;
  /** The dispatcher's reason (required when forcing past the hard rules). */
  readonly reason?: string;
  /** Hard rules the choice broke, when forced. */
  readonly violations?: readonly unknown[];
}

// issue 16 — modes: a dispatcher confirms a proposal; an admin changes the dispatch settings.
/** A proposal confirmed as proposed. */
export interface ProposalAuditEntry {
  readonly action: 'proposal_confirm';
  readonly caseId: string;
  readonly mediatorIds: readonly string[];
  /** Label of the API key (never the key). */
  readonly by: string;
  /** A panel's seats the dispatcher gave to someone else before confirming (issue 17, convening). */
  readonly swaps?: readonly { readonly role: string; readonly from: string; readonly to: string }[];
}

/** The county's dispatch settings changed: the new settings. */
export interface SettingsAuditEntry {
  readonly action: 'dispatch_settings' | 'summons_settings';
  /** Label of the API key (never the key). */
  readonly by: string;
  readonly settings: unknown;
}

/** Any entry of the trail. */
export type AnyAuditEntry = AuditEntry | ProposalAuditEntry | SettingsAuditEntry;

/** The audit trail of one county: append-only. */
export interface AuditLog {
  /** Appends the entry with the current time; returns its id in the trail. */
  append(entry: AnyAuditEntry): Promise<string>;
}
