import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium, driven by playwright-core (no browser download at install time: it fails on
 * the county's networks and in CI). `CHROMIUM_PATH` points elsewhere when needed. Shared by the
 * browser tests (test/support/browser.ts) and the console benchmark.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags of a quiet, reproducible headless run: no GPU, no QUIC, no background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The size the issue asks screenshots and measurements at. */
export const VIEWPORT = { width: 1440, height: 900 } as const;

/** Fails loudly, with the command that fixes it, when the browser is missing (never a silent skip). */
export function assertChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `chromium not found at ${CHROMIUM_PATH}: the console's browser tests and benchmark need Debian's chromium and a CJK font.\n` +
      `  Install them (as root):  apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk\n` +
      `  or set CHROMIUM_PATH to a Chromium binary.`,
  );
}

/** Headless chromium with a fresh profile (playwright gives each launch its own temporary user-data-dir). */
export function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
