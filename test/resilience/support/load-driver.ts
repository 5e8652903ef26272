import type { Referral } from '../../../src/domain';

/** One referral's POST as the client saw it. */
export interface Attempt {
  readonly externalId: string;
  readonly sentAt: number;
  readonly doneAt: number;
  /** HTTP status, or 0 when there was no reply (connection refused or reset, client timeout). */
  readonly status: number;
  /** The case id of a 202, the one a client would go on to follow. */
  readonly caseId?: string;
}

export interface LoadResult {
  readonly attempts: readonly Attempt[];
  /** Referrals the service acknowledged (202), by case id. */
  readonly acknowledged: readonly string[];
  /** Replies ≥ 500. */
  readonly serverErrors: number;
  /** Requests without a reply. */
  readonly noReply: number;
  /** Status → count, for the printed figures. */
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface LoadOptions {
  readonly url: string;
  readonly key: string;
  readonly referrals: readonly Referral[];
  /** Requests started per second (one referral each). */
  readonly perSecond: number;
  /** A request without a reply after this long counts as no reply. @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** Called once per settled request, e.g. to inject a fault after the n-th. */
  readonly onSettled?: (done: number) => void;
}

async function post(url: string, key: string, referral: Referral, timeoutMs: number): Promise<Attempt> {
  const sentAt = Date.now();
  try {
    const res = await fetch(`${url}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(referral),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => undefined)) as { cases?: { caseId: string }[] } | undefined;
    const caseId = res.status === 202 ? body?.cases?.[0]?.caseId : undefined;
    return { externalId: referral.externalId, sentAt, doneAt: Date.now(), status: res.status, ...(caseId ? { caseId } : {}) };
  } catch {
    return { externalId: referral.externalId, sentAt, doneAt: Date.now(), status: 0 };
  }
}

/**
 * Posts each referral once, at a steady rate whatever the replies (an open-loop client, like a
 * court's systems), and records what was acknowledged. Bounded by the number of referrals.
 */
export async function driveLoad(opts: LoadOptions): Promise<LoadResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const start = Date.now();
  let done = 0;
  const pending = opts.referrals.map(async (referral, i) => {
    const wait = start + (i * 1000) / opts.perSecond - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const attempt = await post(opts.url, opts.key, referral, timeoutMs);
    opts.onSettled?.(++done);
    return attempt;
  });
  const attempts = await Promise.all(pending);
  const byStatus: Record<string, number> = {};
  for (const a of attempts) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return {
    attempts,
    acknowledged: attempts.flatMap((a) => (a.caseId ? [a.caseId] : [])),
    serverErrors: attempts.filter((a) => a.status >= 500).length,
    noReply: attempts.filter((a) => a.status === 0).length,
    byStatus,
  };
}

/** PUT /v1/mediators with the fixture county's mediators (the roster intake dispatches to); returns the status. */
export async function loadMediators(url: string, adminKey: string, roster: readonly unknown[]): Promise<number> {
  const res = await fetch(`${url}/v1/mediators`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(roster),
  });
  await res.arrayBuffer();
  return res.status;
}

/** One POST of many referrals (a court's batch): its status and acknowledged case ids. */
export async function postBatch(url: string, key: string, batch: readonly Referral[]): Promise<{ status: number; caseIds: string[] }> {
  try {
    const res = await fetch(`${url}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => undefined)) as { cases?: { caseId: string }[] } | undefined;
    return { status: res.status, caseIds: res.status === 202 ? (body?.cases ?? []).map((c) => c.caseId) : [] };
  } catch {
    return { status: 0, caseIds: [] };
  }
}
