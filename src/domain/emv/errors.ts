/**
 * Every way a payload can be rejected, one stable code each. Checks run in a fixed order
 * (characters and size, structure, CRC, format indicator, duplicates, values in payload order,
 * mandatory objects), so one bad payload always yields one code.
 */
export const emvErrorCodes = [
  'emv_payload_invalid',
  'emv_payload_too_long',
  'emv_id_invalid',
  'emv_length_invalid',
  'emv_crc_missing',
  'emv_crc_invalid',
  'emv_crc_mismatch',
  'emv_data_after_crc',
  'emv_format_indicator_invalid',
  'emv_duplicate_id',
  'emv_value_empty',
  'emv_value_invalid',
  'emv_value_too_long',
  'emv_mandatory_missing',
  'emv_cpm_base64_invalid',
  'emv_cpm_tlv_invalid',
  'emv_cpm_format_indicator_invalid',
  'emv_cpm_application_missing',
] as const;

export type EMVErrorCode = (typeof emvErrorCodes)[number];

/** A rule a lenient decode let through; `position` is a code point index into the payload. */
export interface EMVWarning {
  readonly code: EMVErrorCode;
  readonly message: string;
  readonly position: number;
}
