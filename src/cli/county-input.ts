import { readFile } from 'node:fs/promises';
import { CountyIdSchema } from '../domain/access';
import { ValidationError } from '../domain/errors';
import { UsageError } from './args';
import { InputError } from './exit-codes';

/** A file's text, or all of stdin for `-`. */
export async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A county id from the command line, or a usage error naming where it came from. */
export function countyArg(raw: string | undefined, where: string): string {
  if (raw === undefined) throw new UsageError(`${where}: name the county`);
  const parsed = CountyIdSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** A ValidationError of input the user gave: exit 1 with its fields, nothing written. */
export function asInputError(name: string, err: unknown): unknown {
  if (err instanceof ValidationError) return new InputError(`${name}: nothing written; ${err.message}`);
  return err;
}
