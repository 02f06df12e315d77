import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateBankCard } from './bank-card.ts';
import { validateEmail } from './email.ts';
import { type KycErrorCode, kycErrorCodes } from './errors.ts';
import { validatePhone } from './phone.ts';
import { validateResidentId } from './resident-id.ts';
import { validateUSCC } from './uscc.ts';

const today = { year: 2025, month: 6, day: 15 };
type Check = (input: string) => { ok: true } | { ok: false; code: string };
const checks: Record<string, Check> = {
  uscc: validateUSCC,
  resident_id: (input) => validateResidentId(input, today),
  bank_card: validateBankCard,
  phone: validatePhone,
  email: validateEmail,
};

/** One input per code: the catalogue is exactly what the validators can return. */
const examples: Record<KycErrorCode, string> = {
  uscc_length_invalid: '91350100M000100Y4',
  uscc_character_invalid: '91350100M000100YI3',
  uscc_check_digit_mismatch: '91350100M000100Y44',
  uscc_authority_unknown: 'B1350100M000100Y41',
  uscc_organization_type_invalid: '94350100M000100Y4R',
  uscc_region_invalid: '913501A0M000100Y4X',
  uscc_region_unknown: '91990100M000100Y4U',
  resident_id_length_invalid: '1101051949123100',
  resident_id_first_generation_unsupported: '110105491231002',
  resident_id_character_invalid: '11010519491231002Y',
  resident_id_check_digit_mismatch: '110105194912310021',
  resident_id_region_unknown: '160105194912310029',
  resident_id_birth_date_invalid: '110105194902300020',
  resident_id_birth_date_in_future: '110105202506160027',
  resident_id_birth_date_too_early: '110105189912310023',
  bank_card_character_invalid: '4111x1111',
  bank_card_length_invalid: '411111111111111',
  bank_card_luhn_mismatch: '4111111111111112',
  phone_country_code_unsupported: '+85291234567',
  phone_character_invalid: '138-0013-800O',
  phone_length_invalid: '1380013800',
  phone_prefix_invalid: '12800138000',
  email_length_invalid: '',
  email_at_sign_invalid: 'merchant.example.com',
  email_local_part_invalid: '.li@example.com',
  email_domain_invalid: 'li@localhost',
};

test('every KYC error code is returned by its validator for an example input', () => {
  for (const code of kycErrorCodes) {
    const validator = Object.keys(checks).find((noun) => code.startsWith(`${noun}_`));
    assert.ok(validator, `${code} names no validator`);
    const result = checks[validator]?.(examples[code]);
    assert.equal(result?.ok ? 'ok' : result?.code, code, examples[code]);
  }
});

test('KYC error codes are unique snake_case <noun>_<condition> names', () => {
  assert.equal(new Set(kycErrorCodes).size, kycErrorCodes.length);
  for (const code of kycErrorCodes) assert.match(code, /^[a-z]+(_[a-z0-9]+)+$/);
  assert.deepEqual(Object.keys(examples).sort(), [...kycErrorCodes].sort());
});
