import fc from 'fast-check';
import { JsonSyntaxError, parseJsonBytes, startsWithFormat } from '../../../src/engine/json-bytes';

/** Typed columns back to plain arrays, so a value compares with JSON.parse's. */
function plain(v: unknown): unknown {
  if (v instanceof Float64Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const read = (text: string): unknown => parseJsonBytes(Buffer.from(text, 'utf8'));

describe('JSON byte reader', () => {
  it('when given any JSON value, then it reads the same value as JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(plain(read(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('when numbers are short decimals, long ones or exponents, then each is the very double Number() reads', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.integer(),
            fc.integer({ min: -99999, max: 99999 }).map((i) => i / 10),
          ),
        ),
        (xs) => {
          const text = JSON.stringify(xs);
          const got = read(text);
          expect(got).toBeInstanceOf(xs.length === 0 ? Array : Float64Array);
          expect(Array.from(got as ArrayLike<number>).map((x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual(
            (JSON.parse(text) as number[]).map((x) => (Object.is(x, -0) ? '-0' : String(x))),
          );
        },
      ),
      { numRuns: 300 },
    );
    expect(Array.from(read('[0.1, 12.3, -0.5, 1e3, 2.5E-2, 123456789012345678, 0]') as Float64Array)).toEqual([
      0.1,
      12.3,
      -0.5,
      1000,
      0.025,
      Number('123456789012345678'),
      0,
    ]);
  });

  it('when an array mixes numbers and other values, then it is a plain array', () => {
    expect(read('[1, "a", null, [2, 3]]')).toEqual([1, 'a', null, new Float64Array([2, 3])]);
  });

  it('when the text is not JSON, then a syntax error names the byte', () => {
    for (const bad of ['[1,]', '{"a":1,}', '[01]', '[1.]', '[-]', '"abc', '{"a" 1}', '[1] x', 'nul', '[1.2.3]', '']) {
      expect(() => read(bad)).toThrow(JsonSyntaxError);
      expect(() => JSON.parse(bad)).toThrow(SyntaxError);
    }
    expect(() => read('[1, 2,, 3]')).toThrow(/at byte 6/);
  });

  it('when the document starts with the format key, then it is recognised as columnar', () => {
    expect(startsWithFormat(Buffer.from('  {\n "format": "x", "tasks": {}}'))).toBe(true);
    expect(startsWithFormat(Buffer.from('{"tasks": [], "format": "x"}'))).toBe(false);
  });
});
