import { type AppErrorCode } from '../app/errors.ts';
import { kycErrorCodes } from '../domain/kyc/index.ts';

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
} satisfies Record<AppErrorCode, number>;

/** The KYC validators' codes: a well-formed request whose value cannot be accepted. */
const kycStatuses = Object.fromEntries(kycErrorCodes.map((code) => [code, 422]));

const statuses: Record<string, number> = { ...appStatuses, ...kycStatuses };

/** Codes of the pure modules (codec, signed codes, KYC, risk) join through this. */
export function registerErrorStatuses(entries: Record<string, number>) {
  Object.assign(statuses, entries);
}

export function statusFor(code: string): number | undefined {
  return statuses[code];
}

export function knownErrorCodes(): string[] {
  return Object.keys(statuses).sort();
}
