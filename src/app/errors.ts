/**
 * The catalogue of expected failures the API can return. A code is never renamed or reused;
 * src/http/errors.ts maps each to its HTTP status, and docs/errors.md lists each (a test keeps
 * the three in step). Codes of the pure modules (emv_*, qr_code_*, kyc, risk) join here.
 */
export const appErrorCodes = [
  // requests
  'request_body_invalid',
  'request_body_too_large',
  'request_field_missing',
  'request_field_invalid',
  'request_field_unknown',
  'request_query_invalid',
  'route_not_found',
  'request_content_type_unsupported',
  'rate_limited',
  'service_overloaded',
  'internal_error',
  'method_not_allowed',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  // callers
  'auth_missing',
  'auth_invalid',
  'auth_forbidden',
  'terminal_revoked',
  // money
  'amount_invalid',
  'currency_unsupported',
  // merchants and terminals
  'merchant_not_found',
  'merchant_not_approved',
  'terminal_not_found',
  'merchant_currency_mismatch',
  // wallets
  'wallet_not_found',
  'wallet_password_format_invalid',
  'wallet_password_invalid',
  'wallet_locked',
  'wallet_balance_insufficient',
  'wallet_currency_mismatch',
  // orders
  'order_not_found',
  'order_out_trade_no_conflict',
  'order_already_paid',
  'order_closed',
  'order_expired',
  'order_not_paid',
  'order_fully_refunded',
  'payment_amount_mismatch',
  // refunds
  'refund_amount_exceeds_paid',
  'refund_out_refund_no_conflict',
  'merchant_balance_insufficient',
  // merchant API keys, webhooks and the event stream
  'merchant_api_key_not_found',
  'merchant_api_key_revoked',
  'merchant_api_keys_exhausted',
  'webhook_endpoint_not_found',
  'webhook_endpoints_exhausted',
  'webhook_url_invalid',
  'webhook_url_forbidden',
  'webhook_event_type_invalid',
  'event_not_found',
  'event_stream_limit_reached',
  // merchant onboarding (applications, documents, review, micro-merchant limits)
  'applicant_email_taken',
  'applicant_password_length_invalid',
  'applicant_credentials_invalid',
  'applicant_session_expired',
  'applicant_applications_exhausted',
  'application_not_found',
  'application_not_editable',
  'application_state_invalid',
  'application_field_missing',
  'application_field_invalid',
  'application_field_not_applicable',
  'application_field_unknown',
  'application_licence_dates_invalid',
  'application_licence_expired',
  'application_document_missing',
  'application_claimed',
  'application_claim_required',
  'document_not_found',
  'document_too_large',
  'document_type_unrecognized',
  'document_type_mismatch',
  'document_uploads_exhausted',
  'micro_merchant_payment_limit_exceeded',
  'micro_merchant_daily_limit_exceeded',
  // risk control (the rule language's rule_* codes come from src/domain/risk)
  'risk_blocked',
  'risk_challenge_required',
  'risk_challenge_invalid',
  'risk_challenge_expired',
  'risk_device_id_invalid',
  'risk_rule_not_found',
  'risk_list_not_found',
  'risk_list_entry_not_found',
  'risk_decision_not_found',
  'risk_hold_not_found',
  'risk_hold_resolved',
  'risk_backtest_period_invalid',
  'risk_backtest_too_large',
  // catalog (the POS product grid) and the consumer's demo top-up
  'catalog_item_not_found',
  'catalog_item_price_invalid',
  'catalog_item_name_invalid',
  'catalog_item_archived',
  'catalog_items_exhausted',
  'wallet_top_up_disabled',
  'wallet_top_up_amount_exceeded',
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export interface ErrorDetails {
  param?: string;
  position?: number;
  /** Extra machine-readable facts, e.g. triesRemaining or lockedUntil for a wallet. */
  [key: string]: unknown;
}

/** An expected failure travelling up from a use case to the HTTP edge. Never a 500. */
export class AppError<Code extends string = AppErrorCode> extends Error {
  override name = 'AppError';
  constructor(
    readonly code: Code,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}
