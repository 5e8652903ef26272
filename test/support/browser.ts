import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertChromium, launchChromium as launch, VIEWPORT } from '../../benchmarks/lib/chromium';

const ROOT = join(__dirname, '..', '..');

/** Where screenshots go (`/reports/` is git-ignored). */
export const REPORT_DIR = process.env.E2E_REPORT_DIR ?? join(ROOT, 'reports', 'e2e');

/**
 * Fails loudly, with the command that fixes it, when the browser or the built console is missing:
 * a browser test that skips itself would pass CI without having looked at anything.
 */
export function assertBrowserPrerequisites(): void {
  assertChromium();
  const index = join(ROOT, 'dist', 'console', 'index.html');
  if (!existsSync(index)) throw new Error(`the console is not built (${index} missing): run \`npm run build:console\``);
  const built = statSync(index).mtimeMs;
  const stale = newestSource(join(ROOT, 'console'));
  if (stale.mtimeMs > built) {
    throw new Error(`the built console is older than ${stale.path}: run \`npm run build:console\` before the browser tests`);
  }
}

/** The most recently changed file of the console's sources (index.html, vite config, src/**). */
function newestSource(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newestSource(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/** Headless chromium with a fresh profile, once the browser and the built console are there. */
export function launchChromium(): Promise<Browser> {
  assertBrowserPrerequisites();
  return launch();
}

/**
 * One person's browser: its own cookies and storage, 1440×900, Chinese first. The console's CSP
 * stays in force (the pages must work under it); axe is injected through the DevTools protocol,
 * which CSP does not govern.
 */
export function newPerson(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/**
 * Collects what a page should never do: script errors, failed API calls of the console's own
 * code are the tests' business, but CSP violations and uncaught exceptions are always bugs.
 */
export function watchForFaults(page: Page): string[] {
  const faults: string[] = [];
  page.on('pageerror', (err) => faults.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) faults.push(`CSP: ${m.text()}`);
  });
  return faults;
}

/** Waits for `<section data-page=name data-ready="true">`, the console's "first data shown" mark. */
export async function pageReady(page: Page, name: string, timeout = 15_000): Promise<void> {
  try {
    await page.locator(`section[data-page="${name}"][data-ready="true"]`).waitFor({ timeout });
  } catch (err) {
    // What the page showed instead, for the CI log: a screenshot and the start of its text.
    const shot = await screenshot(page, `not-ready-${name}`).catch(() => 'no screenshot');
    const text = await page.evaluate(
      () => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
    );
    throw new Error(`page "${name}" not ready within ${timeout} ms at ${page.url()} (${shot}); it shows: ${text.slice(0, 400)}`, {
      cause: err,
    });
  }
}

/** Signs in through the form; resolves once the board (the first page) is ready. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await pageReady(page, 'board');
}

/** A 1440×900 screenshot under REPORT_DIR; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(REPORT_DIR, { recursive: true });
  const path = join(REPORT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

interface AxeNode {
  readonly target: readonly unknown[];
  readonly failureSummary?: string;
}
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

let axeSource: string | undefined;

/**
 * axe-core on the page as it is now; returns the serious and critical violations, each as a line
 * naming the rule, the help text and up to three offending elements (empty when there are none).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} element(s): ` +
        v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join(' | '),
    );
}

/** True when the canvas has at least one pixel that is not fully transparent (something was drawn). */
export function canvasHasInk(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const node = el as unknown as CanvasLike & { querySelector(s: string): CanvasLike | null };
    const canvas = node.tagName === 'CANVAS' ? node : node.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

/** The little of HTMLCanvasElement read above (the tests compile without the DOM library). */
interface CanvasLike {
  readonly tagName: string;
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
