/**
 * Console benchmark (`npm run bench:console`): a private redis-server and the built service
 * (`workers/api-server.js --with-worker`, its own process) with the simulated county's 555
 * mediators and --cases open cases, then in Debian's headless chromium:
 *   1. board first render: navigation start → `section[data-page="board"][data-ready="true"]` with
 *      rows, over --runs loads, each in a fresh browser context (cold HTTP cache);
 *   2. live events: --events referrals posted one at a time while the board is open; each timed
 *      from the moment this process's own SSE connection receives the event (the server sending
 *      it; same machine, same clock) to the page's DOM showing it (row added; row `assigned`);
 *   3. JavaScript shipped for the first page: every script the board loads (network log), summed
 *      raw and gzipped.
 * Flags: --cases 2000 --runs 5 --events 20 --out FILE.json
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { parseArgs, numberFlag } from '../src/cli/args';
import type { Referral } from '../src/domain';
import { caseIdFor } from '../src/use-cases/intake/case-id';
import { generateCounty } from '../src/simulator/county';
import { referralsForDay } from '../src/simulator/referrals';
import { Rng } from '../src/domain/random';
import { freePort, launchRedis } from '../src/runtime/redis-launcher';
import { openSse } from '../src/adapters/http/sse-client';
import type { ServiceEvent } from '../src/adapters/redis/events';
import { DAY_MS } from '../src/domain/time';
import { launchChromium, VIEWPORT } from './lib/chromium';
import { BOARD_WATCH_SCRIPT, READ_NOTES, watchCases, type BoardNotes } from './lib/board-watch';
import { http, quantile, waitUntil } from './lib/service-client';

const TARGETS = { firstRenderMs: 1000, eventShownMs: 200, firstPageJsGzipKb: 250 };
const COUNTY = 'bench-console';
const BATCH = 200;

interface ConsoleReport {
  readonly cases: number;
  readonly mediators: number;
  readonly openCases: number;
  readonly firstRender: {
    readonly runsMs: readonly number[];
    readonly medianMs: number;
    readonly maxMs: number;
    readonly rowsShown: number;
    /** Per run: navigation start → the last API answer before ready (the rest is the page's own work). */
    readonly apiDoneMs: readonly number[];
    /** The last run's API calls before ready, in the order they started: where the time went. */
    readonly apiCalls: BoardNotes['apiCalls'];
  };
  /** The machine is shared: its 1-minute load average at start and end. */
  readonly load: readonly [number, number];
  readonly events: {
    readonly sent: number;
    readonly referredShownMs: readonly number[];
    readonly assignedShownMs: readonly number[];
    readonly postToRowMs: readonly number[];
    readonly missed: number;
  };
  readonly firstPageJs: { readonly files: number; readonly rawKb: number; readonly gzipKb: number; readonly urls: readonly string[] };
}

const sim = generateCounty();

/** The simulated county's referrals, days in order, dated now (as a court sends them): open cases with live clocks. */
function* referralStream(tag: string): Generator<Referral> {
  const rng = new Rng(tag);
  for (let day = 0, n = 0; ; day++) {
    const date = new Date(sim.start.getTime() + (day % 300) * DAY_MS);
    for (const r of referralsForDay(date, { config: sim.config, params: sim.params, mediators: sim.mediators }, rng)) {
      yield { ...r, externalId: `${tag}-${n++}`, referredAt: new Date().toISOString() };
    }
  }
}

/** A signed-in dispatcher's browser context with the board watcher installed. */
async function dispatcherContext(browser: Browser, url: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const signedIn = await context.request.post(`${url}/v1/session`, { data: { username: 'dispatcher', password } });
  if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()} ${await signedIn.text()}`);
  await context.addInitScript({ content: BOARD_WATCH_SCRIPT });
  return context;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['cases', 'runs', 'events', 'out']);
  const cases = numberFlag(args, 'cases', 2000);
  const runs = numberFlag(args, 'runs', 5);
  const eventCount = numberFlag(args, 'events', 20);
  const loadAtStart = loadavg()[0] ?? NaN;
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-console-bench-'));
  const redis = await launchRedis({ dataDir: dir, appendOnly: false });
  const key = `bk_${randomBytes(16).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let service: ChildProcess | undefined;
  let browser: Browser | undefined;
  let report: ConsoleReport;
  try {
    browser = await launchChromium();
    service = spawn(process.execPath, [join(__dirname, '..', 'workers', 'api-server.js'), '--with-worker'], {
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        REDIS_EMBEDDED: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        LOG_LEVEL: 'warn',
        REBALANCE_NIGHTLY: 'false',
        TIAOJIE_API_KEYS: JSON.stringify([{ key, role: 'admin', county: COUNTY }]),
        TIAOJIE_BOOTSTRAP_USERS: JSON.stringify([
          { username: 'dispatcher', displayName: '调度员', role: 'dispatcher', county: COUNTY, password },
        ]),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!(await waitUntil(async () => (await fetch(`${url}/readyz`).catch(() => null))?.ok === true, 60_000)))
      throw new Error('service did not become ready');
    await http(url, key, 'PUT', '/v1/mediators', sim.mediators);
    const stream = referralStream('board');
    for (let sent = 0; sent < cases; sent += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, cases - sent) }, () => stream.next().value as Referral);
      await http(url, key, 'POST', '/v1/referrals', batch);
    }
    const waiting = async () => ((await http(url, key, 'GET', '/v1/cases?status=referred&limit=1')) as { total: number }).total;
    if (!(await waitUntil(async () => (await waiting()) === 0, 600_000, 500)))
      throw new Error('the intake backlog was not decided in 10 min');
    const openCases = ((await http(url, key, 'GET', '/v1/cases?limit=1')) as { total: number }).total;
    process.stdout.write(`${openCases} cases in the county, ${sim.mediators.length} mediators; measuring in chromium …\n`);

    // 1 and 3: cold loads of the board; the scripts of the first one.
    const runsMs: number[] = [];
    const apiDoneMs: number[] = [];
    let rowsShown = 0;
    let apiCalls: BoardNotes['apiCalls'] = [];
    let js = { files: 0, rawKb: 0, gzipKb: 0, urls: [] as string[] };
    let context: BrowserContext | undefined;
    for (let run = 0; run < runs; run++) {
      await context?.close();
      context = await dispatcherContext(browser, url, password);
      const page = await context.newPage();
      const scripts: Promise<Buffer>[] = [];
      const urls: string[] = [];
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script') return;
        urls.push(new URL(res.url()).pathname);
        scripts.push(res.body());
      });
      await page.goto(`${url}/console/`);
      // Polled from here (the page's CSP forbids the string evaluation of waitForFunction); the
      // time itself is noted inside the page.
      const ready = await waitUntil(async () => (await page.evaluate<BoardNotes>(READ_NOTES)).boardReadyMs !== undefined, 30_000, 25);
      if (!ready) {
        const seen = await page.evaluate('[location.href, typeof window.__tj, document.body.innerText.slice(0, 300)].join(" | ")');
        throw new Error(`the board did not show rows within 30 s; the page: ${String(seen)}`);
      }
      const notes = await page.evaluate<BoardNotes>(READ_NOTES);
      runsMs.push(notes.boardReadyMs ?? NaN);
      apiDoneMs.push(notes.apiDoneMs ?? NaN);
      rowsShown = notes.rowsAtReady;
      apiCalls = [...notes.apiCalls].sort((a, b) => a.startMs - b.startMs);
      if (run === 0) {
        const bodies = await Promise.all(scripts);
        js = {
          files: bodies.length,
          rawKb: bodies.reduce((a, b) => a + b.length, 0) / 1024,
          gzipKb: bodies.reduce((a, b) => a + gzipSync(b).length, 0) / 1024,
          urls,
        };
      }
    }

    // 2: live events on the last page still open.
    const page = context!.pages()[0]!;
    const received = new Map<string, number>();
    const sse = openSse(`${url}/v1/events?types=case.referred,case.assigned`, key, {}, false);
    sse.onEvent = (e) => {
      const ev = e.data as ServiceEvent;
      const k = `${ev.type}:${ev.data.caseId}`;
      if (!received.has(k)) received.set(k, performance.timeOrigin + performance.now());
    };
    await sse.ready;
    const live = referralStream('live');
    const posted = new Map<string, number>();
    for (let i = 0; i < eventCount; i++) {
      const r = live.next().value as Referral;
      const id = caseIdFor(COUNTY, r.externalId);
      await page.evaluate(watchCases([id]));
      posted.set(id, performance.timeOrigin + performance.now());
      await http(url, key, 'POST', '/v1/referrals', r);
      await new Promise((res) => setTimeout(res, 400));
    }
    await waitUntil(async () => Object.keys((await page.evaluate<BoardNotes>(READ_NOTES)).assigned).length >= eventCount, 10_000);
    sse.close();
    const notes = await page.evaluate<BoardNotes>(READ_NOTES);
    const referredShownMs: number[] = [];
    const assignedShownMs: number[] = [];
    const postToRowMs: number[] = [];
    for (const [id, postedAt] of posted) {
      const shown = notes.shown[id];
      const assigned = notes.assigned[id];
      const referredAt = received.get(`case.referred:${id}`);
      const assignedAt = received.get(`case.assigned:${id}`);
      if (shown !== undefined) postToRowMs.push(shown - postedAt);
      if (shown !== undefined && referredAt !== undefined) referredShownMs.push(shown - referredAt);
      if (assigned !== undefined && assignedAt !== undefined) assignedShownMs.push(assigned - assignedAt);
    }
    await context?.close();
    report = {
      cases,
      mediators: sim.mediators.length,
      openCases,
      firstRender: { runsMs, medianMs: quantile(runsMs, 0.5), maxMs: Math.max(...runsMs), rowsShown, apiDoneMs, apiCalls },
      load: [loadAtStart, loadavg()[0] ?? NaN],
      events: { sent: eventCount, referredShownMs, assignedShownMs, postToRowMs, missed: eventCount - Object.keys(notes.shown).length },
      firstPageJs: js,
    };
  } finally {
    await browser?.close();
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((r) => service?.once('exit', r));
    }
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  print(report);
  const out = args.flags.get('out');
  if (out) writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
}

function print(r: ConsoleReport): void {
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const dist = (xs: readonly number[]) =>
    `p50 ${f(quantile(xs, 0.5))} ms, p90 ${f(quantile(xs, 0.9))} ms, max ${f(Math.max(...xs))} ms (n ${xs.length})`;
  const e = r.events;
  const lines = [
    `tiaojie console benchmark — ${r.openCases} cases (${r.cases} posted), ${r.mediators} mediators, Debian chromium headless, service and Redis on this machine`,
    '',
    `board first render (navigation → ready with rows)   median ${f(r.firstRender.medianMs)} ms, max ${f(r.firstRender.maxMs)} ms over ${r.firstRender.runsMs.length} cold loads [${r.firstRender.runsMs.map((x) => f(x)).join(', ')}]; ${r.firstRender.rowsShown} rows in the DOM`,
    `  of which the API's answers: in by ${f(quantile(r.firstRender.apiDoneMs, 0.5))} ms (median); the last run's calls: ${r.firstRender.apiCalls
      .slice(0, 8)
      .map((c) => `${c.path} ${f(c.startMs)}→${f(c.endMs)} ms`)
      .join('; ')}`,
    `  target median ≤ ${TARGETS.firstRenderMs} ms: ${verdict(r.firstRender.medianMs <= TARGETS.firstRenderMs)}`,
    `SSE case.referred received → row shown              ${dist(e.referredShownMs)}`,
    `  target p90 ≤ ${TARGETS.eventShownMs} ms: ${verdict(e.referredShownMs.length === e.sent && quantile(e.referredShownMs, 0.9) <= TARGETS.eventShownMs)}`,
    `SSE case.assigned received → row shows "assigned"   ${dist(e.assignedShownMs)}`,
    `  target p90 ≤ ${TARGETS.eventShownMs} ms: ${verdict(e.assignedShownMs.length === e.sent && quantile(e.assignedShownMs, 0.9) <= TARGETS.eventShownMs)}`,
    `POST /v1/referrals → row shown (whole path)          ${dist(e.postToRowMs)}; never shown: ${e.missed}`,
    `JavaScript of the first page                        ${r.firstPageJs.files} files, ${f(r.firstPageJs.rawKb, 1)} KB raw, ${f(r.firstPageJs.gzipKb, 1)} KB gzipped (${r.firstPageJs.urls.join(', ')})`,
    `  target ≤ ${TARGETS.firstPageJsGzipKb} KB gzipped: ${verdict(r.firstPageJs.gzipKb <= TARGETS.firstPageJsGzipKb)}`,
    `load average (1 min) at start ${f(r.load[0], 1)}, at end ${f(r.load[1], 1)} — a shared machine: compare runs with similar load`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`console-bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
