import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import type { Referral } from '../../src/domain';
import { launchChromium } from '../support/browser';
import { referrals } from '../support/county-fixture';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** A person who signs in to the console (TIAOJIE_BOOTSTRAP_USERS). */
export interface Person {
  readonly username: string;
  readonly displayName: string;
  readonly role: 'dispatcher' | 'viewer' | 'admin';
  readonly password: string;
}

/** What the browser tests share: one service (API + worker) on a private Redis, one chromium. */
export interface ConsoleWorld {
  readonly svc: TestService;
  readonly browser: Browser;
  readonly dispatcher: Person;
  readonly viewer: Person;
  readonly admin: Person;
  /** Posts the next ordinary referral with the court's key, dated now; returns its case id. */
  postReferral(): Promise<string>;
  /** The case as a viewer reads it through the API. */
  caseOf(id: string): Promise<CaseView>;
  /** The mediator with their current load, through the API. */
  mediatorOf(id: string): Promise<MediatorView>;
  /** The case's summonses (issue 17) as a viewer reads them through the API. */
  summonsesOf(caseId: string): Promise<readonly SummonsView[]>;
  close(): Promise<void>;
}

export interface CaseView {
  readonly id: string;
  readonly status: string;
  readonly assignment?: { readonly mediatorIds: readonly string[] };
}

export interface MediatorView {
  readonly id: string;
  readonly name: string;
  readonly load: number;
  readonly capacity: number;
  readonly status: string;
}

export interface SummonsView {
  readonly id: string;
  readonly department: string;
  readonly status: string;
  readonly onTime?: boolean;
}

const password = () => `pw-${randomBytes(9).toString('hex')}`;

/**
 * Ordinary referrals (family, neighbour, land): decided by the optimizer at once, never proposed
 * to a dispatcher or held (issue 16's modes send major cases there).
 */
function ordinaryReferrals(tag: string): Referral[] {
  return referrals(400, tag).filter((r) => ['family', 'neighbour', 'land'].includes(r.category));
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const county = uniqueCounty('e2e');
  const person = (role: Person['role'], displayName: string): Person => ({ username: `${role}1`, displayName, role, password: password() });
  const dispatcher = person('dispatcher', '调度员甲');
  const viewer = person('viewer', '查看员乙');
  const admin = person('admin', '管理员丙');
  let redis: TestRedis | undefined;
  let svc: TestService | undefined;
  let browser: Browser | undefined;
  try {
    // The browser first: when chromium is missing the file fails at once with the apt command.
    browser = await launchChromium();
    redis = await startTestRedis();
    svc = await startTestService({
      redisUrl: redis.url,
      county,
      env: {
        // The rebalance is asked for by the test (a dry run), never run by the clock.
        REBALANCE_NIGHTLY: 'false',
        TIAOJIE_BOOTSTRAP_USERS: JSON.stringify([dispatcher, viewer, admin].map((p) => ({ ...p, county }))),
      },
    });
    const loaded = await putFixtureMediators(svc);
    if (loaded.status !== 200) throw new Error(`PUT /v1/mediators: ${loaded.status} ${JSON.stringify(loaded.body)}`);
  } catch (err) {
    await svc?.stop();
    await redis?.stop();
    await browser?.close();
    throw err;
  }
  const s = svc;
  const pool = ordinaryReferrals(county);
  let next = 0;
  return {
    svc: s,
    browser,
    dispatcher,
    viewer,
    admin,
    async postReferral() {
      const r = pool[next++];
      if (!r) throw new Error('the fixture ran out of ordinary referrals');
      // Dated now, as the court sends them: legal clocks start today, not in 2024.
      const reply = await s.call('POST', '/v1/referrals', { key: s.keys.court, body: { ...r, referredAt: new Date().toISOString() } });
      if (reply.status !== 202) throw new Error(`POST /v1/referrals: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.cases[0].caseId as string;
    },
    async caseOf(id) {
      const r = await s.call('GET', `/v1/cases/${encodeURIComponent(id)}`, { key: s.keys.viewer });
      if (r.status !== 200) throw new Error(`GET /v1/cases/${id}: ${r.status}`);
      return r.body as CaseView;
    },
    async mediatorOf(id) {
      const r = await s.call('GET', `/v1/mediators/${encodeURIComponent(id)}`, { key: s.keys.viewer });
      if (r.status !== 200) throw new Error(`GET /v1/mediators/${id}: ${r.status}`);
      return r.body as MediatorView;
    },
    async summonsesOf(caseId) {
      const r = await s.call('GET', `/v1/cases/${encodeURIComponent(caseId)}/summonses`, { key: s.keys.viewer });
      if (r.status !== 200) throw new Error(`GET /v1/cases/${caseId}/summonses: ${r.status}`);
      return (r.body as { items: SummonsView[] }).items;
    },
    async close() {
      await browser?.close();
      await s.stop();
      await redis?.stop();
    },
  };
}

/** Waits until the case is assigned (through the API); returns it. */
export function assignedCase(world: ConsoleWorld, id: string, timeoutMs = 15_000): Promise<CaseView> {
  return waitFor(async () => {
    const c = await world.caseOf(id);
    return c.status === 'assigned' && c.assignment ? c : undefined;
  }, timeoutMs);
}
