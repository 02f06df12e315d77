import { type AppErrorCode } from '../app/errors.ts';

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
} satisfies Record<AppErrorCode, number>;

const statuses: Record<string, number> = { ...appStatuses };

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
