import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './app-error';

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** A zod failure as a 400 naming the first offending field (`body.capacity`) and listing all. */
export function fromZodError(error: z.ZodError, where: string): ValidationError {
  const issues: FieldIssue[] = error.issues.map((i) => ({ field: formatPath(where, i.path), reason: i.message }));
  return new ValidationError(issues);
}
