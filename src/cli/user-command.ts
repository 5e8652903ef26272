import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CountyIdSchema, INSTALLATION_SCOPE, RoleSchema } from '../domain/access';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors';
import { DisplayNameSchema, PasswordSchema, UsernameSchema, type UserView } from '../domain/user';
import { userAdmin } from '../runtime/accounts';
import { loadConfig } from '../runtime/env';
import type { UserAdmin } from '../use-cases/users/user-admin';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { EXIT, InputError } from './exit-codes';
import { withServiceRedis } from './service-redis';

/** What the command reads and writes: the process's own, or a test's. */
export interface UserCommandIo {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** A piped password; undefined when stdin is a terminal. @defaultValue stdin unless it is a TTY */
  readonly stdin?: () => Promise<string | undefined>;
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
}

async function pipedStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A flag checked with its schema: a bad value is a bad command line (exit 2), naming the flag. */
function flag<S extends z.ZodType>(args: ParsedArgs, name: string, schema: S): z.infer<S> | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** The password from stdin (one line; the newline `echo` adds is not part of it), or a new one printed once. */
async function passwordOf(io: UserCommandIo): Promise<{ readonly password: string; readonly generated: boolean }> {
  const piped = await (io.stdin ?? pipedStdin)();
  if (piped === undefined || piped === '') return { password: randomBytes(18).toString('base64url'), generated: true };
  const parsed = PasswordSchema.safeParse(piped.replace(/\r?\n$/, ''));
  if (!parsed.success) throw new InputError(`password on stdin: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { password: parsed.data, generated: false };
}

const row = (u: UserView): string =>
  [
    u.username.padEnd(20),
    u.role.padEnd(10),
    u.county.padEnd(16),
    (u.disabled ? 'disabled' : 'active').padEnd(8),
    u.createdAt,
    u.displayName,
  ].join(' ');

async function add(admin: UserAdmin, args: ParsedArgs, county: string, io: UserCommandIo, out: (t: string) => void): Promise<number> {
  const username = required(flag(args, 'username', UsernameSchema), 'username');
  const role = required(flag(args, 'role', RoleSchema), 'role');
  const displayName = flag(args, 'display-name', DisplayNameSchema) ?? username;
  const { password, generated } = await passwordOf(io);
  const user = await admin.create(INSTALLATION_SCOPE, { username, displayName, role, county, password });
  out(`created ${user.username} (${user.role}, county ${user.county})\n`);
  if (generated) out(`password (shown once): ${password}\n`);
  return EXIT.ok;
}

async function run(admin: UserAdmin, sub: string, args: ParsedArgs, county: string, io: UserCommandIo): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  if (sub === 'add') return add(admin, args, county, io, out);
  if (sub === 'disable') {
    const username = required(flag(args, 'username', UsernameSchema), 'username');
    await admin.update(INSTALLATION_SCOPE, username, { disabled: true });
    out(`disabled ${username}; their sessions have ended\n`);
    return EXIT.ok;
  }
  const users = await admin.list(INSTALLATION_SCOPE, flag(args, 'county', CountyIdSchema));
  out(users.map((u) => row(u) + '\n').join(''));
  return EXIT.ok;
}

const SUBCOMMANDS = ['add', 'disable', 'list'] as const;

/**
 * `tiaojie user add|disable|list`: accounts in the Redis the service uses (REDIS_URL, or the
 * private redis-server of DATA_DIR; started for the command and stopped after when none runs).
 */
export async function runUserCommand(argv: readonly string[], io: UserCommandIo = {}): Promise<number> {
  const args = parseArgs(argv, ['username', 'role', 'county', 'display-name']);
  const [sub, ...extra] = args.positionals;
  if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`say one of ${SUBCOMMANDS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const config = loadConfig(io.env ?? process.env);
  const county = flag(args, 'county', CountyIdSchema) ?? config.TIAOJIE_DEFAULT_COUNTY;
  return withServiceRedis(config, async (redis) => {
    try {
      return await run(userAdmin(redis), sub, args, county, io);
    } catch (err) {
      // Taken name, unknown user, other county: the request's fault, one line and exit 1.
      if (err instanceof NotFoundError || err instanceof ConflictError || err instanceof ForbiddenError) throw new InputError(err.message);
      throw err;
    }
  });
}
