import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, type TestReply, type TestService } from '../support/service';

/** Issue 15 item 1: user accounts, the session cookie, CSRF, lock-out and user admin, against a real Redis. */
describe('users and sessions', () => {
  let redis: TestRedis;
  let svc: TestService;
  /** Every reply of the file, searched at the end for a password hash. */
  const replies: TestReply[] = [];
  const PASSWORD = 'correct horse battery';

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    for (const role of ['viewer', 'dispatcher', 'admin'] as const) {
      const made = await call('POST', '/v1/users', {
        key: svc.keys.admin,
        body: { username: `${role}-${svc.county}`.slice(0, 32), displayName: `测试${role}`, role, password: PASSWORD },
      });
      expect(made.status).toBe(201);
    }
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const nameOf = (role: string): string => `${role}-${svc.county}`.slice(0, 32);

  async function call(
    method: string,
    path: string,
    opts: { key?: string; body?: unknown; cookie?: string; csrf?: string } = {},
  ): Promise<TestReply> {
    const headers: Record<string, string> = {};
    if (opts.cookie !== undefined) headers.cookie = opts.cookie;
    if (opts.csrf !== undefined) headers['x-csrf-token'] = opts.csrf;
    const reply = await svc.call(method, path, { ...(opts.key ? { key: opts.key } : {}), body: opts.body, headers });
    replies.push(reply);
    return reply;
  }

  /** Signs in; the cookie as a browser sends it back, and the session's CSRF token. */
  async function signIn(username: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; reply: TestReply }> {
    const reply = await call('POST', '/v1/session', { body: { username, password } });
    const set = reply.headers.get('set-cookie') ?? '';
    return { cookie: set.split(';')[0] ?? '', csrf: reply.body?.csrfToken as string, reply };
  }

  test('when a user signs in, then the reply names the user and the cookie is HttpOnly, SameSite=Strict, Path=/ with the TTL as Max-Age', async () => {
    const { reply, cookie } = await signIn(nameOf('viewer'));
    expect(reply.status).toBe(200);
    expect(reply.body.user).toEqual({ username: nameOf('viewer'), displayName: '测试viewer', role: 'viewer', county: svc.county });
    expect(reply.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const set = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tiaojie_session=[A-Za-z0-9_-]{43}$/);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);
    expect(set).toMatch(/; Max-Age=43200/);
    expect(set).not.toMatch(/Secure/);
    expect(Date.parse(reply.body.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
  });

  test('when the password is wrong or the user unknown, then the same 401 invalid_credentials and no cookie', async () => {
    const wrong = await call('POST', '/v1/session', { body: { username: nameOf('viewer'), password: 'not the password' } });
    const unknown = await call('POST', '/v1/session', { body: { username: 'nobody-at-all', password: 'not the password' } });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  test('when the body lacks the password, then 400 naming body.password', async () => {
    const r = await call('POST', '/v1/session', { body: { username: nameOf('viewer') } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('body.password');
  });

  test('when a session reads a county route and GET /v1/session, then it acts as the user, with the same CSRF token', async () => {
    const { cookie, csrf } = await signIn(nameOf('viewer'));
    expect((await call('GET', '/v1/mediators', { cookie })).status).toBe(200);
    const me = await call('GET', '/v1/session', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(csrf);
    expect(me.body.user.username).toBe(nameOf('viewer'));
    expect((await call('GET', '/v1/session')).status).toBe(401);
    expect((await call('GET', '/v1/session', { key: svc.keys.viewer })).status).toBe(401);
  });

  test('when a session asks for /metrics or the queue dashboard, then the cookie is not a credential there (401, the Basic prompt)', async () => {
    const { cookie } = await signIn(nameOf('admin'));
    expect((await call('GET', '/metrics', { cookie })).status).toBe(401);
    const board = await call('GET', '/admin/queues', { cookie });
    expect(board.status).toBe(401);
    expect(board.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  test('when a session opens the event stream, then it is served (EventSource sends the cookie)', async () => {
    const { cookie } = await signIn(nameOf('viewer'));
    const abort = new AbortController();
    const res = await fetch(`${svc.url}/v1/events`, { headers: { cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    abort.abort();
  });

  test('when a cookie write has no or another X-CSRF-Token, then 403 csrf_failed; with the token, then it is done', async () => {
    const { cookie, csrf } = await signIn(nameOf('admin'));
    const patch = { displayName: '新名字' };
    const path = `/v1/users/${nameOf('viewer')}`;
    const none = await call('PATCH', path, { cookie, body: patch });
    const other = await call('PATCH', path, { cookie, body: patch, csrf: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    for (const r of [none, other]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('csrf_failed');
    }
    const ok = await call('PATCH', path, { cookie, body: patch, csrf });
    expect(ok.status).toBe(200);
    expect(ok.body.displayName).toBe('新名字');
  });

  test('when a Bearer key and a cookie are both sent, then the key wins and a write needs no CSRF token', async () => {
    const { cookie } = await signIn(nameOf('viewer'));
    const r = await call('PATCH', `/v1/users/${nameOf('viewer')}`, { key: svc.keys.admin, cookie, body: { displayName: '查看' } });
    expect(r.status).toBe(200);
  });

  test('when a viewer session writes, then 403 forbidden even with the CSRF token', async () => {
    const { cookie, csrf } = await signIn(nameOf('viewer'));
    const r = await call('PUT', '/v1/settings/dispatch', { cookie, csrf, body: {} });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  test('when a user signs out, then the cookie is cleared and refused afterwards', async () => {
    const { cookie, csrf } = await signIn(nameOf('dispatcher'));
    expect((await call('DELETE', '/v1/session', { cookie })).status).toBe(403);
    const out = await call('DELETE', '/v1/session', { cookie, csrf });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^tiaojie_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0/);
    expect((await call('GET', '/v1/mediators', { cookie })).status).toBe(401);
  });

  test('when an admin disables a user, then their open session is refused at once and they cannot sign in', async () => {
    const name = 'short-lived';
    expect(
      (
        await call('POST', '/v1/users', {
          key: svc.keys.admin,
          body: { username: name, displayName: '短', role: 'dispatcher', password: PASSWORD },
        })
      ).status,
    ).toBe(201);
    const { cookie } = await signIn(name);
    expect((await call('GET', '/v1/cases', { cookie })).status).toBe(200);
    const off = await call('PATCH', `/v1/users/${name}`, { key: svc.keys.admin, body: { disabled: true } });
    expect(off.body.disabled).toBe(true);
    expect((await call('GET', '/v1/cases', { cookie })).status).toBe(401);
    expect((await signIn(name)).reply.body.error.code).toBe('invalid_credentials');
  });

  test('when a user name fails LOGIN_FAIL_LIMIT (5) times, then 429 account_locked with Retry-After, even with the right password', async () => {
    const name = 'lock-me';
    await call('POST', '/v1/users', {
      key: svc.keys.admin,
      body: { username: name, displayName: '锁', role: 'viewer', password: PASSWORD },
    });
    for (let i = 0; i < 5; i++) expect((await signIn(name, 'wrong password!')).reply.status).toBe(401);
    const locked = (await signIn(name)).reply;
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(locked.headers.get('set-cookie')).toBeNull();
  });

  test('when a user name is taken, then 409 conflict naming body.username; a bad user name or short password, then 400 naming it', async () => {
    const taken = await call('POST', '/v1/users', {
      key: svc.keys.admin,
      body: { username: nameOf('viewer'), displayName: 'x', role: 'viewer', password: PASSWORD },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.field).toBe('body.username');
    const bad = await call('POST', '/v1/users', {
      key: svc.keys.admin,
      body: { username: 'Ab', displayName: 'x', role: 'viewer', password: PASSWORD },
    });
    expect(bad.body.error.details.field).toBe('body.username');
    const short = await call('POST', '/v1/users', {
      key: svc.keys.admin,
      body: { username: 'shorty', displayName: 'x', role: 'viewer', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details.field).toBe('body.password');
  });

  test("when a county admin manages another county's users, then they are not found or refused; an installation admin manages any", async () => {
    const foreign = svc.keys.otherCounty;
    expect((await call('PATCH', `/v1/users/${nameOf('viewer')}`, { key: foreign, body: { disabled: true } })).status).toBe(404);
    expect((await call('GET', `/v1/users?county=${svc.county}`, { key: foreign })).status).toBe(403);
    const made = await call('POST', '/v1/users', {
      key: foreign,
      body: { username: 'intruder', displayName: 'x', role: 'admin', password: PASSWORD, county: svc.county },
    });
    expect(made.status).toBe(403);
    const theirs = await call('GET', '/v1/users', { key: foreign });
    expect(theirs.body.items).toEqual([]);
    const ours = await call('GET', '/v1/users?limit=2', { key: svc.keys.admin });
    expect(ours.body.items).toHaveLength(2);
    expect(ours.body.total).toBeGreaterThanOrEqual(5);
    expect(ours.body.nextOffset).toBe(2);
    expect((await call('GET', '/v1/users', { key: svc.keys.dispatcher })).status).toBe(403);
    const inst = svc.keys.installation;
    expect(
      (
        await call('POST', '/v1/users', {
          key: inst,
          body: { username: 'no-county', displayName: 'x', role: 'viewer', password: PASSWORD },
        })
      ).status,
    ).toBe(400);
    const elsewhere = await call('POST', '/v1/users', {
      key: inst,
      body: { username: 'elsewhere', displayName: 'x', role: 'viewer', password: PASSWORD, county: `${svc.county}-other` },
    });
    expect(elsewhere.status).toBe(201);
    expect((await call('GET', '/v1/users', { key: foreign })).body.items.map((u: { username: string }) => u.username)).toEqual([
      'elsewhere',
    ]);
    expect((await call('GET', `/v1/users?county=${svc.county}-other`, { key: inst })).body.total).toBe(1);
  });

  test('when every reply of this file is read, then none holds a password hash or a password', () => {
    expect(replies.length).toBeGreaterThan(30);
    for (const r of replies) {
      const text = JSON.stringify(r.body ?? '');
      expect(text).not.toMatch(/argon2|passwordHash/);
      expect(text).not.toContain(PASSWORD);
    }
  });
});

describe('sessions with a short life and a small address limit', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({
      redisUrl: redis.url,
      worker: false,
      // 0.0005 h = 1.8 s; three failed sign-ins per address and minute.
      env: { SESSION_TTL_HOURS: '0.0005', AUTH_FAIL_LIMIT: '3', LOGIN_FAIL_LIMIT: '50' },
    });
    const body = { username: 'brief', displayName: '短', role: 'viewer', password: 'a long enough password' };
    expect((await svc.call('POST', '/v1/users', { key: svc.keys.admin, body })).status).toBe(201);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when SESSION_TTL_HOURS has passed, then the session is refused', async () => {
    const r = await svc.call('POST', '/v1/session', { body: { username: 'brief', password: 'a long enough password' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/Max-Age=1(;|$)/);
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await svc.call('GET', '/v1/session', { headers: { cookie } })).status).toBe(200);
    await new Promise((done) => setTimeout(done, 2000));
    expect((await svc.call('GET', '/v1/session', { headers: { cookie } })).status).toBe(401);
  });

  test('when an address fails AUTH_FAIL_LIMIT sign-ins in a minute, then it gets 429 rate_limited, whatever the user name', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await svc.call('POST', '/v1/session', { body: { username: `guess${i}`, password: 'wrong password' } })).status).toBe(401);
    }
    const r = await svc.call('POST', '/v1/session', { body: { username: 'brief', password: 'a long enough password' } });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
  });
});
