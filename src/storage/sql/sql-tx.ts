import { assert } from '../../lib/assert.ts';
import { mayGoNegative, type AccountKind, type TransferSpec } from '../../domain/ledger/ledger.ts';
import type { Order, OrderStatus } from '../../domain/order/order.ts';
import type {
  DebitOutcome,
  IdempotencyRecord,
  Merchant,
  OrderFilter,
  OrderPatch,
  ReadTx,
  StoredEvent,
  Terminal,
  Wallet,
  WriteTx,
  Refund,
} from '../../app/ports.ts';
import type { Row, SqlExecutor, SqlValue } from './executor.ts';
import * as rows from './rows.ts';
import { SqlQueries, whereClause } from './columns.ts';
import { SqlCatalogTx } from './catalog-tx.ts';
import { SqlKycTx } from './kyc-tx.ts';
import { SqlRiskTx } from './risk-tx.ts';
import { endpointHearsSql, eventTypePattern, SqlWebhooksTx } from './webhooks-tx.ts';

const orderColumns: Record<keyof OrderPatch, string> = {
  status: 'status',
  feeMinor: 'fee',
  refundedMinor: 'refunded',
  refundedFeeMinor: 'refunded_fee',
  walletId: 'wallet_id',
  scannedAtMs: 'scanned_at_ms',
  paidAtMs: 'paid_at_ms',
  closedAtMs: 'closed_at_ms',
};

/** Reads, over any executor: a pool (outside transactions) or one transaction's connection. */
export class SqlRead extends SqlQueries implements ReadTx {
  readonly webhooks: SqlWebhooksTx;
  readonly risk: SqlRiskTx;
  readonly kyc: SqlKycTx;
  readonly catalog: SqlCatalogTx;

  constructor(db: SqlExecutor) {
    super(db);
    this.webhooks = new SqlWebhooksTx(db);
    this.risk = new SqlRiskTx(db);
    this.kyc = new SqlKycTx(db);
    this.catalog = new SqlCatalogTx(db);
  }

  getMerchant(id: string) {
    return this.one('SELECT * FROM merchants WHERE id = ?', [id], rows.toMerchant);
  }
  listMerchants(limit: number, beforeId?: string) {
    return beforeId === undefined
      ? this.many('SELECT * FROM merchants ORDER BY id DESC LIMIT ?', [limit], rows.toMerchant)
      : this.many(
          'SELECT * FROM merchants WHERE id < ? ORDER BY id DESC LIMIT ?',
          [beforeId, limit],
          rows.toMerchant,
        );
  }
  getTerminal(id: string) {
    return this.one('SELECT * FROM terminals WHERE id = ?', [id], rows.toTerminal);
  }
  getTerminalByKeyHash(keyHash: string) {
    return this.one('SELECT * FROM terminals WHERE key_hash = ?', [keyHash], rows.toTerminal);
  }
  listTerminals(merchantId: string) {
    return this.many(
      'SELECT * FROM terminals WHERE merchant_id = ? ORDER BY id',
      [merchantId],
      rows.toTerminal,
    );
  }
  getWallet(id: string) {
    return this.one('SELECT * FROM wallets WHERE id = ?', [id], rows.toWallet);
  }
  getWalletByTokenHash(tokenHash: string) {
    return this.one('SELECT * FROM wallets WHERE token_hash = ?', [tokenHash], rows.toWallet);
  }
  getOrder(id: string) {
    return this.one('SELECT * FROM orders WHERE id = ?', [id], rows.toOrder);
  }
  getOrderByOutTradeNo(merchantId: string, outTradeNo: string) {
    return this.one(
      'SELECT * FROM orders WHERE merchant_id = ? AND out_trade_no = ?',
      [merchantId, outTradeNo],
      rows.toOrder,
    );
  }
  getOrderByQrToken(qrToken: string) {
    return this.one('SELECT * FROM orders WHERE qr_token = ?', [qrToken], rows.toOrder);
  }

  listOrders(filter: OrderFilter) {
    const where = whereClause([
      ['merchant_id = ?', filter.merchantId],
      ['terminal_id = ?', filter.terminalId],
      ['wallet_id = ?', filter.walletId],
      ['status = ?', filter.status],
      ['out_trade_no = ?', filter.outTradeNo],
      ['created_at_ms >= ?', filter.createdFromMs],
      ['created_at_ms < ?', filter.createdToMs],
      ['id < ?', filter.beforeId],
    ]);
    return this.many(
      `SELECT * FROM orders ${where.sql} ORDER BY id DESC LIMIT ?`,
      [...where.params, filter.limit],
      rows.toOrder,
    );
  }

  listOverdueOrders(nowMs: number, limit: number) {
    return this.many(
      `SELECT * FROM orders WHERE status = 'pending' AND expires_at_ms <= ?
       ORDER BY expires_at_ms LIMIT ?`,
      [nowMs, limit],
      rows.toOrder,
    );
  }
  getRefund(orderId: string, outRefundNo: string) {
    return this.one(
      'SELECT * FROM refunds WHERE order_id = ? AND out_refund_no = ?',
      [orderId, outRefundNo],
      rows.toRefund,
    );
  }
  listRefunds(orderId: string) {
    return this.many(
      'SELECT * FROM refunds WHERE order_id = ? ORDER BY id',
      [orderId],
      rows.toRefund,
    );
  }
  getAccount(id: string) {
    return this.one('SELECT * FROM accounts WHERE id = ?', [id], rows.toAccount);
  }
  listAccounts() {
    return this.many('SELECT * FROM accounts ORDER BY id', [], rows.toAccount);
  }
  listTransfers(afterId: string | null, limit: number) {
    return this.many(
      'SELECT * FROM transfers WHERE id > ? ORDER BY id LIMIT ?',
      [afterId ?? '', limit],
      rows.toTransfer,
    );
  }
  listEvents(merchantId: string, afterSeq: number, limit: number) {
    return this.many(
      'SELECT * FROM events WHERE merchant_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [merchantId, afterSeq, limit],
      rows.toEvent,
    );
  }
  listEventsAfterId(afterId: number, limit: number) {
    return this.many(
      'SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?',
      [afterId, limit],
      rows.toEvent,
    );
  }
  async lastEventId() {
    const row = await this.db.get('SELECT COALESCE(MAX(id), 0) AS id FROM events', []);
    return row === undefined ? 0 : Number(row['id']);
  }
  getIdempotency(scope: string, key: string) {
    return this.one(
      'SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?',
      [scope, key],
      rows.toIdempotency,
    );
  }
  async getSetting(key: string) {
    const row = await this.db.get('SELECT value FROM settings WHERE key = ?', [key]);
    return row === undefined ? undefined : String(row['value']);
  }
}

/** Writes inside one transaction. */
export class SqlWrite extends SqlRead implements WriteTx {
  /** The events this transaction appended, in order, so the store can hand them to listeners. */
  readonly appended: StoredEvent[] = [];
  get appendedEvents() {
    return this.appended.length > 0;
  }
  /** The merchants whose outbox grew, and whether webhook deliveries were created. */
  readonly changedMerchants = new Set<string>();
  createdDeliveries = false;

  async insertMerchant(m: Merchant) {
    await this.db.run(
      `INSERT INTO merchants (id, legal_name, display_name, city, country, mcc, currency,
       fee_rate_bp, status, tier, event_seq, created_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,0,?)`,
      [m.id, m.legalName, m.displayName, m.city, m.country, m.mcc, m.currency, m.feeRateBp,
        m.status, m.tier, m.createdAtMs],
    );
  }
  async insertTerminal(t: Terminal) {
    await this.db.run(
      `INSERT INTO terminals (id, merchant_id, name, key_hash, key_prefix, status, created_at_ms,
       revoked_at_ms) VALUES (?,?,?,?,?,?,?,?)`,
      [t.id, t.merchantId, t.name, t.keyHash, t.keyPrefix, t.status, t.createdAtMs, t.revokedAtMs],
    );
  }
  async revokeTerminal(id: string, nowMs: number) {
    const changed = await this.db.run(
      `UPDATE terminals SET status = 'revoked', revoked_at_ms = ? WHERE id = ? AND status = 'active'`,
      [nowMs, id],
    );
    return changed === 1;
  }
  async insertWallet(w: Wallet) {
    await this.db.run(
      `INSERT INTO wallets (id, token_hash, currency, password_salt, password_hash,
       password_key_id, failed_attempts, locked_until_ms, password_set_at_ms, created_at_ms)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
      [w.id, w.tokenHash, w.currency, w.passwordSalt, w.passwordHash, w.passwordKeyId,
        w.failedAttempts, w.lockedUntilMs, w.passwordSetAtMs, w.createdAtMs],
    );
  }
  async updateWalletPasswordState(id: string, failedAttempts: number, lockedUntilMs: number | null) {
    await this.db.defer('UPDATE wallets SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?', [
      failedAttempts,
      lockedUntilMs,
      id,
    ]);
  }
  async insertOrder(o: Order) {
    await this.db.run(
      `INSERT INTO orders (id, merchant_id, terminal_id, out_trade_no, amount, currency,
       description, status, fee, refunded, refunded_fee, wallet_id, qr_token, qr_payload,
       created_at_ms, expires_at_ms, scanned_at_ms, paid_at_ms, closed_at_ms)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [o.id, o.merchantId, o.terminalId, o.outTradeNo, o.amountMinor, o.currency, o.description,
        o.status, o.feeMinor, o.refundedMinor, o.refundedFeeMinor, o.walletId, o.qrToken,
        o.qrPayload, o.createdAtMs, o.expiresAtMs, o.scannedAtMs, o.paidAtMs, o.closedAtMs],
    );
  }
  async updateOrder(id: string, expected: OrderStatus, patch: OrderPatch) {
    const keys = Object.keys(patch) as (keyof OrderPatch)[];
    assert(keys.length > 0, 'an order update changes something');
    const sets = keys.map((k) => `${orderColumns[k]} = ?`).join(', ');
    const values = keys.map((k) => patch[k] ?? null);
    const changed = await this.db.run(
      `UPDATE orders SET ${sets} WHERE id = ? AND status = ?`,
      [...values, id, expected],
    );
    assert(changed <= 1, 'order ids are unique');
    return changed === 1;
  }
  async insertRefund(r: Refund) {
    await this.db.run(
      `INSERT INTO refunds (id, order_id, merchant_id, out_refund_no, amount, fee_refund, status,
       created_at_ms) VALUES (?,?,?,?,?,?,?,?)`,
      [r.id, r.orderId, r.merchantId, r.outRefundNo, r.amountMinor, r.feeRefundMinor, r.status,
        r.createdAtMs],
    );
  }
  async ensureAccount(id: string, kind: AccountKind, ownerId: string | null, currency: string) {
    await this.db.defer(
      `INSERT INTO accounts (id, kind, owner_id, currency, balance, created_at_ms)
       VALUES (?,?,?,?,0,0) ON CONFLICT (id) DO NOTHING`,
      [id, kind, ownerId, currency],
    );
  }

  async postTransfer(
    spec: TransferSpec,
    meta: { id: string; orderId: string | null; refundId: string | null; createdAtMs: number },
  ): Promise<DebitOutcome> {
    assert(Number.isSafeInteger(spec.amountMinor) && spec.amountMinor > 0, 'positive transfer');
    assert(spec.debitAccountId !== spec.creditAccountId, 'a transfer moves between two accounts');
    if (this.db.dialect === 'postgres') return this.postTransferOneStatement(spec, meta);
    // The balance check and the debit are one statement, so concurrent debits cannot overdraw.
    const debited = await this.db.run(
      `UPDATE accounts SET balance = balance - ?
       WHERE id = ? AND currency = ? AND (balance >= ? OR kind = 'bank_funding')`,
      [spec.amountMinor, spec.debitAccountId, spec.currency, spec.amountMinor],
    );
    if (debited === 0) return this.refusedDebit(spec);
    const credited = await this.db.run(
      'UPDATE accounts SET balance = balance + ? WHERE id = ? AND currency = ?',
      [spec.amountMinor, spec.creditAccountId, spec.currency],
    );
    assert(credited === 1, `credit account ${spec.creditAccountId} exists in ${spec.currency}`);
    await this.db.run(
      `INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount, currency,
       order_id, refund_id, created_at_ms) VALUES (?,?,?,?,?,?,?,?,?)`,
      [meta.id, spec.kind, spec.debitAccountId, spec.creditAccountId, spec.amountMinor,
        spec.currency, meta.orderId, meta.refundId, meta.createdAtMs],
    );
    return 'applied';
  }

  /**
   * PostgreSQL: debit (with its balance check), credit and the transfer row in one statement.
   * Each step runs only if the one before it changed its row, so a refused debit changes
   * nothing; the rows are locked debit first, then credit, as in the three-step form.
   */
  private async postTransferOneStatement(
    spec: TransferSpec,
    meta: { id: string; orderId: string | null; refundId: string | null; createdAtMs: number },
  ): Promise<DebitOutcome> {
    const row = await this.db.get(
      `WITH d AS (UPDATE accounts SET balance = balance - ?
             WHERE id = ? AND currency = ? AND (balance >= ? OR kind = 'bank_funding') RETURNING id),
       c AS (UPDATE accounts SET balance = balance + ?
             WHERE id = ? AND currency = ? AND EXISTS (SELECT 1 FROM d) RETURNING id),
       t AS (INSERT INTO transfers (id, kind, debit_account_id, credit_account_id, amount, currency,
               order_id, refund_id, created_at_ms)
             SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM c) RETURNING id)
       SELECT (SELECT count(*) FROM d) AS debited, (SELECT count(*) FROM c) AS credited,
              (SELECT count(*) FROM t) AS inserted`,
      [spec.amountMinor, spec.debitAccountId, spec.currency, spec.amountMinor,
        spec.amountMinor, spec.creditAccountId, spec.currency,
        meta.id, spec.kind, spec.debitAccountId, spec.creditAccountId, spec.amountMinor,
        spec.currency, meta.orderId, meta.refundId, meta.createdAtMs],
    );
    assert(row !== undefined, 'one summary row');
    if (Number(row['debited']) === 0) return this.refusedDebit(spec);
    assert(Number(row['credited']) === 1, `credit account ${spec.creditAccountId} exists in ${spec.currency}`);
    assert(Number(row['inserted']) === 1, 'transfer recorded');
    return 'applied';
  }

  /** Why a debit changed nothing: only a short balance is an answer; anything else is a bug. */
  private async refusedDebit(spec: TransferSpec): Promise<DebitOutcome> {
    const account = await this.getAccount(spec.debitAccountId);
    assert(account !== undefined, `debit account ${spec.debitAccountId} exists`);
    assert(account.currency === spec.currency, 'transfer within one currency');
    assert(!mayGoNegative(account.kind), 'funding accounts are never short');
    return 'insufficient_funds';
  }

  async appendEvent(event: Omit<StoredEvent, 'id' | 'seq'>): Promise<void> {
    // Taking the merchant's sequence locks its row until commit, so per-merchant sequence order
    // is commit order: a reader following seq never skips an event that commits late.
    if (this.db.dialect === 'postgres') return this.appendEventOneStatement(event);
    const seqRow = await this.db.get(
      'UPDATE merchants SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq',
      [event.merchantId],
    );
    assert(seqRow !== undefined, `merchant ${event.merchantId} exists`);
    const seq = Number(seqRow['event_seq']);
    const row = await this.db.get(
      `INSERT INTO events (merchant_id, seq, type, order_id, terminal_id, payload, created_at_ms)
       VALUES (?,?,?,?,?,?,?) RETURNING id`,
      [event.merchantId, seq, event.type, event.orderId, event.terminalId, event.payload,
        event.createdAtMs],
    );
    assert(row !== undefined, 'event inserted');
    this.changedMerchants.add(event.merchantId);
    const stored: StoredEvent = { ...event, id: Number(row['id']), seq };
    this.appended.push(stored);
    // Webhook deliveries commit with the event: nothing announced that was not committed, and
    // nothing committed that no endpoint will hear about.
    if ((await this.webhooks.createDeliveries(stored)).length > 0) this.createdDeliveries = true;
  }

  /**
   * PostgreSQL: the sequence, the event and its webhook deliveries in one statement (one round
   * trip, the merchant's row locked from here to the commit as above, and deferred: nothing
   * waits for it before the commit). The same as the three steps of the embedded store; the
   * store contract and HTTP suites run on both.
   */
  private async appendEventOneStatement(event: Omit<StoredEvent, 'id' | 'seq'>) {
    this.changedMerchants.add(event.merchantId);
    await this.db.defer(
      `WITH s AS (UPDATE merchants SET event_seq = event_seq + 1 WHERE id = ? RETURNING id, event_seq),
       e AS (INSERT INTO events (merchant_id, seq, type, order_id, terminal_id, payload, created_at_ms)
             SELECT s.id, s.event_seq, ?, ?, ?, ?, ? FROM s RETURNING id, seq, merchant_id),
       d AS (INSERT INTO webhook_deliveries (endpoint_id, merchant_id, event_seq, event_type, state,
               attempts, next_attempt_at_ms, created_at_ms)
             SELECT w.id, w.merchant_id, e.seq, ?, 'pending', 0, ?, ? FROM webhook_endpoints w
             JOIN e ON w.merchant_id = e.merchant_id
             WHERE ${endpointHearsSql('w')}
             RETURNING id)
       SELECT e.id, e.seq, (SELECT count(*) FROM d) AS deliveries FROM e`,
      [event.merchantId, event.type, event.orderId, event.terminalId, event.payload,
        event.createdAtMs, event.type, event.createdAtMs, event.createdAtMs,
        eventTypePattern(event.type)],
      (rows) => {
        const row = rows[0];
        assert(row !== undefined, `merchant ${event.merchantId} exists`);
        this.appended.push({ ...event, id: Number(row['id']), seq: Number(row['seq']) });
        if (Number(row['deliveries']) > 0) this.createdDeliveries = true;
      },
    );
  }

  async claimIdempotency(r: IdempotencyRecord) {
    const changed = await this.db.run(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, status_code, response_body,
       created_at_ms) VALUES (?,?,?,?,?,?,?) ON CONFLICT (scope, key) DO NOTHING`,
      [r.scope, r.key, r.requestHash, r.state, r.statusCode, r.responseBody, r.createdAtMs],
    );
    return changed === 1;
  }
  async completeIdempotency(scope: string, key: string, statusCode: number, body: string) {
    await this.db.run(
      `UPDATE idempotency_keys SET state = 'completed', status_code = ?, response_body = ?
       WHERE scope = ? AND key = ?`,
      [statusCode, body, scope, key],
    );
  }
  async releaseIdempotency(scope: string, key: string) {
    await this.db.run(
      `DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'in_progress'`,
      [scope, key],
    );
  }
  async putSetting(key: string, value: string) {
    await this.db.run(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [key, value],
    );
  }
}
