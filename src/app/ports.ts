/**
 * The seams between use cases and the outside world. Adapters implement these; only
 * src/main.ts chooses which.
 */
import type { AccountKind, Account, Transfer, TransferSpec } from '../domain/ledger/ledger.ts';
import type { Order, OrderStatus } from '../domain/order/order.ts';
import type { CatalogTx } from './modules/catalog-ports.ts';
import type { KycTx } from './modules/kyc-ports.ts';
import type { RiskTx } from './modules/risk-ports.ts';
import type { WebhooksTx } from './modules/webhooks-ports.ts';

export interface Clock {
  nowMs(): number;
}

export interface Ids {
  /** A time-ordered id with a type prefix: `ord_01J…`. */
  id(prefix: string): string;
  /** A random URL-safe secret of `bytes` bytes of entropy. */
  secret(bytes: number): string;
}

export type MerchantStatus = 'approved' | 'suspended';
export type MerchantTier = 'standard' | 'micro';

export interface Merchant {
  readonly id: string;
  readonly legalName: string;
  readonly displayName: string;
  readonly city: string;
  readonly country: string;
  readonly mcc: string;
  readonly currency: string;
  readonly feeRateBp: number;
  readonly status: MerchantStatus;
  readonly tier: MerchantTier;
  readonly createdAtMs: number;
}

export type CredentialStatus = 'active' | 'revoked';

export interface Terminal {
  readonly id: string;
  readonly merchantId: string;
  readonly name: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
  readonly status: CredentialStatus;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
}

export interface Wallet {
  readonly id: string;
  readonly tokenHash: string;
  readonly currency: string;
  readonly passwordSalt: string;
  readonly passwordHash: string;
  readonly passwordKeyId: string;
  readonly failedAttempts: number;
  readonly lockedUntilMs: number | null;
  readonly passwordSetAtMs: number;
  readonly createdAtMs: number;
}

export interface Refund {
  readonly id: string;
  readonly orderId: string;
  readonly merchantId: string;
  readonly outRefundNo: string;
  readonly amountMinor: number;
  readonly feeRefundMinor: number;
  readonly status: 'succeeded';
  readonly createdAtMs: number;
}

export type EventType =
  | 'order.created'
  | 'order.scanned'
  | 'order.paid'
  | 'order.closed'
  | 'order.expired'
  | 'refund.succeeded';

export interface StoredEvent {
  readonly id: number; // global, for readers that follow every merchant
  readonly merchantId: string;
  readonly seq: number; // per merchant, gap-free, in commit order
  readonly type: EventType;
  readonly orderId: string | null;
  readonly terminalId: string | null;
  readonly payload: string; // JSON
  readonly createdAtMs: number;
}

export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly state: 'in_progress' | 'completed';
  readonly statusCode: number | null;
  readonly responseBody: string | null;
  readonly createdAtMs: number;
}

export interface OrderFilter {
  readonly merchantId?: string;
  readonly terminalId?: string;
  readonly walletId?: string;
  readonly status?: OrderStatus;
  readonly outTradeNo?: string;
  readonly createdFromMs?: number;
  readonly createdToMs?: number;
  /** Return orders with ids below this one (ids are time-ordered: newest first). */
  readonly beforeId?: string;
  readonly limit: number;
}

export type OrderPatch = Partial<
  Pick<
    Order,
    | 'status'
    | 'feeMinor'
    | 'refundedMinor'
    | 'refundedFeeMinor'
    | 'walletId'
    | 'scannedAtMs'
    | 'paidAtMs'
    | 'closedAtMs'
  >
>;

export interface ReadTx {
  /** Feature modules keep their storage operations apart from the core's. */
  readonly webhooks: WebhooksTx;
  readonly risk: RiskTx;
  readonly kyc: KycTx;
  readonly catalog: CatalogTx;
  getMerchant(id: string): Promise<Merchant | undefined>;
  listMerchants(limit: number, beforeId?: string): Promise<Merchant[]>;
  getTerminal(id: string): Promise<Terminal | undefined>;
  getTerminalByKeyHash(keyHash: string): Promise<Terminal | undefined>;
  listTerminals(merchantId: string): Promise<Terminal[]>;
  getWallet(id: string): Promise<Wallet | undefined>;
  getWalletByTokenHash(tokenHash: string): Promise<Wallet | undefined>;
  getOrder(id: string): Promise<Order | undefined>;
  getOrderByOutTradeNo(merchantId: string, outTradeNo: string): Promise<Order | undefined>;
  getOrderByQrToken(qrToken: string): Promise<Order | undefined>;
  listOrders(filter: OrderFilter): Promise<Order[]>;
  /** Pending orders whose deadline has passed, oldest deadline first. */
  listOverdueOrders(nowMs: number, limit: number): Promise<Order[]>;
  getRefund(orderId: string, outRefundNo: string): Promise<Refund | undefined>;
  listRefunds(orderId: string): Promise<Refund[]>;
  getAccount(id: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  /** Every transfer in id order, in pages, for ledger verification. */
  listTransfers(afterId: string | null, limit: number): Promise<Transfer[]>;
  listEvents(merchantId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** Events of every merchant after a global id (for the webhook and push fan-out). */
  listEventsAfterId(afterId: number, limit: number): Promise<StoredEvent[]>;
  lastEventId(): Promise<number>;
  getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  getSetting(key: string): Promise<string | undefined>;
}

export type DebitOutcome = 'applied' | 'insufficient_funds';

export interface WriteTx extends ReadTx {
  insertMerchant(merchant: Merchant): Promise<void>;
  insertTerminal(terminal: Terminal): Promise<void>;
  revokeTerminal(id: string, nowMs: number): Promise<boolean>;
  insertWallet(wallet: Wallet): Promise<void>;
  updateWalletPasswordState(id: string, failedAttempts: number, lockedUntilMs: number | null): Promise<void>;
  insertOrder(order: Order): Promise<void>;
  /** Applies the patch only if the order is still in `expected` status; false otherwise. */
  updateOrder(id: string, expected: OrderStatus, patch: OrderPatch): Promise<boolean>;
  insertRefund(refund: Refund): Promise<void>;
  /** Creates the account if it does not exist yet (balance 0). */
  ensureAccount(id: string, kind: AccountKind, ownerId: string | null, currency: string): Promise<void>;
  /**
   * Moves money: debits (unless that would take a non-negative account below zero), credits,
   * and records the transfer. Nothing is written when the outcome is insufficient_funds.
   */
  postTransfer(
    spec: TransferSpec,
    meta: { id: string; orderId: string | null; refundId: string | null; createdAtMs: number },
  ): Promise<DebitOutcome>;
  /** Appends to the merchant's outbox; the store learns its id and sequence number by commit. */
  appendEvent(event: Omit<StoredEvent, 'id' | 'seq'>): Promise<void>;
  /** Inserts an in-progress record; false when the key already exists. */
  claimIdempotency(record: IdempotencyRecord): Promise<boolean>;
  completeIdempotency(scope: string, key: string, statusCode: number, body: string): Promise<void>;
  releaseIdempotency(scope: string, key: string): Promise<void>;
  putSetting(key: string, value: string): Promise<void>;
}

export interface CommitChange {
  /** 'all' when the change is too large to name (or unknown): readers look at everything. */
  readonly merchantIds: readonly string[] | 'all';
  readonly deliveries: boolean;
  /**
   * The events the commit appended, in the order they were appended, when the commit was this
   * node's own: a reader can hand them out at once instead of reading them back. Absent for
   * other nodes' commits (they arrive as notifications naming merchants).
   */
  readonly events?: readonly StoredEvent[];
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Reads outside a transaction. */
  readonly read: ReadTx;
  /**
   * Runs `fn` atomically. If it throws, nothing it wrote is kept. `fn` must only await the
   * transaction it is given (the embedded store commits several callers' work together).
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  /**
   * Called after each commit that appended events: on this node directly, on every other node
   * through the database's notifications. Says which merchants got events and whether webhook
   * deliveries were created, so readers wake only for what changed.
   */
  onCommit(listener: (change: CommitChange) => void): () => void;
  close(): Promise<void>;
}
