/**
 * Every expected failure of the KYC validators, one stable snake_case code each. A code is never
 * renamed or reused. All are HTTP 422: the request is well-formed JSON with a string where a
 * string belongs, but the value cannot be accepted (see docs/kyc.md).
 */
export const kycErrorCodes = [
  'uscc_length_invalid',
  'uscc_character_invalid',
  'uscc_check_digit_mismatch',
  'uscc_authority_unknown',
  'uscc_organization_type_invalid',
  'uscc_region_invalid',
  'uscc_region_unknown',
  'resident_id_length_invalid',
  'resident_id_first_generation_unsupported',
  'resident_id_character_invalid',
  'resident_id_check_digit_mismatch',
  'resident_id_region_unknown',
  'resident_id_birth_date_invalid',
  'resident_id_birth_date_in_future',
  'resident_id_birth_date_too_early',
  'bank_card_character_invalid',
  'bank_card_length_invalid',
  'bank_card_luhn_mismatch',
  'phone_country_code_unsupported',
  'phone_character_invalid',
  'phone_length_invalid',
  'phone_prefix_invalid',
  'email_length_invalid',
  'email_at_sign_invalid',
  'email_local_part_invalid',
  'email_domain_invalid',
] as const;

export type KycErrorCode = (typeof kycErrorCodes)[number];

/**
 * Longest raw input any validator looks at, before normalisation. The longest valid value is an
 * email address (254); the margin allows surrounding whitespace. Longer input fails at once with
 * the validator's length code, so no validator does unbounded work.
 */
export const kycInputLengthMax = 320;
