import type { z } from 'zod';

/** A stored record checked against its schema: the parsed value, or why it failed (never the value). */
export type CheckedRecord<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * Parses a stored JSON document with its schema. Records read back from storage are checked as
 * strictly as API input, so a record written around the API (or by an older release) cannot
 * reach the solver; the reason names the field and the rule, not the value (it may be party data).
 * `json` is the stored text, or a value already decoded from it.
 */
export function checkRecord<T>(schema: z.ZodType<T>, json: unknown): CheckedRecord<T> {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch {
      return { ok: false, reason: 'not valid JSON' };
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  return { ok: false, reason: `${path || '(record)'}: ${issue?.message ?? 'invalid'}` };
}
