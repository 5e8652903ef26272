import { IdentifierSchema, personalDataKind, residentIdCheckChar } from '../../../src/domain/party-identifier';

/** A resident ID number with a valid ISO 7064 MOD 11-2 check character. */
function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

const VALID_ID = residentId('11010519491231002'); // the check character is X
const VALID_ID_DIGIT = residentId('44030419900307123');

describe('party identifiers: pattern and party-data check (issue 18)', () => {
  test('the checksum helper computes the published example (11010519491231002X)', () => {
    expect(VALID_ID).toBe('11010519491231002X');
  });

  test.each([
    ['ext-2026-000123'],
    ['h-t04-v15-185'],
    ['court:bj0105/2026/min-chu/12345'],
    ['case_0a1b2c3d4e5f60718293'],
    ['A'],
    ['20260305000123456789'], // a 20-digit docket number: long runs are not searched inside
    ['123456789012345678'], // 18 digits, wrong checksum, no birth date at digits 7–14
    ['1381234567'], // 10 digits: too short for a phone number
    ['12812345678'], // 11 digits but 12x is no mobile prefix
  ])('when the identifier is %s, then it is accepted', (id) => {
    expect(personalDataKind(id)).toBeNull();
    expect(IdentifierSchema.safeParse(id).success).toBe(true);
  });

  test.each([
    ['13812345678', 'phone number'],
    ['zhang13812345678', 'phone number'],
    ['p-19912345678-x', 'phone number'],
    ['8613812345678', 'phone number'],
    ['138-1234-5678', 'phone number'],
    ['138.1234.5678', 'phone number'],
    [VALID_ID, 'resident ID number'],
    [VALID_ID.toLowerCase(), 'resident ID number'],
    [VALID_ID_DIGIT, 'resident ID number'],
    [`party-${VALID_ID_DIGIT}`, 'resident ID number'],
    // Wrong checksum, but digits 7–14 are a real birth date: a mistyped ID is still an ID.
    [`${VALID_ID_DIGIT.slice(0, 17)}${VALID_ID_DIGIT[17] === '0' ? '1' : '0'}`, 'resident ID number'],
    // Old 15-digit ID: digits 7–12 are a real date (YYMMDD).
    ['110105491231002', 'resident ID number'],
  ])('when the identifier is %s, then it is refused as a %s, without echoing the value', (id, kind) => {
    expect(personalDataKind(id)).toBe(kind);
    const r = IdentifierSchema.safeParse(id);
    expect(r.success).toBe(false);
    const message = r.error?.issues.map((i) => i.message).join(' ') ?? '';
    expect(message).toContain(kind);
    expect(message).not.toContain(id);
    expect(message).not.toMatch(/\d{6,}/);
  });

  test.each([
    ['', 'empty'],
    ['-leading-dash', 'a separator first'],
    ['张三', 'Chinese characters (a name)'],
    ['Zhang San', 'a space'],
    ['a'.repeat(129), 'longer than 128'],
    ['x'.repeat(900_000), 'the 900 KB externalId of issue 18'],
  ])('when the identifier is %s (%s), then the pattern or the length refuses it', (id) => {
    expect(IdentifierSchema.safeParse(id).success).toBe(false);
  });
});
