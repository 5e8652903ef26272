import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The part of DATA_DIR/dev-users.json read here (written by the service in development, src/runtime/dev-users.ts). */
interface DevUsersFile {
  readonly passwords?: Readonly<Record<string, string>>;
}

/**
 * Where the dispatcher console is and how to sign in, for a person at a terminal: the console URL
 * of `serviceUrl`, and the development dispatcher account when the service made one (no
 * TIAOJIE_API_KEYS: a developer's machine), else how to create an account.
 */
export function consoleSignInLines(serviceUrl: string, dataDir: string): string[] {
  const lines = [`console    ${serviceUrl}/console/`];
  const file = join(resolve(dataDir), 'dev-users.json');
  let passwords: Readonly<Record<string, string>> = {};
  if (existsSync(file)) {
    try {
      passwords = (JSON.parse(readFileSync(file, 'utf8')) as DevUsersFile).passwords ?? {};
    } catch {
      // A hand-edited file that is not JSON: say how to make an account instead.
    }
  }
  const dispatcher = passwords.dispatcher;
  if (dispatcher) {
    lines.push(`sign in    user "dispatcher", password ${dispatcher}`);
    lines.push(`           (viewer and admin accounts too: ${file})`);
  } else {
    lines.push('sign in    with an account of the county: `npx tiaojie user add --username NAME --role dispatcher`');
  }
  return lines;
}
