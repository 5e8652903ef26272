import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { flatPairs } from '../../src/adapters/redis/replies';
import type { Referral } from '../../src/domain';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestReply, type TestService } from '../support/service';

/** Issue 16 item 2, "Hold for a person": dispatch modes, `hold`, proposals and their timeout, on the real API. */
describe('dispatch modes: auto, propose, manual, hold', () => {
  let redis: TestRedis;
  let svc: TestService;
  let store: TiaojieRedis;
  let serial = 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    store = createRedis(redis.url);
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    store?.disconnect();
    await svc?.stop();
    await redis?.stop();
  });

  const DEFAULTS = { dispatchModes: { ordinary: 'auto', professional: 'auto', major: 'propose' }, proposalTimeoutMinutes: 120 };

  const putSettings = (body: unknown, key = svc.keys.admin): Promise<TestReply> => svc.call('PUT', '/v1/settings/dispatch', { key, body });

  /** A fresh fixture referral of the given class (unique externalId). */
  function referral(cls: Referral['class'], extra: Partial<Referral> = {}): Referral {
    serial += 1;
    const [r] = referrals(1, `modes-${serial}`, serial);
    return { ...r!, externalId: `modes-${serial}-${cls ?? 'x'}`, class: cls, ...extra };
  }

  async function refer(r: Referral): Promise<string> {
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: r });
    expect(posted.status).toBe(202);
    return posted.body.cases[0].caseId as string;
  }

  const getCase = async (id: string) => (await svc.call('GET', `/v1/cases/${id}`, { key: svc.keys.viewer })).body;

  /** Waits until the case leaves `referred` (the batcher has seen it); returns it. */
  const settled = (id: string) =>
    waitFor(async () => {
      const c = await getCase(id);
      return c.status === 'referred' ? undefined : c;
    });

  /** The county's events about one case, in stream order: [type, data]. */
  async function eventsOf(caseId: string): Promise<[string, { by?: string; mediatorIds?: string[] }][]> {
    const out: [string, { by?: string; mediatorIds?: string[] }][] = [];
    for (const [, fields] of await store.xrange(countyKeys(svc.county).events, '-', '+')) {
      const f = Object.fromEntries(flatPairs(fields));
      const data = JSON.parse(f.data ?? '{}') as { caseId?: string; by?: string; mediatorIds?: string[] };
      if (data.caseId === caseId) out.push([f.type ?? '', data]);
    }
    return out;
  }

  async function loadOf(mediatorId: string): Promise<number> {
    const m = await svc.call('GET', `/v1/mediators/${mediatorId}`, { key: svc.keys.viewer });
    return m.body.load as number;
  }

  /** A major referral the county can staff, proposed under the default settings. */
  async function proposedMajor() {
    for (let tries = 0; tries < 20; tries++) {
      const id = await refer(referral('major'));
      const c = await settled(id);
      if (c.status === 'proposed') return c;
    }
    throw new Error('no major referral was proposed in 20 tries');
  }

  test('when a county never saved settings, then GET answers the defaults: major propose, the rest auto, 120 minutes', async () => {
    const got = await svc.call('GET', '/v1/settings/dispatch', { key: svc.keys.viewer });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(DEFAULTS);
  });

  test('when a major referral arrives under the defaults, then it is proposed with explanation and candidates, holding no load; an ordinary one is assigned', async () => {
    const c = await proposedMajor();
    expect(c.assignment).toBeNull();
    expect(c.proposal.mediatorIds).toHaveLength(2);
    expect(c.proposal.seats[0].explanation.text).toMatch(/chosen:/);
    expect(c.proposal.candidates.length).toBe(2);
    expect(c.proposal.candidates[0].candidates.length).toBeGreaterThan(1);
    expect(Date.parse(c.proposal.expiresAt) - Date.parse(c.proposal.proposedAt)).toBe(120 * 60_000);
    for (const m of c.proposal.mediatorIds as string[]) expect(await loadOf(m)).toBe(0);
    expect((await eventsOf(c.id)).map(([t]) => t)).toEqual(['case.referred', 'case.proposed']);
    const listed = await svc.call('GET', '/v1/cases?status=proposed', { key: svc.keys.dispatcher });
    expect(listed.body.cases.map((x: { id: string }) => x.id)).toContain(c.id);

    const ordinary = await settled(await refer(referral('ordinary')));
    expect(ordinary.status).toBe('assigned');
    expect(ordinary.assignment.by).toBe('optimizer');
  });

  test('when a dispatcher confirms a proposal, then the case is assigned to the proposed panel, loads move, and a second confirm is 409', async () => {
    const c = await proposedMajor();
    const ids = c.proposal.mediatorIds as string[];
    const before = await Promise.all(ids.map(loadOf));
    expect((await svc.call('POST', `/v1/cases/${c.id}/proposal/confirm`, { key: svc.keys.viewer })).status).toBe(403);
    const confirmed = await svc.call('POST', `/v1/cases/${c.id}/proposal/confirm`, { key: svc.keys.dispatcher });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('assigned');
    expect(confirmed.body.assignment.mediatorIds).toEqual(ids);
    expect(confirmed.body.assignment.by).toBe('dispatcher');
    expect(confirmed.body.proposal).toBeUndefined();
    expect(await Promise.all(ids.map(loadOf))).toEqual(before.map((n) => n + 1));
    expect((await eventsOf(c.id)).map(([t]) => t)).toEqual(['case.referred', 'case.proposed', 'case.proposal_confirmed', 'case.assigned']);
    const again = await svc.call('POST', `/v1/cases/${c.id}/proposal/confirm`, { key: svc.keys.dispatcher });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ status: 'assigned' });
  });

  test('when a dispatcher picks another panel with a pin, then the proposed case is assigned to the other', async () => {
    const c = await proposedMajor();
    const [leadSeat, expertSeat] = c.proposal.candidates as { candidates: { mediatorId: string }[] }[];
    const lead = leadSeat!.candidates.find((x) => x.mediatorId !== c.proposal.mediatorIds[0])!.mediatorId;
    const expert = expertSeat!.candidates.find((x) => x.mediatorId !== lead)!.mediatorId;
    const pinned = await svc.call('POST', `/v1/cases/${c.id}/assignment`, {
      key: svc.keys.dispatcher,
      body: { mediatorIds: [lead, expert] },
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body.assignment).toMatchObject({ mediatorIds: [lead, expert], by: 'dispatcher' });
    expect(pinned.body.proposal).toBeUndefined();
    expect((await svc.call('POST', `/v1/cases/${c.id}/proposal/confirm`, { key: svc.keys.dispatcher })).status).toBe(409);
  });

  test('when a proposal times out, then the clock run assigns it as proposed, by the optimizer, with case.proposal_expired first', async () => {
    expect((await putSettings({ ...DEFAULTS, proposalTimeoutMinutes: 0 })).status).toBe(200);
    try {
      const c = await proposedMajor();
      const tick = await svc.call('POST', '/v1/clock/tick', { key: svc.keys.dispatcher });
      expect(tick.status).toBe(200);
      expect(tick.body.events['case.proposal_expired']).toBeGreaterThanOrEqual(1);
      const after = await getCase(c.id);
      expect(after.status).toBe('assigned');
      expect(after.assignment).toMatchObject({ mediatorIds: c.proposal.mediatorIds, by: 'optimizer' });
      // The fixture's referral dates are old: the same run may also raise deadline events after these.
      const types = (await eventsOf(c.id)).map(([t]) => t).slice(0, 4);
      expect(types).toEqual(['case.referred', 'case.proposed', 'case.proposal_expired', 'case.assigned']);
    } finally {
      expect((await putSettings(DEFAULTS)).status).toBe(200);
    }
  });

  test('when a timed-out proposal no longer fits (its lead went on leave), then it goes back to waiting and the next dispatch assigns it as auto', async () => {
    expect((await putSettings({ ...DEFAULTS, proposalTimeoutMinutes: 0 })).status).toBe(200);
    const lead = { id: '', status: '' };
    try {
      const c = await proposedMajor();
      lead.id = c.proposal.mediatorIds[0] as string;
      lead.status = (await svc.call('GET', `/v1/mediators/${lead.id}`, { key: svc.keys.viewer })).body.status as string;
      const leave = await svc.call('PATCH', `/v1/mediators/${lead.id}`, { key: svc.keys.dispatcher, body: { status: 'on_leave' } });
      expect(leave.status).toBe(200);
      const tick = await svc.call('POST', '/v1/clock/tick', { key: svc.keys.dispatcher });
      expect(tick.body.events['case.unassigned']).toBeGreaterThanOrEqual(1);
      const released = await getCase(c.id);
      expect(released).toMatchObject({ status: 'unassigned', unassignedReason: 'conflict' });
      expect(released.proposal.mediatorIds).toEqual(c.proposal.mediatorIds);
      const all = await svc.call('POST', '/v1/dispatch', { key: svc.keys.dispatcher });
      expect(all.status).toBe(202);
      const after = await waitFor(async () => {
        const x = await getCase(c.id);
        return x.status === 'unassigned' ? undefined : x;
      });
      expect(after.status).toBe('assigned');
      expect(after.assignment.by).toBe('optimizer');
      expect(after.assignment.mediatorIds).not.toContain(lead.id);
    } finally {
      if (lead.id) await svc.call('PATCH', `/v1/mediators/${lead.id}`, { key: svc.keys.dispatcher, body: { status: lead.status } });
      expect((await putSettings(DEFAULTS)).status).toBe(200);
    }
  });

  test('when a class is manual, then its referrals wait as held, listed for dispatchers, through a dispatch-all, until pinned', async () => {
    expect((await putSettings({ ...DEFAULTS, dispatchModes: { ...DEFAULTS.dispatchModes, ordinary: 'manual' } })).status).toBe(200);
    try {
      const id = await refer(referral('ordinary'));
      expect((await settled(id)).status).toBe('held');
      const all = await svc.call('POST', '/v1/dispatch', { key: svc.keys.dispatcher });
      await waitFor(async () => {
        const job = await svc.call('GET', `/v1/jobs/${all.body.jobId as string}`, { key: svc.keys.viewer });
        return job.body.state === 'completed' ? true : undefined;
      });
      expect((await getCase(id)).status).toBe('held');
      const listed = await svc.call('GET', '/v1/cases?status=held', { key: svc.keys.dispatcher });
      expect(listed.body.cases.map((x: { id: string }) => x.id)).toContain(id);
      const cands = await svc.call('POST', `/v1/cases/${id}/candidates`, { key: svc.keys.dispatcher, body: { k: 1 } });
      const pick = cands.body.seats[0].candidates[0].mediatorId as string;
      const pinned = await svc.call('POST', `/v1/cases/${id}/assignment`, { key: svc.keys.dispatcher, body: { mediatorIds: [pick] } });
      expect(pinned.status).toBe(200);
      expect(pinned.body.assignment).toMatchObject({ mediatorIds: [pick], by: 'dispatcher' });
    } finally {
      expect((await putSettings(DEFAULTS)).status).toBe(200);
    }
  });

  test('when an ordinary referral asks hold and a pin follows at once, then the pin wins every round and the batcher never assigns it', async () => {
    const ROUNDS = 25;
    const pool = mediators().filter((m) => m.status === 'active' && m.capacity > 0);
    const ids: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const id = await refer(referral('ordinary', { hold: true }));
      const mediatorId = pool[(i * 7) % pool.length]!.id;
      const pin = await svc.call('POST', `/v1/cases/${id}/assignment`, {
        key: svc.keys.dispatcher,
        body: { mediatorIds: [mediatorId], force: true, reason: 'dispatcher chooses (hold)' },
      });
      expect(pin.status).toBe(200);
      expect(pin.body.assignment).toMatchObject({ mediatorIds: [mediatorId], by: 'dispatcher' });
      ids.push(id);
    }
    // Every referral job has run by now: none of them assigned anything.
    for (const id of ids) {
      await waitFor(async () => {
        const job = await svc.call('GET', `/v1/jobs/${id}`, { key: svc.keys.viewer });
        return job.body.state === 'completed' ? true : undefined;
      });
      const assigned = (await eventsOf(id)).filter(([t]) => t === 'case.assigned');
      expect(assigned.map(([, d]) => d.by)).toEqual(['dispatcher']);
    }
  });

  test('when a held referral is left alone, then it waits as held and a later pin assigns it', async () => {
    const id = await refer(referral('ordinary', { hold: true }));
    expect((await settled(id)).status).toBe('held');
    expect((await eventsOf(id)).map(([t]) => t)).toEqual(['case.referred', 'case.held']);
    const cands = await svc.call('POST', `/v1/cases/${id}/candidates`, { key: svc.keys.dispatcher, body: { k: 1 } });
    const pick = cands.body.seats[0].candidates[0].mediatorId as string;
    const pinned = await svc.call('POST', `/v1/cases/${id}/assignment`, { key: svc.keys.dispatcher, body: { mediatorIds: [pick] } });
    expect(pinned.status).toBe(200);
    expect(pinned.body.status).toBe('assigned');
  });

  test.each([
    ['an unknown mode', { ...DEFAULTS, dispatchModes: { ...DEFAULTS.dispatchModes, major: 'sometimes' } }],
    ['a missing class', { ...DEFAULTS, dispatchModes: { ordinary: 'auto', professional: 'auto' } }],
    ['a negative timeout', { ...DEFAULTS, proposalTimeoutMinutes: -1 }],
    ['a fractional timeout', { ...DEFAULTS, proposalTimeoutMinutes: 1.5 }],
    ['a timeout over a week', { ...DEFAULTS, proposalTimeoutMinutes: 7 * 24 * 60 + 1 }],
    ['an unknown field', { ...DEFAULTS, autoConfirm: true }],
  ])('when an admin PUTs settings with %s, then 400 and nothing changes', async (_what, body) => {
    const put = await putSettings(body);
    expect(put.status).toBe(400);
    expect((await svc.call('GET', '/v1/settings/dispatch', { key: svc.keys.viewer })).body).toEqual(DEFAULTS);
  });

  test('when a viewer or a dispatcher PUTs settings, then 403; an admin PUT is answered, read back and audited', async () => {
    const body = { ...DEFAULTS, proposalTimeoutMinutes: 30 };
    expect((await putSettings(body, svc.keys.viewer)).status).toBe(403);
    expect((await putSettings(body, svc.keys.dispatcher)).status).toBe(403);
    const put = await putSettings(body);
    expect(put.status).toBe(200);
    expect((await svc.call('GET', '/v1/settings/dispatch', { key: svc.keys.dispatcher })).body).toEqual(body);
    const audit = await store.xrange(countyKeys(svc.county).audit, '-', '+');
    const entries = audit.map(([, f]) => JSON.parse(Object.fromEntries(flatPairs(f)).entry ?? '{}') as { action: string });
    expect(entries.filter((e) => e.action === 'dispatch_settings').length).toBeGreaterThanOrEqual(1);
    expect((await putSettings(DEFAULTS)).status).toBe(200);
  });
});
