import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberFlag, parseArgs, UsageError } from './args';
import type { Case, Referral } from '../domain';
import { generateCounty, DEFAULT_SEED } from '../simulator/county';
import { referralsForDay } from '../simulator/referrals';
import { Rng } from '../domain/random';
import { nextSignal, startService, type RunningService } from '../runtime/bootstrap';
import { createLogger } from '../runtime/logger';
import { loadConfig } from '../runtime/env';
import { openSse } from '../adapters/http/sse-client';
import type { ServiceEvent } from '../adapters/redis/events';
import { DAY_MS } from '../domain/time';
import { consoleSignInLines } from './console-sign-in';

interface Target {
  readonly url: string;
  readonly key: string;
  readonly embedded?: RunningService;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

function devAdminKey(dataDir: string): string | undefined {
  const file = join(dataDir, 'api-keys.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { admin?: string }).admin : undefined;
}

/**
 * The service to drive: one that answers at the URL, else one started in this process — on a free
 * port for a run that ends with the demo, on PORT when it keeps serving the console (`--serve`).
 */
async function resolveTarget(urlFlag: string | undefined, keyFlag: string | undefined, serve: boolean): Promise<Target> {
  const env = loadConfig();
  const url = urlFlag ?? env.TIAOJIE_URL ?? `http://127.0.0.1:${env.PORT}`;
  if (await answers(url)) {
    const key = keyFlag ?? env.TIAOJIE_API_KEY ?? devAdminKey(env.DATA_DIR);
    if (!key) throw new UsageError('a service answers but no admin key was given (--key, TIAOJIE_API_KEY or DATA_DIR/api-keys.json)');
    return { url, key };
  }
  process.stdout.write(`no service answers at ${url}; starting one in this process (API + worker)\n`);
  const embedded = await startService({
    api: true,
    worker: true,
    log: createLogger('warn'),
    env: { ...process.env, PORT: serve ? String(env.PORT) : '0', HOST: '127.0.0.1' },
  });
  const key = keyFlag ?? env.TIAOJIE_API_KEY ?? devAdminKey(env.DATA_DIR);
  if (!key) throw new UsageError('set TIAOJIE_API_KEY to an admin key of TIAOJIE_API_KEYS');
  // Started with api: true, so it listens; a missing url would be a bug of startService.
  if (embedded.url === undefined) throw new Error('the embedded service started without an HTTP address');
  return { url: embedded.url, key, embedded };
}

/** The parsed JSON reply; callers say what they expect of it. */
async function call(t: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(t.url + path, {
    method,
    headers: { authorization: `Bearer ${t.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  // The service's own error body, relayed to the demo's operator (code included); the demo stops: a plain Error.
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const quantile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const count = (xs: readonly string[]): string => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return (
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—'
  );
};

/** Class and tier mix and travel of this run's cases, read back through the API. */
async function assignmentMix(
  t: Target,
  ids: ReadonlySet<string>,
): Promise<{ byClass: string; byTier: string; meanKm: number; p90Km: number }> {
  const classes: string[] = [];
  const tiers: string[] = [];
  const km: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await call(t, 'GET', `/v1/cases?limit=1000&offset=${offset}`)) as { cases: Case[] };
    for (const c of page.cases) {
      if (!ids.has(c.id)) continue;
      classes.push(c.class);
      for (const seat of c.assignment?.seats ?? []) {
        if (!seat.explanation) continue;
        tiers.push(seat.explanation.chosen.facts.tier);
        km.push(seat.explanation.chosen.facts.distanceKm);
      }
    }
    if (page.cases.length < 1000) break;
  }
  return {
    byClass: count(classes),
    byTier: count(tiers),
    meanKm: km.reduce((a, b) => a + b, 0) / Math.max(1, km.length),
    p90Km: quantile(km, 0.9) || 0,
  };
}

/** `tiaojie demo-service`: a simulated county's referrals through the real service, with a summary. */
export async function runDemoServiceCommand(argv: readonly string[]): Promise<number> {
  let target: Target | undefined;
  // Ctrl-C (or SIGTERM) ends the stream early and, with --serve, the serving; either way the
  // service started here is stopped in `finally`, its private Redis with it.
  const stop = nextSignal();
  let stopped = false;
  void stop.then(() => (stopped = true));
  try {
    const args = parseArgs(argv, ['url', 'key', 'seed', 'days', 'seconds'], ['serve']);
    const serve = args.flags.get('serve') === 'true';
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const seed = numberFlag(args, 'seed', DEFAULT_SEED);
    const days = numberFlag(args, 'days', 1);
    // Watching the board, a person needs the morning to last a while; a summary run does not.
    const seconds = numberFlag(args, 'seconds', serve ? 180 : 20);
    target = await resolveTarget(args.flags.get('url'), args.flags.get('key'), serve);
    const t = target;
    process.stdout.write(['', ...consoleSignInLines(t.url, loadConfig().DATA_DIR), '', ''].join('\n'));

    const county = generateCounty({ seed });
    const loaded = (await call(t, 'PUT', '/v1/mediators', county.mediators)) as { created: number };
    process.stdout.write(`loaded ${county.mediators.length} mediators (${loaded.created} new) into ${t.url}\n`);

    // A run tag keeps externalIds fresh, so running the demo again makes new cases.
    const run = Date.now().toString(36);
    const rng = new Rng(seed).fork('demo-service');
    const referrals: Referral[] = [];
    for (let d = 0; d < days; d++) {
      const day = new Date(county.start.getTime() + d * DAY_MS);
      for (const r of referralsForDay(day, { config: county.config, params: county.params, mediators: county.mediators }, rng)) {
        referrals.push({ ...r, externalId: `${r.externalId}-${run}` });
      }
    }
    referrals.sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt));

    const sentAt = new Map<string, number>();
    const decided = new Map<string, { type: string; ms: number; reason?: string }>();
    const sse = openSse(`${t.url}/v1/events?types=case.assigned,case.unassigned,case.proposed,case.held`, t.key, {}, false);
    sse.onEvent = (e) => {
      const ev = e.data as ServiceEvent;
      const sent = sentAt.get(ev.data.caseId);
      if (sent !== undefined && !decided.has(ev.data.caseId)) {
        decided.set(ev.data.caseId, { type: ev.type, ms: Date.now() - sent, ...(ev.data.reason ? { reason: ev.data.reason } : {}) });
      }
    };
    await sse.ready;

    process.stdout.write(`streaming ${referrals.length} referrals (${days} day(s), seed ${seed}) over ~${seconds} s …\n`);
    const first = Date.parse(referrals[0]?.referredAt ?? new Date().toISOString());
    const span = Math.max(1, Date.parse(referrals.at(-1)?.referredAt ?? new Date().toISOString()) - first);
    const started = Date.now();
    for (const r of referrals) {
      if (stopped) break;
      const due = started + ((Date.parse(r.referredAt) - first) / span) * seconds * 1000;
      if (due > Date.now()) await Promise.race([new Promise((res) => setTimeout(res, due - Date.now())), stop]);
      const sent = Date.now();
      // Sent as it happens: dated now, as a live sender would (the simulated 2024 dates would be
      // refused as too old, and with backfill would start every legal clock already expired).
      const reply = (await call(t, 'POST', '/v1/referrals', { ...r, referredAt: new Date(sent).toISOString() })) as {
        cases: { caseId: string }[];
      };
      const created = reply.cases[0];
      if (created) sentAt.set(created.caseId, sent);
    }
    const deadline = Date.now() + 30_000;
    while (!stopped && decided.size < sentAt.size && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    sse.close();

    const latencies = [...decided.values()].map((d) => d.ms);
    const assigned = [...decided.values()].filter((d) => d.type === 'case.assigned').length;
    // Issue 16: major cases are proposed to a dispatcher by default (held ones wait for a pin).
    const forDispatcher = [...decided.values()].filter((d) => d.type === 'case.proposed' || d.type === 'case.held').length;
    const reasons = new Map<string, number>();
    for (const d of decided.values()) if (d.reason) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
    const byChannel = new Map<string, number>();
    for (const r of referrals) byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + 1);
    const sampleId = [...sentAt.keys()][0];
    const mix = await assignmentMix(t, new Set(sentAt.keys()));
    process.stdout.write(
      [
        '',
        `referrals sent      ${sentAt.size}  (${[...byChannel].map(([c, n]) => `${c} ${n}`).join(', ')})`,
        `assigned            ${assigned}`,
        `for a dispatcher    ${forDispatcher}  (proposed or held: GET /v1/cases?status=proposed)`,
        `unassigned          ${sentAt.size - assigned - forDispatcher - (sentAt.size - decided.size)}${reasons.size ? `  (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}`,
        `no event within 30s ${sentAt.size - decided.size}`,
        `by class            ${mix.byClass}`,
        `seats by tier       ${mix.byTier}`,
        `travel per seat     mean ${mix.meanKm.toFixed(1)} km, p90 ${mix.p90Km.toFixed(1)} km`,
        `referral → event    p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms, max ${Math.max(0, ...latencies)} ms`,
        '',
        target.embedded && !serve
          ? '(the embedded service stops now; `npm run console` keeps one serving the console)'
          : `look at one: curl -H "Authorization: Bearer $KEY" ${t.url}/v1/cases/${sampleId}`,
        '',
      ].join('\n'),
    );
    // Interrupted during the stream: the summary above is partial, and nobody waits for the console.
    if (stopped) return 130;
    if (serve && target.embedded) {
      process.stdout.write([...consoleSignInLines(t.url, loadConfig().DATA_DIR), '', 'serving until Ctrl-C', ''].join('\n'));
      await stop;
    }
    return decided.size === sentAt.size ? 0 : 1;
  } finally {
    await target?.embedded?.stop();
  }
}
