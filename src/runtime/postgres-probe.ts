import { Client } from 'pg';

/**
 * Runs `probe` on a one-off `pg` client of `url` whose connect and queries give up after
 * `timeoutMs` (a startup check must not hang); throws what the client threw.
 */
export async function withPgClient<T>(url: string, timeoutMs: number, probe: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined); // a server that goes away after the probe must not crash the process
  try {
    await client.connect();
    return await probe(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when `url` answers `SELECT 1` within `timeoutMs`. */
export async function postgresAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    return await withPgClient(url, timeoutMs, async (c) => (await c.query('SELECT 1 AS one')).rows.length === 1);
  } catch {
    return false;
  }
}

/** host:port of a URL, for the log line that says which database is used. */
export function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}`;
  } catch {
    return '(unparseable)';
  }
}
