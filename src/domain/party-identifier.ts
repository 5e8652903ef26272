import { z } from 'zod';
import { isRealDay } from './instant';
import { LIMITS } from './limits';

/**
 * Identifiers the service stores or emits (externalId, party refs, mediator, place and session
 * ids): 1–128 characters, a letter or digit first, then letters, digits and `. _ : / -`. No
 * spaces and no Chinese characters, so no name fits; and a value that looks like a mainland
 * phone number or a resident ID number is refused too, so none enters the case hash, the event
 * stream or a webhook. Party data stays with the sender; the service keeps references only.
 *
 * What "looks like" means (checked on the maximal runs of digits in the value, so an embedded
 * number is caught: `zhang13812345678`, `p-110105199003071237`):
 * - phone: a run of 11 digits `1[3-9]xxxxxxxxx`, optionally after `86` or `0086`; also when the
 *   digits are grouped by single `-`, `.` or spaces (`138-1234-5678`);
 * - resident ID (18 characters): 17 digits and a check character (a digit or X) with a valid
 *   ISO 7064 MOD 11-2 checksum. With a wrong checksum it is still refused when digits 7–14 are a
 *   real birth date (a mistyped ID is still an ID); other 18-digit runs (docket numbers) pass;
 * - old resident ID (15 digits): refused when digits 7–12 are a real date (YYMMDD).
 * Longer digit runs are not searched inside: long serial numbers would be refused at random.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export type PersonalDataKind = 'phone number' | 'resident ID number';

const PHONE = /^(?:86|0086)?1[3-9]\d{9}$/;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

function hasBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  return year >= 1900 && year <= LIMITS.maxYear && isRealDay(year, Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8)));
}

/** Does this run of 17 digits plus a check character (digit or X) look like a resident ID? */
function looksLikeResidentId(run: string): boolean {
  const first17 = run.slice(0, 17);
  return residentIdCheckChar(first17) === run[17]?.toUpperCase() || hasBirthDate(run.slice(6, 14));
}

/** Does this run of 15 digits look like an old (first-generation) resident ID? */
function looksLikeOldResidentId(run: string): boolean {
  return isRealDay(1900 + Number(run.slice(6, 8)), Number(run.slice(8, 10)), Number(run.slice(10, 12)));
}

/** What party data `value` looks like, or null when none. Never logs or returns the value. */
export function personalDataKind(value: string): PersonalDataKind | null {
  // Maximal digit runs, an 18-character ID's trailing X kept with its 17 digits.
  for (const [run] of value.matchAll(/\d{17}[Xx]|\d+/g)) {
    if (PHONE.test(run)) return 'phone number';
    if (run.length === 18 && looksLikeResidentId(run)) return 'resident ID number';
    if (run.length === 15 && looksLikeOldResidentId(run)) return 'resident ID number';
  }
  // Digit groups joined by single separators, as phone numbers are often written.
  for (const [grouped] of value.matchAll(/\d+(?:[-. ]\d+)+/g)) {
    if (PHONE.test(grouped.replace(/[-. ]/g, ''))) return 'phone number';
  }
  return null;
}

/**
 * An id the service makes itself (case ids: `case_` and 20 hex digits of a hash): the pattern
 * and length, without the party-data check, which a hash's digits would fail now and then.
 */
export const ServiceIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.identifierLength)
  .regex(IDENTIFIER_PATTERN, 'must start with a letter or digit and hold only letters, digits and . _ : / -');

/** An identifier: the pattern above, at most LIMITS.identifierLength characters, no party data. */
export const IdentifierSchema = z
  .string()
  .min(1)
  .max(LIMITS.identifierLength)
  .regex(IDENTIFIER_PATTERN, 'must start with a letter or digit and hold only letters, digits and . _ : / -')
  .superRefine((value, ctx) => {
    if (value.length > LIMITS.identifierLength) return;
    const kind = personalDataKind(value);
    if (kind) ctx.addIssue({ code: 'custom', message: `looks like a ${kind}: identifiers must not carry party data` });
  });
