import { type AppErrorCode } from '../app/errors.ts';
import type { EMVErrorCode } from '../domain/emv/index.ts';
import type { QRCodeErrorCode } from '../domain/qr-code/index.ts';
import { kycErrorCodes } from '../domain/kyc/index.ts';
import { riskErrorCodes } from '../domain/risk/index.ts';

/**
 * Every error code and its HTTP status. `satisfies Record<…>` makes a new code fail to compile
 * until it has a status here.
 */
const appStatuses = {
  request_body_invalid: 400,
  request_body_too_large: 413,
  request_field_missing: 400,
  request_field_invalid: 400,
  request_field_unknown: 400,
  request_query_invalid: 400,
  route_not_found: 404,
  request_content_type_unsupported: 415,
  rate_limited: 429,
  service_overloaded: 503,
  internal_error: 500,
  method_not_allowed: 405,
  idempotency_key_invalid: 400,
  idempotency_key_reused: 422,
  idempotency_key_in_use: 409,
  auth_missing: 401,
  auth_invalid: 401,
  auth_forbidden: 403,
  terminal_revoked: 401,
  amount_invalid: 400,
  currency_unsupported: 400,
  merchant_not_found: 404,
  merchant_not_approved: 403,
  terminal_not_found: 404,
  merchant_currency_mismatch: 422,
  wallet_not_found: 404,
  wallet_password_format_invalid: 400,
  wallet_password_invalid: 402,
  wallet_locked: 423,
  wallet_balance_insufficient: 402,
  wallet_currency_mismatch: 422,
  order_not_found: 404,
  order_out_trade_no_conflict: 409,
  order_already_paid: 409,
  order_closed: 409,
  order_expired: 409,
  order_not_paid: 409,
  order_fully_refunded: 409,
  payment_amount_mismatch: 422,
  refund_amount_exceeds_paid: 422,
  refund_out_refund_no_conflict: 409,
  merchant_balance_insufficient: 409,
  merchant_api_key_not_found: 404,
  merchant_api_key_revoked: 401,
  merchant_api_keys_exhausted: 409,
  webhook_endpoint_not_found: 404,
  webhook_endpoints_exhausted: 409,
  webhook_url_invalid: 400,
  webhook_url_forbidden: 422,
  webhook_event_type_invalid: 400,
  event_not_found: 404,
  event_stream_limit_reached: 503,
  applicant_email_taken: 409,
  applicant_password_length_invalid: 422,
  applicant_credentials_invalid: 401,
  applicant_session_expired: 401,
  applicant_applications_exhausted: 409,
  application_not_found: 404,
  application_not_editable: 409,
  application_state_invalid: 409,
  application_field_missing: 422,
  application_field_invalid: 422,
  application_field_not_applicable: 422,
  application_field_unknown: 422,
  application_licence_dates_invalid: 422,
  application_licence_expired: 422,
  application_document_missing: 422,
  application_claimed: 409,
  application_claim_required: 409,
  document_not_found: 404,
  document_too_large: 413,
  document_type_unrecognized: 415,
  document_type_mismatch: 422,
  document_uploads_exhausted: 409,
  micro_merchant_payment_limit_exceeded: 422,
  micro_merchant_daily_limit_exceeded: 422,
  risk_blocked: 403,
  risk_challenge_required: 428,
  risk_challenge_invalid: 422,
  risk_challenge_expired: 409,
  risk_device_id_invalid: 400,
  risk_rule_not_found: 404,
  risk_list_not_found: 404,
  risk_list_entry_not_found: 404,
  risk_decision_not_found: 404,
  risk_hold_not_found: 404,
  risk_hold_resolved: 409,
  risk_backtest_period_invalid: 422,
  risk_backtest_too_large: 422,
  catalog_item_not_found: 404,
  catalog_item_price_invalid: 422,
  catalog_item_name_invalid: 422,
  catalog_item_archived: 409,
  catalog_items_exhausted: 409,
  wallet_top_up_disabled: 403,
  wallet_top_up_amount_exceeded: 422,
} satisfies Record<AppErrorCode, number>;

/** The KYC validators' codes: a well-formed request whose value cannot be accepted. */
const kycStatuses = Object.fromEntries(kycErrorCodes.map((code) => [code, 422]));

/** The rule language's codes (src/domain/risk): the rule is readable but cannot be accepted. */
const riskRuleStatuses = Object.fromEntries(riskErrorCodes.map((code) => [code, 422]));

/** A scanned code that is not a readable EMV payload, or not a genuine, current qrpay code. */
const codeStatuses = {
  emv_payload_invalid: 400,
  emv_payload_too_long: 400,
  emv_id_invalid: 422,
  emv_length_invalid: 422,
  emv_crc_missing: 422,
  emv_crc_invalid: 422,
  emv_crc_mismatch: 422,
  emv_data_after_crc: 422,
  emv_format_indicator_invalid: 422,
  emv_duplicate_id: 422,
  emv_value_empty: 422,
  emv_value_invalid: 422,
  emv_value_too_long: 422,
  emv_mandatory_missing: 422,
  emv_cpm_base64_invalid: 422,
  emv_cpm_tlv_invalid: 422,
  emv_cpm_format_indicator_invalid: 422,
  emv_cpm_application_missing: 422,
  qr_code_signature_invalid: 422,
  qr_code_expired: 422,
  qr_code_key_unknown: 422,
  qr_code_not_qrpay: 422,
} satisfies Record<EMVErrorCode | QRCodeErrorCode, number>;

const statuses: Record<string, number> = {
  ...appStatuses,
  ...codeStatuses,
  ...kycStatuses,
  ...riskRuleStatuses,
};

export function statusFor(code: string): number | undefined {
  return statuses[code];
}

export function knownErrorCodes(): string[] {
  return Object.keys(statuses).sort();
}
