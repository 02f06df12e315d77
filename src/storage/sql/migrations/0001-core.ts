import type { ColumnTypes, Migration } from '../schema.ts';

/** Merchants, terminals, wallets, the ledger, orders, refunds, the outbox, idempotency. */
export function coreMigration(t: ColumnTypes): Migration {
  return {
    version: 1,
    statements: [
      `CREATE TABLE merchants (
        id ${t.text} PRIMARY KEY, legal_name ${t.text} NOT NULL, display_name ${t.text} NOT NULL,
        city ${t.text} NOT NULL, country ${t.text} NOT NULL, mcc ${t.text} NOT NULL,
        currency ${t.text} NOT NULL, fee_rate_bp ${t.int} NOT NULL, status ${t.text} NOT NULL,
        tier ${t.text} NOT NULL, event_seq ${t.int} NOT NULL DEFAULT 0,
        created_at_ms ${t.int} NOT NULL)`,
      `CREATE TABLE terminals (
        id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL REFERENCES merchants(id),
        name ${t.text} NOT NULL, key_hash ${t.text} NOT NULL UNIQUE,
        key_prefix ${t.text} NOT NULL, status ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL, revoked_at_ms ${t.int})`,
      `CREATE INDEX terminals_merchant ON terminals (merchant_id)`,
      `CREATE TABLE wallets (
        id ${t.text} PRIMARY KEY, token_hash ${t.text} NOT NULL UNIQUE,
        currency ${t.text} NOT NULL, password_salt ${t.text} NOT NULL,
        password_hash ${t.text} NOT NULL, password_key_id ${t.text} NOT NULL,
        failed_attempts ${t.int} NOT NULL, locked_until_ms ${t.int},
        password_set_at_ms ${t.int} NOT NULL, created_at_ms ${t.int} NOT NULL)`,
      `CREATE TABLE accounts (
        id ${t.text} PRIMARY KEY, kind ${t.text} NOT NULL, owner_id ${t.text},
        currency ${t.text} NOT NULL, balance ${t.int} NOT NULL DEFAULT 0,
        created_at_ms ${t.int} NOT NULL)`,
      `CREATE TABLE orders (
        id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL REFERENCES merchants(id),
        terminal_id ${t.text}, out_trade_no ${t.text} NOT NULL, amount ${t.int} NOT NULL,
        currency ${t.text} NOT NULL, description ${t.text}, status ${t.text} NOT NULL,
        fee ${t.int} NOT NULL, refunded ${t.int} NOT NULL, refunded_fee ${t.int} NOT NULL,
        wallet_id ${t.text}, qr_token ${t.text} NOT NULL UNIQUE, qr_payload ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL, expires_at_ms ${t.int} NOT NULL,
        scanned_at_ms ${t.int}, paid_at_ms ${t.int}, closed_at_ms ${t.int},
        UNIQUE (merchant_id, out_trade_no))`,
      `CREATE INDEX orders_merchant ON orders (merchant_id, id)`,
      `CREATE INDEX orders_terminal ON orders (terminal_id, id)`,
      `CREATE INDEX orders_wallet ON orders (wallet_id, id)`,
      `CREATE INDEX orders_pending_deadline ON orders (status, expires_at_ms)`,
      `CREATE TABLE refunds (
        id ${t.text} PRIMARY KEY, order_id ${t.text} NOT NULL REFERENCES orders(id),
        merchant_id ${t.text} NOT NULL, out_refund_no ${t.text} NOT NULL,
        amount ${t.int} NOT NULL, fee_refund ${t.int} NOT NULL, status ${t.text} NOT NULL,
        created_at_ms ${t.int} NOT NULL, UNIQUE (order_id, out_refund_no))`,
      `CREATE TABLE transfers (
        id ${t.text} PRIMARY KEY, kind ${t.text} NOT NULL,
        debit_account_id ${t.text} NOT NULL REFERENCES accounts(id),
        credit_account_id ${t.text} NOT NULL REFERENCES accounts(id),
        amount ${t.int} NOT NULL CHECK (amount > 0), currency ${t.text} NOT NULL,
        order_id ${t.text}, refund_id ${t.text}, created_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX transfers_order ON transfers (order_id)`,
      `CREATE TABLE events (
        id ${t.serial}, merchant_id ${t.text} NOT NULL, seq ${t.int} NOT NULL,
        type ${t.text} NOT NULL, order_id ${t.text}, terminal_id ${t.text},
        payload ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL,
        UNIQUE (merchant_id, seq))`,
      `CREATE TABLE idempotency_keys (
        scope ${t.text} NOT NULL, key ${t.text} NOT NULL, request_hash ${t.text} NOT NULL,
        state ${t.text} NOT NULL, status_code ${t.int}, response_body ${t.text},
        created_at_ms ${t.int} NOT NULL, PRIMARY KEY (scope, key))`,
      `CREATE TABLE settings (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL)`,
    ],
  };
}
