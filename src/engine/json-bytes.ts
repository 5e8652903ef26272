/**
 * A JSON reader over raw bytes for large columnar problems: it gives the same value as
 * `JSON.parse`, except that an array holding only numbers comes back as a Float64Array. A
 * province's columns (4 M arcs × 3) are then read straight into typed memory — no decoded text,
 * no array of boxed numbers, almost no garbage — which `parseColumnarProblem` accepts as is.
 */

export class JsonSyntaxError extends SyntaxError {
  override readonly name = 'JsonSyntaxError';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;
/** Powers of ten that are exact doubles: m / 10^k is then one correctly rounded division. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Significant digits that keep an integer mantissa exact (< 2^53). */
const SAFE_DIGITS = 15;

class Reader {
  private at = 0;
  private readonly text = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Uint8Array) {}

  document(): unknown {
    const value = this.value();
    this.space();
    if (this.at !== this.bytes.length) this.fail('unexpected data after the JSON value');
    return value;
  }

  private fail(why: string): never {
    throw new JsonSyntaxError(`${why} at byte ${this.at}`);
  }

  private space(): void {
    const b = this.bytes;
    while (this.at < b.length) {
      const c = b[this.at]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  private expect(c: number): void {
    this.space();
    if (this.bytes[this.at] !== c) this.fail(`expected "${String.fromCharCode(c)}"`);
    this.at++;
  }

  private value(): unknown {
    this.space();
    const c = this.bytes[this.at];
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c !== undefined && c >= 0x30 && c <= 0x39)) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.matches(word)) return v;
    }
    return this.fail(c === undefined ? 'unexpected end of input' : 'unexpected character');
  }

  private matches(word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.bytes[this.at + k] !== word.charCodeAt(k)) return false;
    this.at += word.length;
    return true;
  }

  private object(): Record<string, unknown> {
    this.at++; // {
    const out: Record<string, unknown> = {};
    this.space();
    if (this.bytes[this.at] === 0x7d) {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.bytes[this.at] !== QUOTE) this.fail('expected a property name');
      const key = this.string();
      this.expect(0x3a);
      // defineProperty: a "__proto__" key is data, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.bytes[this.at++];
      if (c === 0x7d) return out;
      if (c !== 0x2c) this.fail('expected "," or "}"');
    }
  }

  /** An array: a Float64Array while every element is a number, a plain array from the first that is not. */
  private array(): unknown[] | Float64Array {
    this.at++; // [
    this.space();
    if (this.bytes[this.at] === 0x5d) {
      this.at++;
      return [];
    }
    let column = new Float64Array(1024);
    let n = 0;
    for (;;) {
      this.space();
      const c = this.bytes[this.at];
      if (!(c === MINUS || (c !== undefined && c >= 0x30 && c <= 0x39))) return this.mixed(Array.from(column.subarray(0, n)));
      if (n === column.length) {
        const grown = new Float64Array(2 * n);
        grown.set(column);
        column = grown;
      }
      // The hot loop of a province: a plain short number right before "," or "]" is read here.
      column[n++] = this.shortNumber();
      const next = this.bytes[this.at];
      if (next === 0x2c) {
        this.at++;
        continue;
      }
      this.space();
      const after = this.bytes[this.at++];
      if (after === 0x5d) return column.slice(0, n);
      if (after !== 0x2c) this.fail('expected "," or "]"');
    }
  }

  /** `number()`, with digits and a fraction read in local variables (most column entries). */
  private shortNumber(): number {
    const b = this.bytes;
    let at = this.at;
    const negative = b[at] === MINUS;
    if (negative) at++;
    let mantissa = 0;
    let digits = 0;
    let c = b[at]!;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      c = b[++at]!;
    }
    let fraction = 0;
    if (c === DOT) {
      c = b[++at]!;
      while (c >= 0x30 && c <= 0x39) {
        mantissa = mantissa * 10 + (c - 0x30);
        fraction++;
        c = b[++at]!;
      }
    }
    const plain = digits > 0 && digits + fraction <= SAFE_DIGITS && (c === 0x2c || c === 0x5d || c === 0x20 || c === 0x0a);
    const leadingZero = digits > 1 && b[at - digits - fraction - (fraction > 0 ? 1 : 0)] === 0x30;
    if (!plain || leadingZero || c === DOT || (fraction === 0 && b[at - 1] === DOT)) return this.number();
    this.at = at;
    const v = fraction === 0 ? mantissa : mantissa / EXACT_POWERS[fraction]!;
    return negative ? -v : v;
  }

  /** The rest of an array that is not all numbers, after `head`. */
  private mixed(head: unknown[]): unknown[] {
    for (;;) {
      head.push(this.value());
      this.space();
      const c = this.bytes[this.at++];
      if (c === 0x5d) return head;
      if (c !== 0x2c) this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const b = this.bytes;
    const start = ++this.at;
    let escaped = false;
    while (this.at < b.length && b[this.at] !== QUOTE) {
      if (b[this.at] === BACKSLASH) {
        escaped = true;
        this.at++;
      } else if (b[this.at]! < 0x20) this.fail('control character in a string');
      this.at++;
    }
    if (this.at >= b.length) this.fail('unterminated string');
    const end = this.at++;
    try {
      const raw = this.text.decode(b.subarray(start, end));
      return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      return this.fail('bad string (escape or UTF-8)');
    }
  }

  /** A JSON number; short decimals (the common case) without building a string, exactly as `Number` reads them. */
  private number(): number {
    const b = this.bytes;
    const start = this.at;
    const negative = b[this.at] === MINUS;
    if (negative) this.at++;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    const intStart = this.at;
    while (b[this.at]! >= 0x30 && b[this.at]! <= 0x39) {
      mantissa = mantissa * 10 + (b[this.at++]! - 0x30);
      digits++;
    }
    if (digits === 0 || (b[intStart] === 0x30 && digits > 1)) this.fail('bad number');
    if (b[this.at] === DOT) {
      this.at++;
      while (b[this.at]! >= 0x30 && b[this.at]! <= 0x39) {
        mantissa = mantissa * 10 + (b[this.at++]! - 0x30);
        fraction++;
      }
      if (fraction === 0) this.fail('bad number');
    }
    const c = b[this.at];
    if (c === 0x65 || c === 0x45) {
      this.at++;
      if (b[this.at] === 0x2b || b[this.at] === MINUS) this.at++;
      const expStart = this.at;
      while (b[this.at]! >= 0x30 && b[this.at]! <= 0x39) this.at++;
      if (this.at === expStart) this.fail('bad number');
      return this.slowNumber(start);
    }
    if (digits + fraction > SAFE_DIGITS) return this.slowNumber(start);
    const v = fraction === 0 ? mantissa : mantissa / EXACT_POWERS[fraction]!;
    return negative ? -v : v;
  }

  private slowNumber(start: number): number {
    let s = '';
    for (let k = start; k < this.at; k++) s += String.fromCharCode(this.bytes[k]!);
    return Number(s);
  }
}

/** Parses JSON bytes (UTF-8); arrays of numbers come back as Float64Array. Throws JsonSyntaxError. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  return new Reader(bytes).document();
}

/** True when the document's first key is `format`, as the columnar form's writers put it (then `parseJsonBytes` pays off). */
export function startsWithFormat(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  return /^\s*\{\s*"format"\s*:/.test(head);
}
