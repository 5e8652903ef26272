import express, { type Express, type Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

/**
 * Only the service's own origin: scripts, styles, fonts, images, API calls and the event stream.
 * Inline styles set from script (element.style) are CSSOM, which `style-src 'self'` allows.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The built console: dist/console beside the package's package.json (from src/ under jest or dist/src/ when built). */
export function defaultConsoleDir(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return join(from, 'console');
    dir = up;
  }
  return join(dir, 'dist', 'console');
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Serves the dispatcher console at /console/: hashed assets cached for a year, index.html always
 * revalidated, every other /console path answered with index.html (the console routes in the
 * browser), and `/` sent to it. Public: the page signs in through the API.
 */
export function mountConsole(app: Express, dir: string = defaultConsoleDir()): void {
  app.get('/', (_req, res) => res.redirect(302, `${CONSOLE_PATH}/`));
  const index = join(dir, 'index.html');
  const router = express.Router();
  router.use((req, res, next) => {
    // `/console` without its slash would resolve the page's relative URLs one level up.
    if (req.originalUrl === CONSOLE_PATH || req.originalUrl.startsWith(`${CONSOLE_PATH}?`)) return res.redirect(301, `${CONSOLE_PATH}/`);
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  });
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(dir, { index: false, setHeaders: noStore }));
  router.get('/{*path}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build` (npm ci does it).\n');
      return;
    }
    noStore(res);
    res.sendFile(index);
  });
  app.use(CONSOLE_PATH, router);
}
