import type { BrowserContext, Page } from 'playwright-core';
import { canvasHasInk, newPerson, pageReady, screenshot, seriousA11yViolations, signIn, watchForFaults } from '../support/browser';
import { waitFor } from '../support/service';
import { assignedCase, startConsoleWorld, type ConsoleWorld, type MediatorView } from './world';

/**
 * Issue 15's browser tests: the built console, served by a real service (API + worker, private
 * Redis), in Debian's headless chromium. One service and one browser for the file; the tests run
 * in order and build on each other (the case posted in one is reassigned in the next).
 */

const CJK = /[\u4e00-\u9fff]/;
/** A figure with three or more decimals (0.9199999999999999) is never shown to people. */
const UNROUNDED = /\d\.\d{3,}/;

let world: ConsoleWorld;
let dispatcherContext: BrowserContext;
let page: Page;
let faults: string[];
/** The case the dispatcher watches arrive, opens and reassigns. */
let caseId: string;
let firstMediator: MediatorView;
/** The mediator the dispatcher reassigned the case to. */
let secondMediator: MediatorView;

beforeAll(async () => {
  world = await startConsoleWorld();
  // A morning's first referrals, so the board, map and indicators have something to show.
  const warm = await Promise.all(Array.from({ length: 12 }, () => world.postReferral()));
  await Promise.all(warm.map((id) => assignedCase(world, id, 30_000)));
  dispatcherContext = await newPerson(world.browser);
  page = await dispatcherContext.newPage();
  faults = watchForFaults(page);
}, 90_000);

afterAll(async () => {
  await world?.close();
});

afterEach(() => {
  // CSP violations and uncaught exceptions fail the test that caused them.
  const seen = faults?.splice(0) ?? [];
  expect(seen).toEqual([]);
});

/** Screenshot and axe on the page as it is: zero serious or critical violations. */
async function lookAt(p: Page, name: string): Promise<void> {
  // The page's first screen, as a person opening it sees it (an edit may have scrolled it).
  await p.evaluate('window.scrollTo(0, 0)');
  await screenshot(p, name);
  expect(await seriousA11yViolations(p)).toEqual([]);
}

async function open(p: Page, path: string, name: string): Promise<void> {
  await p.goto(`${world.svc.url}/console${path}`);
  await pageReady(p, name);
}

describe('the dispatcher console in a real browser', () => {
  test('when the password is wrong, then the form says so and no session cookie is set', async () => {
    const context = await newPerson(world.browser);
    try {
      const p = await context.newPage();
      await p.goto(`${world.svc.url}/console/`);
      await p.locator('input[name="username"]').fill(world.dispatcher.username);
      await p.locator('input[name="password"]').fill('not-the-password');
      await p.locator('form button[type="submit"]').click();
      await p.locator('[role="alert"]', { hasText: '用户名或密码错误' }).waitFor({ timeout: 5_000 });
      await lookAt(p, 'sign-in-failed');
      expect((await context.cookies()).map((c) => c.name)).not.toContain('tiaojie_session');
      expect(await p.evaluate(async () => (await fetch('/v1/session')).status)).toBe(401);
    } finally {
      await context.close();
    }
  });

  test('when the dispatcher signs in, then the board shows and the session cookie is HttpOnly', async () => {
    await signIn(page, world.svc.url, world.dispatcher.username, world.dispatcher.password);
    const cookie = (await dispatcherContext.cookies()).find((c) => c.name === 'tiaojie_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.locator('tr[data-case-id]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="live"]', { hasText: '实时' }).waitFor({ timeout: 5_000 });
  });

  test('when the court posts a referral, then it appears on the board within 2 s with its assignment', async () => {
    const postedAt = Date.now();
    caseId = await world.postReferral();
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: Math.max(1, postedAt + 2_000 - Date.now()) });
    await page
      .locator(`tr[data-case-id="${caseId}"][data-status="assigned"]`)
      .waitFor({ timeout: Math.max(1, postedAt + 2_000 - Date.now()) });
    const shownMs = Date.now() - postedAt;
    const assigned = await assignedCase(world, caseId);
    firstMediator = await world.mediatorOf(assigned.assignment!.mediatorIds[0]!);
    await row.filter({ hasText: firstMediator.name }).waitFor({ timeout: 2_000 });
    expect(shownMs).toBeLessThanOrEqual(2_000);
    await lookAt(page, 'board');
  });

  test('when the case is opened, then its explanation is Chinese, names the mediator and shows rounded figures', async () => {
    await page.locator(`tr[data-case-id="${caseId}"] a`).first().click();
    await pageReady(page, 'case');
    const explanation = (await page.locator('[data-testid="explanation"]').innerText()).trim();
    expect(explanation).toMatch(CJK);
    expect(explanation).toContain(firstMediator.name);
    expect(explanation).not.toMatch(UNROUNDED);
    await page.locator('[data-testid="candidates"] [data-mediator-id]').first().waitFor();
    await page.locator('[data-testid="clocks"]', { hasText: /还剩|已超期/ }).waitFor({ timeout: 2_000 });
    await lookAt(page, 'case');
  });
});

describe('the dispatcher changes things', () => {
  test('when the dispatcher assigns the case to another mediator with a reason, then the history and the loads follow', async () => {
    const form = page.locator('form[data-testid="reassign"]');
    const historyBefore = await page.locator('[data-testid="history"] li').count();
    const candidates = await page
      .locator('[data-testid="candidates"] [data-mediator-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-mediator-id') ?? ''));
    const options = await form
      .locator('select[name="mediatorId"] option')
      .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    // The best-ranked other candidate the form offers: eligible, with room.
    const target =
      candidates.find((id) => id !== firstMediator.id && options.includes(id)) ?? options.find((v) => v && v !== firstMediator.id);
    if (!target) throw new Error(`no other mediator offered (candidates ${candidates.join(',')}; options ${options.length})`);
    const before = await world.mediatorOf(target);
    await form.locator('select[name="mediatorId"]').selectOption(target);
    const reason = '当事人申请更换调解员';
    await form.locator('textarea[name="reason"]').fill(reason);
    await form.locator('[type="submit"]').click();

    await page.locator('[data-testid="history"] li', { hasText: reason }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="history"] li').count()).toBeGreaterThan(historyBefore);
    await page.locator('section[data-page="case"]', { hasText: before.name }).waitFor({ timeout: 5_000 });
    expect((await world.caseOf(caseId)).assignment?.mediatorIds).toEqual([target]);
    secondMediator = await world.mediatorOf(target);
    const firstNow = await world.mediatorOf(firstMediator.id);
    expect(secondMediator.load).toBe(before.load + 1);
    expect(firstNow.load).toBe(firstMediator.load - 1);

    // The roster shows both new loads against capacity ("3/8").
    await open(page, '/mediators', 'mediators');
    for (const m of [secondMediator, firstNow]) {
      await page.locator(`tr[data-mediator-id="${m.id}"]`, { hasText: `${m.load}/${m.capacity}` }).waitFor({ timeout: 5_000 });
      expect(await page.locator(`tr[data-mediator-id="${m.id}"] [data-testid="load-bar"]`).count()).toBe(1);
    }
  });

  test('when the dispatcher summons a department and checks it in, then it is listed and shows as on time', async () => {
    await open(page, `/cases/${encodeURIComponent(caseId)}`, 'case');
    const form = page.locator('form[data-testid="summon"]');
    const department = 'justice_bureau';
    await form.locator(`input[name="department"][value="${department}"]`).check();
    await form.locator('textarea[name="reason"]').fill('需司法局到场说明调解程序');
    // The form's default required time is two hours ahead: a check-in now is on time.
    await form.locator('[type="submit"]').click();
    const item = page.locator(`[data-testid="summonses"] li[data-department="${department}"]`);
    await item.locator('[data-arrival="open"]').waitFor({ timeout: 5_000 });
    expect(await item.innerText()).toContain('司法局');
    expect((await world.summonsesOf(caseId)).map((s) => [s.department, s.status])).toEqual([[department, 'issued']]);

    await item.locator('button[data-action="check_in"]').click();
    await page
      .locator(`[data-testid="summonses"] li[data-department="${department}"][data-status="checked_in"] [data-arrival="on_time"]`)
      .waitFor({
        timeout: 5_000,
      });
    expect(await item.locator('[data-arrival]').innerText()).toContain('按时到位');
    expect(await item.locator('button[data-action]').count()).toBe(0);
    expect((await world.summonsesOf(caseId)).map((s) => [s.status, s.onTime])).toEqual([['checked_in', true]]);
    await lookAt(page, 'case-summonses');
  });

  test('when a mediator is put on leave, then a rebalance dry run moves their case', async () => {
    // A case the optimizer chose (a dispatcher's choice is pinned, and the rebalance keeps pins).
    const other = await world.postReferral();
    const assigned = await assignedCase(world, other);
    const mediatorId = assigned.assignment!.mediatorIds[0]!;
    await open(page, '/mediators', 'mediators');
    const row = page.locator(`tr[data-mediator-id="${mediatorId}"]`);
    await row.locator('button[data-action="edit"]').click();
    await putOnLeave(page);
    await page.locator('button[data-action="save"]').first().click();
    await waitFor(async () => {
      const m = (await world.mediatorOf(mediatorId)) as MediatorView & { leave?: unknown[] };
      return m.status === 'on_leave' || (m.leave?.length ?? 0) > 0 ? m : undefined;
    }, 10_000);
    await lookAt(page, 'mediators');

    await open(page, '/rebalance', 'rebalance');
    await page.locator('button[data-action="dry-run"]').click();
    const move = page.locator(`[data-testid="moves"] li[data-case-id="${other}"]`);
    await move.waitFor({ timeout: 30_000 });
    expect(await move.innerText()).toMatch(CJK);
    expect(await page.locator('button[data-action="apply"]').count()).toBe(1);
    await lookAt(page, 'rebalance');
    // A dry run changes nothing.
    expect((await world.caseOf(other)).assignment?.mediatorIds).toEqual([mediatorId]);
  });
});

/** Fills the open edit row with leave: a status of on_leave, or a leave period from today for two weeks. */
async function putOnLeave(p: Page): Promise<void> {
  const status = p.locator('select[name="status"]');
  if ((await status.count()) > 0) {
    await status.first().selectOption('on_leave');
    return;
  }
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  await p.locator('input[name="leaveFrom"], input[name="from"]').first().fill(day(0));
  await p.locator('input[name="leaveUntil"], input[name="until"]').first().fill(day(14));
}

describe('pages that read', () => {
  test('when the indicators page opens, then its charts are drawn', async () => {
    await open(page, '/indicators', 'indicators');
    const charts = page.locator('[data-testid="chart"]');
    await charts.first().locator('canvas').first().waitFor({ timeout: 10_000 });
    const n = await charts.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await charts.nth(i).locator('canvas').first().waitFor({ timeout: 5_000 });
      expect(await canvasHasInk(page, `[data-testid="chart"] >> nth=${i}`)).toBe(true);
    }
    expect(await page.locator('[data-indicator]').count()).toBeGreaterThan(0);
    await lookAt(page, 'indicators');
  });

  test('when the schedule and the county map open, then they draw the week and the townships', async () => {
    await open(page, '/schedule', 'schedule');
    expect(await page.locator('[data-testid="week"] [data-day]').count()).toBe(7);
    await lookAt(page, 'schedule');
    await open(page, '/map', 'map');
    expect(await page.locator('svg[data-testid="county-map"] [data-township-id]').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('svg[data-testid="county-map"] [data-testid="centre"]').count()).toBe(1);
    await lookAt(page, 'map');
  });

  test('when an admin opens the users page, then the county’s users are listed', async () => {
    const context = await newPerson(world.browser);
    try {
      const p = await context.newPage();
      const seen = watchForFaults(p);
      await signIn(p, world.svc.url, world.admin.username, world.admin.password);
      await open(p, '/users', 'users');
      for (const u of [world.dispatcher, world.viewer, world.admin]) await p.locator(`tr[data-username="${u.username}"]`).waitFor();
      expect(await p.locator('form[data-testid="add-user"]').count()).toBe(1);
      await lookAt(p, 'users');
      expect(seen).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('who may change what, and in which language', () => {
  test('when a viewer signs in, then no page shows a write control and the API refuses a write anyway', async () => {
    // The dispatcher sees write controls on the case page: the count below can fail.
    await open(page, `/cases/${encodeURIComponent(caseId)}`, 'case');
    expect(await page.locator('[data-write]').count()).toBeGreaterThan(0);

    const context = await newPerson(world.browser);
    try {
      const p = await context.newPage();
      const seen = watchForFaults(p);
      await signIn(p, world.svc.url, world.viewer.username, world.viewer.password);
      const pages: readonly [string, string][] = [
        ['/', 'board'],
        [`/cases/${encodeURIComponent(caseId)}`, 'case'],
        ['/mediators', 'mediators'],
        ['/schedule', 'schedule'],
        ['/rebalance', 'rebalance'],
        ['/indicators', 'indicators'],
        ['/map', 'map'],
      ];
      for (const [path, name] of pages) {
        await open(p, path, name);
        expect({ page: name, writeControls: await p.locator('[data-write]').count() }).toEqual({ page: name, writeControls: 0 });
      }
      const refused = await p.evaluate(
        async ({ id, mediatorId }) => {
          const session = (await (await fetch('/v1/session')).json()) as { csrfToken: string };
          const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
          const write = async (method: string, path: string, body: unknown) => {
            const res = await fetch(path, { method, headers, body: JSON.stringify(body) });
            return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
          };
          return [
            await write('PATCH', `/v1/mediators/${encodeURIComponent(mediatorId)}`, { capacity: 1 }),
            await write('POST', `/v1/cases/${encodeURIComponent(id)}/assignment`, { mediatorIds: [mediatorId], reason: 'viewer' }),
          ];
        },
        { id: caseId, mediatorId: firstMediator.id },
      );
      // 403 for the role, not for a missing CSRF token: the token was right.
      for (const r of refused) expect(r).toEqual({ status: 403, code: 'forbidden' });
      expect((await world.mediatorOf(firstMediator.id)).capacity).toBe(firstMediator.capacity);
      expect(seen).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('when the dispatcher switches to English, then the menu and the domain labels follow', async () => {
    const labels = (await world.svc.call('GET', '/v1/labels', { key: world.svc.keys.viewer })).body as {
      statuses: Record<string, { zh: string; en: string }>;
    };
    await open(page, '/', 'board');
    const nav = page.locator('header nav');
    await nav.locator('a', { hasText: '派单台' }).waitFor();
    const row = page.locator(`tr[data-case-id][data-status="assigned"]`).first();
    expect(await row.innerText()).toContain(labels.statuses.assigned!.zh);

    await page.locator('header button', { hasText: 'English' }).click();
    await nav.locator('a', { hasText: 'Board' }).waitFor({ timeout: 2_000 });
    expect(await nav.innerText()).not.toMatch(CJK);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page
      .locator(`tr[data-case-id][data-status="assigned"]`, { hasText: labels.statuses.assigned!.en })
      .first()
      .waitFor({ timeout: 2_000 });
    expect(await row.innerText()).not.toContain(labels.statuses.assigned!.zh);
    await lookAt(page, 'board-en');

    await open(page, `/cases/${encodeURIComponent(caseId)}`, 'case');
    const explanation = await page.locator('[data-testid="explanation"]').innerText();
    expect(explanation).toContain(secondMediator.name);
    expect(explanation).toMatch(/[A-Za-z]{3,}/);
  });
});
