import type { z } from 'zod';
import { ConfigError } from '../errors/app-error';

/** Validates one configuration document; throws ConfigError naming the file, the field and why. */
export function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, file: string): T {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const first = res.error.issues[0];
  throw new ConfigError(`${file}: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
}
