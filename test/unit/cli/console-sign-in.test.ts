import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleSignInLines } from '../../../src/cli/console-sign-in';

describe('the console sign-in printed by demo-service', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiaojie-signin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when the service made development accounts, then the console URL and the dispatcher’s password are printed', () => {
    writeFileSync(
      join(dir, 'dev-users.json'),
      JSON.stringify({ county: 'shandan', passwords: { dispatcher: 'pw-dispatch-1234', admin: 'pw-admin' } }),
    );
    const lines = consoleSignInLines('http://127.0.0.1:3000', dir);
    expect(lines[0]).toBe('console    http://127.0.0.1:3000/console/');
    expect(lines[1]).toBe('sign in    user "dispatcher", password pw-dispatch-1234');
    expect(lines.join('\n')).toContain(join(dir, 'dev-users.json'));
    expect(lines.join('\n')).not.toContain('pw-admin');
  });

  test('when there are no development accounts (or the file is not JSON), then it says how to create one', () => {
    expect(consoleSignInLines('http://h:1', dir)[1]).toMatch(/tiaojie user add --username NAME --role dispatcher/);
    writeFileSync(join(dir, 'dev-users.json'), '{not json');
    expect(consoleSignInLines('http://h:1', dir)[1]).toMatch(/tiaojie user add/);
  });
});
