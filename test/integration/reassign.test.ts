import type { Referral } from '../../src/domain';
import { omit } from '../../src/domain/omit';
import { countyKeys } from '../../src/adapters/redis/keys';
import { lifecycleKeys } from '../../src/adapters/redis/lifecycle-keys';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { isPinned, mobilityOf, DEFAULT_STABILITY_POLICY } from '../../src/planning/rebalance/policy';
import { RedisRebalanceStore } from '../../src/adapters/redis/rebalance-store';
import { loadDispatchConfig } from '../../src/domain/config/load';
import { runRebalance } from '../../src/use-cases/rebalance/run-rebalance';
import { referrals } from '../support/county-fixture';
import { auditCounty } from '../support/invariants';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestReply, type TestService } from '../support/service';

/** A fresh court referral (consented) of an ordinary family dispute: one seat. */
function courtReferral(tag: string): Referral {
  const r = omit(referrals(1, tag, 11)[0]!, 'deadlineAt');
  return {
    ...r,
    channel: 'court',
    category: 'family',
    class: 'ordinary',
    consent: true,
    referredAt: new Date().toISOString(),
    attempts: [],
  };
}

const SESSION = {
  action: 'schedule_session',
  sessionId: 's-r1',
  roomId: 'centre-1',
  slot: { date: '2030-01-07', half: 'am' },
  start: '2030-01-07T01:00:00.000Z',
  end: '2030-01-07T04:00:00.000Z',
};

describe('a dispatcher reassigns a case not yet in mediation (real API, private Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;
  let n = 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const post = (path: string, body: unknown): Promise<TestReply> => svc.call('POST', path, { key: svc.keys.dispatcher, body });
  const get = (path: string): Promise<TestReply> => svc.call('GET', path, { key: svc.keys.viewer });

  /** A referral, dispatched by the service's own micro-batch: its id and mediators. */
  async function assignedCase(): Promise<{ id: string; mediatorIds: string[] }> {
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: courtReferral(`re-${n++}`) });
    expect(posted.status).toBe(202);
    const id = posted.body.cases[0].caseId as string;
    const c = await waitFor(async () => {
      const r = await get(`/v1/cases/${id}`);
      return r.body.status === 'assigned' ? r.body : undefined;
    });
    return { id, mediatorIds: c.assignment.mediatorIds };
  }

  /** An eligible mediator other than the current ones (from the case's candidate list). */
  async function another(id: string, current: readonly string[]): Promise<string> {
    const cand = await post(`/v1/cases/${id}/candidates`, { k: 10 });
    expect(cand.status).toBe(200);
    const m = (cand.body.seats[0].candidates as { mediatorId: string }[]).find((c) => !current.includes(c.mediatorId));
    return m!.mediatorId;
  }

  async function loads(ids: readonly string[]): Promise<number[]> {
    const client = createRedis(redis.url);
    try {
      return (await client.hmget(countyKeys(svc.county).loads, ...ids)).map((v) => Number(v ?? 0));
    } finally {
      client.disconnect();
    }
  }

  async function reassignedEvents(caseId: string): Promise<Record<string, unknown>[]> {
    const client = createRedis(redis.url);
    try {
      const rows = await client.xrange(countyKeys(svc.county).events, '-', '+');
      return rows
        .filter(([, f]) => f[f.indexOf('type') + 1] === 'case.reassigned')
        .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1]!) as Record<string, unknown>)
        .filter((d) => d.caseId === caseId);
    } finally {
      client.disconnect();
    }
  }

  test.each([
    ['assigned', []],
    ['accepted', [{ action: 'accept' }]],
    ['session_scheduled', [{ action: 'accept' }, SESSION]],
  ] as const)(
    'when a dispatcher reassigns a case that is %s, then loads move exactly, the case is pinned, history and event name the caller and the reason',
    async (state, steps) => {
      const {
        id,
        mediatorIds: [old],
      } = await assignedCase();
      for (const s of steps) expect((await post(`/v1/cases/${id}/transitions`, s)).status).toBe(200);
      const to = await another(id, [old!]);
      const [oldBefore, toBefore] = await loads([old!, to]);

      const r = await post(`/v1/cases/${id}/assignment`, { mediatorIds: [to], reason: 'parties asked for a mediator from their village' });
      expect(r.status).toBe(200);
      expect(r.body.assignment).toMatchObject({ mediatorIds: [to], by: 'dispatcher' });
      expect(r.body.status).toBe(state === 'session_scheduled' ? 'accepted' : state);
      expect(await loads([old!, to])).toEqual([oldBefore! - 1, toBefore! + 1]);
      // Pinned: the nightly rebalance will not move it.
      expect(isPinned(r.body)).toBe(true);
      expect(mobilityOf(r.body, DEFAULT_STABILITY_POLICY)).toEqual({ kind: 'fixed', why: 'pinned' });

      const history = (await get(`/v1/cases/${id}/history`)).body;
      expect(history.history.at(-1)).toMatchObject({
        action: 'reassign',
        by: expect.any(String),
        reason: 'dispatcher: parties asked for a mediator from their village',
        mediatorIds: [to],
        fromMediatorIds: [old],
      });
      expect(history.history.at(-1).by).not.toBe('rebalance');
      expect(history.attempts.at(-1).mediatorIds).toEqual([to]);
      const [event] = await reassignedEvents(id);
      expect(event).toMatchObject({
        by: 'dispatcher',
        actor: history.history.at(-1).by,
        reason: 'parties asked for a mediator from their village',
        fromMediatorIds: [old],
        mediatorIds: [to],
      });
      if (state === 'session_scheduled') {
        expect(history.sessions[0]).toMatchObject({ id: 's-r1', status: 'cancelled' });
        const client = createRedis(redis.url);
        const booked = await client.zrange(lifecycleKeys(svc.county).mediatorCalendar(old!), '0', '-1');
        client.disconnect();
        expect(booked).not.toContain(`${id}|s-r1`);
      }
    },
    60_000,
  );

  test.each([
    ['mediating', [{ action: 'accept' }, { ...SESSION, sessionId: 's-m' }, { action: 'start_mediation' }]],
    ['returned_to_court', [{ action: 'return_to_court', reason: 'parties withdrew consent' }]],
    ['withdrawn', [{ action: 'withdraw', reason: 'the parties settled privately' }]],
  ] as const)('when the case is %s, then a reassignment is refused with 409 naming the current state', async (state, steps) => {
    const { id, mediatorIds } = await assignedCase();
    for (const s of steps) expect((await post(`/v1/cases/${id}/transitions`, s)).status).toBe(200);
    const to = await another(id, mediatorIds);
    const r = await post(`/v1/cases/${id}/assignment`, { mediatorIds: [to], force: true, reason: 'too late' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('conflict');
    expect(r.body.error.details.current).toEqual({ status: state });
  });

  test('when the new mediator breaks a hard rule, then 409 naming the rule; with force and a reason it is done and audited', async () => {
    const { id, mediatorIds } = await assignedCase();
    // An ordinary case seats village mediators (or gold): an industry mediator breaks the tier rule.
    const roster = (await get('/v1/mediators?limit=1000')).body.mediators as {
      id: string;
      tier: string;
      status: string;
      capacity: number;
    }[];
    const all = await loads(roster.map((m) => m.id));
    const excluded = roster.find((m, i) => m.tier === 'industry' && m.status === 'active' && m.capacity > all[i]!)!;
    const refused = await post(`/v1/cases/${id}/assignment`, { mediatorIds: [excluded.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.violations[0]).toMatchObject({ mediatorId: excluded.id, rule: expect.any(String) });
    const forced = await post(`/v1/cases/${id}/assignment`, {
      mediatorIds: [excluded.id],
      force: true,
      reason: 'the court asked for this mediator',
    });
    expect(forced.status).toBe(200);
    const client = createRedis(redis.url);
    const audit = await client.xrange(countyKeys(svc.county).audit, '-', '+');
    client.disconnect();
    const entries = audit.map(([, f]) => JSON.parse(f[f.indexOf('entry') + 1]!) as Record<string, unknown>);
    expect(entries.find((e) => e.caseId === id)).toMatchObject({
      action: 'reassign',
      force: true,
      reason: 'the court asked for this mediator',
      mediatorIds: [excluded.id],
      fromMediatorIds: mediatorIds,
      violations: [expect.objectContaining({ mediatorId: excluded.id })],
    });
  });

  test('when the new mediator is full, then even force does not move the case (capacity is never overridden) and nothing changes', async () => {
    const { id, mediatorIds } = await assignedCase();
    const to = await another(id, mediatorIds);
    const [load] = await loads([to]);
    expect((await svc.call('PATCH', `/v1/mediators/${to}`, { key: svc.keys.dispatcher, body: { capacity: load } })).status).toBe(200);
    const before = await loads([mediatorIds[0]!, to]);
    const r = await post(`/v1/cases/${id}/assignment`, { mediatorIds: [to], force: true, reason: 'we insist' });
    expect(r.status).toBe(409);
    expect(r.body.error.details).toMatchObject({ reason: 'over_capacity', mediatorId: to, current: { status: 'assigned', mediatorIds } });
    expect(await loads([mediatorIds[0]!, to])).toEqual(before);
    expect(await reassignedEvents(id)).toEqual([]);
  });

  test('when the mediator of a reassigned (pinned) case goes on leave, then the nightly rebalance moves the unpinned case and leaves the pinned one', async () => {
    const own = await startTestService({ redisUrl: redis.url });
    const mainSvc = svc;
    svc = own;
    const client = createRedis(redis.url);
    try {
      expect((await putFixtureMediators(own)).status).toBe(200);
      const free = await assignedCase();
      const pinned = await assignedCase();
      const m = free.mediatorIds[0]!;
      const r = await post(`/v1/cases/${pinned.id}/assignment`, {
        mediatorIds: [m],
        force: true,
        reason: 'the parties know this mediator',
      });
      expect(r.status).toBe(200);
      expect((await svc.call('PATCH', `/v1/mediators/${m}`, { key: svc.keys.dispatcher, body: { status: 'on_leave' } })).status).toBe(200);

      const run = await runRebalance(new RedisRebalanceStore(client, svc.county), { config: loadDispatchConfig(), dryRun: false });
      if (run.status !== 'applied') throw new Error(`rebalance ${run.status}`);
      expect(run.applied?.applied).toContain(free.id);
      expect(run.applied?.applied).not.toContain(pinned.id);
      expect(run.fixedOnLeave).toContainEqual({ caseId: pinned.id, mediatorId: m, why: 'pinned' });
      expect((await get(`/v1/cases/${pinned.id}`)).body.assignment).toMatchObject({ mediatorIds: [m], by: 'dispatcher' });
      expect((await get(`/v1/cases/${free.id}`)).body.assignment.mediatorIds).not.toEqual([m]);
      expect((await auditCounty(redis.url, svc.county)).problems).toEqual([]);
    } finally {
      client.disconnect();
      svc = mainSvc;
      await own.stop();
    }
  }, 60_000);

  test('when two dispatchers reassign the same case at once, many rounds, then never both from the same state: a loser gets 409 with the current state, and loads follow the final choice', async () => {
    let races = 0;
    for (let round = 0; round < 6; round++) {
      const {
        id,
        mediatorIds: [old],
      } = await assignedCase();
      const cand = await post(`/v1/cases/${id}/candidates`, { k: 10 });
      const [a, b] = (cand.body.seats[0].candidates as { mediatorId: string }[]).map((c) => c.mediatorId).filter((m) => m !== old);
      const before = await loads([old!, a!, b!]);
      const replies = await Promise.all([
        post(`/v1/cases/${id}/assignment`, { mediatorIds: [a], reason: 'desk one' }),
        post(`/v1/cases/${id}/assignment`, { mediatorIds: [b], reason: 'desk two' }),
      ]);
      const won = replies.filter((r) => r.status === 200);
      const lost = replies.filter((r) => r.status !== 200);
      // Both may succeed only one after the other (the second read the first's pin and moved it again); never both from the same state.
      expect(won.length).toBeGreaterThanOrEqual(1);
      const final = (await get(`/v1/cases/${id}`)).body.assignment as { mediatorIds: string[]; by: string };
      expect(final.by).toBe('dispatcher');
      for (const r of lost) {
        expect(r.status).toBe(409);
        expect(r.body.error.details.current).toMatchObject({ status: 'assigned', mediatorIds: final.mediatorIds, by: 'dispatcher' });
      }
      races += lost.length;
      const [winner] = final.mediatorIds;
      const after = await loads([old!, a!, b!]);
      expect(after).toEqual([before[0]! - 1, before[1]! + (winner === a ? 1 : 0), before[2]! + (winner === b ? 1 : 0)]);
      expect(await reassignedEvents(id)).toHaveLength(won.length);
    }
    console.log(`two dispatchers, 6 rounds: ${races} lost the race with 409, ${6 - races} ran one after the other`);
  }, 60_000);

  test('when a case is declined, then its allowedActions do not offer what the transitions route refuses', async () => {
    const { id } = await assignedCase();
    const declined = await post(`/v1/cases/${id}/transitions`, { action: 'decline', reason: 'conflict of interest' });
    expect(declined.status).toBe(200);
    for (const action of declined.body.allowedActions as string[]) {
      expect(['assign', 'mark_unassigned']).not.toContain(action);
    }
    expect(declined.body.allowedActions).toContain('return_to_court');
  });

  test('when a pin and a dispatch race for a fresh referral, many rounds, then exactly one wins each time and the loads stay consistent', async () => {
    // A county of its own, so the audit's invariants (every load = seats of assigned cases) hold.
    const own = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(own)).status).toBe(200);
    const mainSvc = svc;
    svc = own;
    try {
      const probe = await assignedCase();
      const choices = (await post(`/v1/cases/${probe.id}/candidates`, { k: 6 })).body.seats[0].candidates.map(
        (c: { mediatorId: string }) => c.mediatorId,
      ) as string[];
      const tally = { pinned: 0, reassigned: 0, conflict: 0 };
      for (let round = 0; round < 12; round++) {
        const chosen = choices[round % choices.length]!;
        const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: courtReferral(`race-${round}`) });
        const id = posted.body.cases[0].caseId as string;
        const [pin, dispatch] = await Promise.all([
          post(`/v1/cases/${id}/assignment`, { mediatorIds: [chosen] }),
          post('/v1/dispatch', {}),
        ]);
        expect(dispatch.status).toBe(202);
        const final = await waitFor(async () => {
          const c = (await get(`/v1/cases/${id}`)).body;
          return c.status === 'assigned' ? c : undefined;
        });
        if (pin.status === 200) {
          // The pin won (or came after the batch and moved the case): the dispatcher's choice stands.
          expect(final.assignment).toMatchObject({ mediatorIds: [chosen], by: 'dispatcher' });
          const moved = (await reassignedEvents(id)).length > 0;
          tally[moved ? 'reassigned' : 'pinned'] += 1;
        } else {
          expect(pin.status).toBe(409);
          expect(pin.body.error.details.current).toBeDefined();
          if (pin.body.error.details.reason === 'changed') {
            expect(pin.body.error.details.current.status).toBe('assigned');
            expect(final.assignment.by).toBe('optimizer');
          }
          tally.conflict += 1;
        }
      }
      // Let the queued dispatches finish, then check every load against the cases that hold it.
      await new Promise((r) => setTimeout(r, 500));
      const audit = await auditCounty(redis.url, svc.county);
      expect(audit.problems).toEqual([]);
      expect(tally.pinned + tally.reassigned + tally.conflict).toBe(12);
      console.log(`race outcomes over 12 rounds: ${JSON.stringify(tally)}`);
    } finally {
      svc = mainSvc;
      await own.stop();
    }
  }, 120_000);
});
