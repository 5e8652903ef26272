import fc from 'fast-check';

/** The parts of a JSON Schema (as zod-to-openapi emits it) the generator reads. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** Dates a strict parser must refuse or a naive one trips on (RangeError past ±8.64e15 ms, Feb 30, bare numbers). */
const HOSTILE_DATES = [
  '+275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '-271821-04-19T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '1',
  'Tuesday 5 March',
  '1970-01-01T00:00:00+25:00',
  '',
];

/** Values that break code which trusts a schema it never enforced: sizes, signs, NaN-ish strings, prototype keys. */
const HOSTILE_SCALARS: readonly unknown[] = [
  169_220_804,
  2 ** 31,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1,
  -0,
  0.5,
  -1e308,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  null,
  true,
  '__proto__',
  'constructor',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '😀'.repeat(100),
  '../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
];

const deep = (depth: number): unknown => (depth === 0 ? 1 : [deep(depth - 1)]);

/** One hostile JSON value: an extreme scalar, a date, a long or exotic string, a deep or wide structure. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_SCALARS),
  fc.constantFrom(...HOSTILE_DATES),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => Number(n)),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map(deep),
  fc.integer({ min: 0, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.constant(1), { maxKeys: 20 }),
  // Parsed, not a literal: a literal `__proto__` sets the prototype instead of an own key JSON.stringify sends.
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown),
);

function resolve(doc: unknown, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const target = schema.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], doc);
  return target ?? {};
}

function stringArb(s: Schema): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  return fc.oneof(fc.string({ minLength: min, maxLength: Math.max(min, s.maxLength ?? 24) }), fc.constantFrom(...HOSTILE_DATES));
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<unknown> {
  const min = s.minimum ?? -1e6;
  const max = s.maximum ?? 1e6;
  return integer
    ? fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) })
    : fc.double({ min, max, noNaN: true });
}

/**
 * Values shaped by `schema` (of the OpenAPI document `doc`), each node replaced by a hostile value
 * one time in `hostileOneIn`, and objects given an undocumented field now and then: valid-ish
 * enough to pass the outer checks, hostile enough to reach the code behind them.
 */
export function schemaValue(doc: unknown, raw: Schema | undefined, depth = 0, hostileOneIn = 8): fc.Arbitrary<unknown> {
  if (!raw || depth > 6) return hostileValue;
  const s = resolve(doc, raw);
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const options = s.anyOf ?? s.oneOf;
    if (options) return fc.oneof(...options.map((o) => schemaValue(doc, o, depth + 1, hostileOneIn)));
    const type = Array.isArray(s.type) ? (s.type[0] as string) : (s.type as string | undefined);
    switch (type) {
      case 'object': {
        const props = Object.entries(s.properties ?? {});
        const required = new Set(s.required ?? []);
        const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, schemaValue(doc, v, depth + 1, hostileOneIn)])), {
          requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
        });
        return fc
          .tuple(record, fc.option(fc.tuple(fc.string({ maxLength: 12 }), hostileValue), { freq: 6 }))
          .map(([o, extra]) => (extra ? { ...o, [extra[0]]: extra[1] } : o));
      }
      case 'array':
        return fc.array(schemaValue(doc, s.items, depth + 1, hostileOneIn), { maxLength: 4 });
      case 'string':
        return stringArb(s);
      case 'integer':
        return numberArb(s, true);
      case 'number':
        return numberArb(s, false);
      case 'boolean':
        return fc.boolean();
      default:
        return hostileValue;
    }
  })();
  return fc.oneof({ arbitrary: shaped, weight: hostileOneIn - 1 }, { arbitrary: hostileValue, weight: 1 });
}

/** Every path (property names and indexes) inside a JSON value, the value itself first. */
function pathsOf(value: unknown, at: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

const valueAt = (value: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);

/** Hostile values of the same kind as `original` (a date for a date), which pass type checks and test the range checks. */
function sameKindHostile(original: unknown): fc.Arbitrary<unknown> {
  if (typeof original === 'string' && /^\d{4}-\d{2}-\d{2}/.test(original)) return fc.constantFrom(...HOSTILE_DATES);
  if (typeof original === 'number') return fc.oneof(fc.constantFrom(...HOSTILE_SCALARS.filter((v) => typeof v === 'number')), fc.double());
  if (typeof original === 'string')
    return fc.oneof(
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
    );
  if (Array.isArray(original)) return fc.integer({ min: 0, max: 5000 }).map((n) => Array.from({ length: n }, () => original[0]));
  return hostileValue;
}

/** A valid example with one to three of its nodes replaced by hostile values (mostly of the same kind) or removed. */
export function mutated(example: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(example);
  const one = fc.nat({ max: paths.length - 1 }).chain((i) => {
    const path = paths[i] ?? [];
    const replacement = fc.oneof(
      { arbitrary: sameKindHostile(valueAt(example, path)), weight: 3 },
      { arbitrary: hostileValue, weight: 1 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    );
    return replacement.map((r) => [path, r] as const);
  });
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce<unknown>((v, [path, r]) => setAt(v, path, r), example));
}
