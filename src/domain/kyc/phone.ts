import { type Result, fail, ok } from '../../lib/result.ts';
import { type KycErrorCode, kycInputLengthMax } from './errors.ts';
import { normalizeInput, stripSeparators } from './normalize.ts';

/**
 * Mainland China mobile numbers: 11 digits, 1 then 3–9 (the 1[3-9] segments cover every carrier,
 * data-only and virtual-operator number). A leading +86 is accepted and dropped; the normalized
 * form is the 11 national digits, and `e164` carries the international form.
 */
export interface PhoneFacts {
  readonly normalized: string;
  readonly e164: string;
}

const countryPrefix = '+86';
const phoneLength = 11;

export function validatePhone(input: string): Result<PhoneFacts, KycErrorCode> {
  if (input.length > kycInputLengthMax) {
    return fail('phone_length_invalid', 'a mobile number has 11 digits');
  }
  let text = normalizeInput(input);
  if (text.startsWith('+')) {
    if (!text.startsWith(countryPrefix)) {
      const message = 'only mainland China numbers (+86) are accepted';
      return fail('phone_country_code_unsupported', message);
    }
    text = text.slice(countryPrefix.length).replace(/^[ -]/, '');
  }
  const digits = stripSeparators(text, ' -');
  if (digits === undefined || !/^[0-9]*$/.test(digits)) {
    return fail(
      'phone_character_invalid',
      'a mobile number is digits, optionally grouped by single spaces or hyphens',
    );
  }
  if (digits.length !== phoneLength) {
    return fail('phone_length_invalid', `a mobile number has 11 digits, not ${digits.length}`);
  }
  if (!/^1[3-9]/.test(digits)) {
    return fail('phone_prefix_invalid', 'a mainland mobile number starts with 13 to 19');
  }
  return ok({ normalized: digits, e164: `${countryPrefix}${digits}` });
}
