import type { Account, AccountKind, Transfer, TransferKind } from '../../domain/ledger/ledger.ts';
import type { Order, OrderStatus } from '../../domain/order/order.ts';
import type {
  CredentialStatus,
  EventType,
  IdempotencyRecord,
  Merchant,
  MerchantStatus,
  MerchantTier,
  Refund,
  StoredEvent,
  Terminal,
  Wallet,
} from '../../app/ports.ts';
import type { Row } from './executor.ts';
import { num, numOrNull, str, strOrNull } from './columns.ts';

/** Row → domain mapping, with the column types checked once here instead of everywhere. */

export function toMerchant(row: Row): Merchant {
  return {
    id: str(row, 'id'),
    legalName: str(row, 'legal_name'),
    displayName: str(row, 'display_name'),
    city: str(row, 'city'),
    country: str(row, 'country'),
    mcc: str(row, 'mcc'),
    currency: str(row, 'currency'),
    feeRateBp: num(row, 'fee_rate_bp'),
    status: str(row, 'status') as MerchantStatus,
    tier: str(row, 'tier') as MerchantTier,
    createdAtMs: num(row, 'created_at_ms'),
  };
}

export function toTerminal(row: Row): Terminal {
  return {
    id: str(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    name: str(row, 'name'),
    keyHash: str(row, 'key_hash'),
    keyPrefix: str(row, 'key_prefix'),
    status: str(row, 'status') as CredentialStatus,
    createdAtMs: num(row, 'created_at_ms'),
    revokedAtMs: numOrNull(row, 'revoked_at_ms'),
  };
}

export function toWallet(row: Row): Wallet {
  return {
    id: str(row, 'id'),
    tokenHash: str(row, 'token_hash'),
    currency: str(row, 'currency'),
    passwordSalt: str(row, 'password_salt'),
    passwordHash: str(row, 'password_hash'),
    passwordKeyId: str(row, 'password_key_id'),
    failedAttempts: num(row, 'failed_attempts'),
    lockedUntilMs: numOrNull(row, 'locked_until_ms'),
    passwordSetAtMs: num(row, 'password_set_at_ms'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

export function toOrder(row: Row): Order {
  return {
    id: str(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    terminalId: strOrNull(row, 'terminal_id'),
    outTradeNo: str(row, 'out_trade_no'),
    amountMinor: num(row, 'amount'),
    currency: str(row, 'currency'),
    description: strOrNull(row, 'description'),
    status: str(row, 'status') as OrderStatus,
    feeMinor: num(row, 'fee'),
    refundedMinor: num(row, 'refunded'),
    refundedFeeMinor: num(row, 'refunded_fee'),
    walletId: strOrNull(row, 'wallet_id'),
    qrToken: str(row, 'qr_token'),
    qrPayload: str(row, 'qr_payload'),
    createdAtMs: num(row, 'created_at_ms'),
    expiresAtMs: num(row, 'expires_at_ms'),
    scannedAtMs: numOrNull(row, 'scanned_at_ms'),
    paidAtMs: numOrNull(row, 'paid_at_ms'),
    closedAtMs: numOrNull(row, 'closed_at_ms'),
  };
}

export function toRefund(row: Row): Refund {
  return {
    id: str(row, 'id'),
    orderId: str(row, 'order_id'),
    merchantId: str(row, 'merchant_id'),
    outRefundNo: str(row, 'out_refund_no'),
    amountMinor: num(row, 'amount'),
    feeRefundMinor: num(row, 'fee_refund'),
    status: 'succeeded',
    createdAtMs: num(row, 'created_at_ms'),
  };
}

export function toAccount(row: Row): Account {
  return {
    id: str(row, 'id'),
    kind: str(row, 'kind') as AccountKind,
    ownerId: strOrNull(row, 'owner_id'),
    currency: str(row, 'currency'),
    balanceMinor: num(row, 'balance'),
  };
}

export function toTransfer(row: Row): Transfer {
  return {
    id: str(row, 'id'),
    kind: str(row, 'kind') as TransferKind,
    debitAccountId: str(row, 'debit_account_id'),
    creditAccountId: str(row, 'credit_account_id'),
    amountMinor: num(row, 'amount'),
    currency: str(row, 'currency'),
    orderId: strOrNull(row, 'order_id'),
    refundId: strOrNull(row, 'refund_id'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

export function toEvent(row: Row): StoredEvent {
  return {
    id: num(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    seq: num(row, 'seq'),
    type: str(row, 'type') as EventType,
    orderId: strOrNull(row, 'order_id'),
    terminalId: strOrNull(row, 'terminal_id'),
    payload: str(row, 'payload'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

export function toIdempotency(row: Row): IdempotencyRecord {
  return {
    scope: str(row, 'scope'),
    key: str(row, 'key'),
    requestHash: str(row, 'request_hash'),
    state: str(row, 'state') as IdempotencyRecord['state'],
    statusCode: numOrNull(row, 'status_code'),
    responseBody: strOrNull(row, 'response_body'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}
