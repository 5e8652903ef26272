import { createHash } from 'node:crypto';
import Redis from 'ioredis';

/** A command seen by MONITOR: who sent it (`lua` for a script's own calls) and its arguments. */
interface Seen {
  readonly source: string;
  readonly args: readonly string[];
}

/** A key a script touched without declaring it in its KEYS. */
export interface UndeclaredKey {
  readonly step: string;
  /** SHA-1 of the script (EVALSHA's argument, or of EVAL's text). */
  readonly script: string;
  readonly command: string;
  readonly key: string;
}

/** What the audit found: undeclared keys, and the scripts each marked step ran (a step that ran none proves nothing). */
export interface KeyAuditReport {
  readonly undeclared: readonly UndeclaredKey[];
  readonly scriptsByStep: ReadonlyMap<string, ReadonlySet<string>>;
}

const STEP_MARK = 'lua-key-audit:step:';
const EVALS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro']);

/**
 * Records every command of a private Redis with MONITOR, to check that every key a Lua script
 * touches is among the KEYS of its EVAL/EVALSHA (what Redis Cluster routes by). A script runs
 * atomically, so its `lua` lines follow its EVAL line directly. Steps are marked in the stream
 * with `ECHO`, so a report names the step that broke the rule.
 */
export class LuaKeyAudit {
  private readonly seen: Seen[] = [];
  private constructor(
    private readonly client: Redis,
    private readonly monitor: Redis,
  ) {}

  static async start(url: string): Promise<LuaKeyAudit> {
    const client = new Redis(url);
    // monitor() opens its own connection (a duplicate of the client).
    const monitor = await client.monitor();
    const audit = new LuaKeyAudit(client, monitor);
    monitor.on('monitor', (_time: string, args: string[], source: string) => audit.seen.push({ source, args }));
    return audit;
  }

  /** Runs `fn` as the named step (its commands are reported under that name). */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    await this.client.echo(`${STEP_MARK}${name}`);
    return fn();
  }

  /** Stops monitoring and checks what was seen; keys come from `COMMAND GETKEYS`, not per-command parsing. */
  async report(): Promise<KeyAuditReport> {
    // A last marker, awaited, so every command sent before it has reached the monitor.
    await this.client.echo(`${STEP_MARK}end`);
    const isEnd = (s: Seen): boolean => s.args[1] === `${STEP_MARK}end`;
    await until(() => this.seen.some(isEnd));
    this.monitor.disconnect();
    // Up to the marker only: the GETKEYS calls below are not part of what is checked.
    const seen = this.seen.slice(0, this.seen.findIndex(isEnd));
    const undeclared: UndeclaredKey[] = [];
    const scriptsByStep = new Map<string, Set<string>>();
    let step = 'before the first step';
    let script: { sha: string; keys: Set<string> } | undefined;
    for (const { source, args } of seen) {
      const name = (args[0] ?? '').toLowerCase();
      if (source !== 'lua') {
        if (name === 'echo' && args[1]?.startsWith(STEP_MARK)) {
          step = args[1].slice(STEP_MARK.length);
          if (step !== 'end') scriptsByStep.set(step, new Set());
        }
        script = EVALS.has(name) ? { sha: scriptSha(name, args), keys: new Set(await this.keysOf(args)) } : undefined;
        if (script) scriptsByStep.get(step)?.add(script.sha);
        continue;
      }
      if (!script) throw new Error(`a Lua command without its script: ${args.join(' ')}`);
      for (const key of await this.keysOf(args))
        if (!script.keys.has(key)) undeclared.push({ step, script: script.sha, command: args[0] ?? '', key });
    }
    return { undeclared, scriptsByStep };
  }

  stop(): void {
    this.monitor.disconnect();
    this.client.disconnect();
  }

  private async keysOf(args: readonly string[]): Promise<string[]> {
    try {
      return (await this.client.call('COMMAND', 'GETKEYS', ...args)) as string[];
    } catch (e) {
      // A command without key arguments (e.g. EVAL with 0 keys) is refused by GETKEYS.
      if (/no key arguments|wrong number of arguments|Invalid arguments/i.test((e as Error).message)) return [];
      throw e;
    }
  }
}

function scriptSha(name: string, args: readonly string[]): string {
  return name.startsWith('evalsha')
    ? (args[1] ?? '')
    : createHash('sha1')
        .update(args[1] ?? '')
        .digest('hex');
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error('the monitor did not see the last marker');
}
