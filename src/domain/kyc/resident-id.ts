import { assert } from '../../lib/assert.ts';
import { type Result, fail, ok } from '../../lib/result.ts';
import { type KycErrorCode, kycInputLengthMax } from './errors.ts';
import { isDigits, normalizeInput, stripSeparators } from './normalize.ts';
import { type ProvinceRegion, provinceByCode } from './regions.ts';

/**
 * Citizen identity number (公民身份号码) of the PRC Resident Identity Card, GB 11643-1999:
 *   1–6    address code (GB/T 2260) where the number was first issued
 *   7–14   date of birth, YYYYMMDD
 *   15–17  sequence; the 17th digit is odd for men and even for women
 *   18     ISO 7064 MOD 11-2 check character, 0–9 or X for 10
 * The same layout is used by the residence permits for Hong Kong, Macao (81, 82) and Taiwan (83)
 * residents, which serve as identity documents on the mainland and are accepted too.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export type ResidentIdDocument = 'resident_identity_card' | 'residence_permit';
export type Sex = 'male' | 'female';

export interface ResidentIdFacts {
  readonly normalized: string;
  readonly document: ResidentIdDocument;
  readonly regionCode: string;
  readonly province: ProvinceRegion;
  readonly birthDate: string; // YYYY-MM-DD
  readonly sex: Sex;
}

const idLength = 18;
const firstGenerationLength = 15;
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const idCheckCharacters = '10X98765432';
const birthYearMin = 1900;

/** 83 is not in GB/T 2260: it marks residence permits of Taiwan residents. */
const taiwanResidentRegion: ProvinceRegion = {
  code: '83',
  zh: '台湾居民居住证',
  en: 'Taiwan (residence permit)',
};
const permitProvinces = new Set(['81', '82', '83']);

/** The MOD 11-2 check character of 17 digits, or undefined if the body is not 17 digits. */
export function residentIdCheckCharacter(body: string): string | undefined {
  if (body.length !== idLength - 1 || !isDigits(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (idWeights[i] ?? 0);
  return idCheckCharacters[sum % 11];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isSafeInteger)) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

type ResidentIdResult = Result<ResidentIdFacts, KycErrorCode>;

/** `today` is the caller's current date (the domain has no clock); birth dates after it fail. */
export function validateResidentId(input: string, today: CalendarDate): ResidentIdResult {
  assert(isCalendarDate(today), 'validateResidentId needs a real calendar date as today');
  if (input.length > kycInputLengthMax) {
    return fail('resident_id_length_invalid', 'an identity number has 18 characters');
  }
  const id = stripSeparators(normalizeInput(input).replace(/x$/, 'X'), ' ');
  if (id === undefined || !/^[0-9X]*$/.test(id)) {
    return fail('resident_id_character_invalid', 'an identity number has 17 digits and 0–9 or X');
  }
  if (id.length === firstGenerationLength && isDigits(id)) {
    return fail(
      'resident_id_first_generation_unsupported',
      '15-digit first-generation identity numbers ceased to be valid in 2013',
    );
  }
  if (id.length !== idLength) {
    const message = `an identity number has 18 characters, not ${id.length}`;
    return fail('resident_id_length_invalid', message);
  }
  if (!isDigits(id.slice(0, 17))) {
    return fail('resident_id_character_invalid', 'only the last character may be X');
  }
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) {
    return fail(
      'resident_id_check_digit_mismatch',
      'the check character does not match: a digit is probably mistyped',
    );
  }
  return checkResidentIdFields(id, today);
}

function checkResidentIdFields(id: string, today: CalendarDate): ResidentIdResult {
  const provinceCode = id.slice(0, 2);
  const province = provinceCode === '83' ? taiwanResidentRegion : provinceByCode(provinceCode);
  if (!province) {
    const message = `"${provinceCode}" is not a province-level region code`;
    return fail('resident_id_region_unknown', message);
  }
  const birth = {
    year: Number(id.slice(6, 10)),
    month: Number(id.slice(10, 12)),
    day: Number(id.slice(12, 14)),
  };
  if (!isCalendarDate(birth)) {
    return fail('resident_id_birth_date_invalid', 'digits 7–14 are not a real date of birth');
  }
  if (birth.year < birthYearMin) {
    return fail('resident_id_birth_date_too_early', 'the date of birth is before 1900');
  }
  if (compareDates(birth, today) > 0) {
    return fail('resident_id_birth_date_in_future', 'the date of birth is in the future');
  }
  return ok({
    normalized: id,
    document: permitProvinces.has(provinceCode) ? 'residence_permit' : 'resident_identity_card',
    regionCode: id.slice(0, 6),
    province,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  });
}
