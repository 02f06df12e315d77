/**
 * The wire contract: what the HTTP API sends and receives. web/ and cli/ import only this folder;
 * the server's views are checked against these types, so the two cannot drift apart.
 * Amounts are integers in minor units of `currency` (3850 CNY = ¥38.50). Times are ISO 8601 UTC.
 */
export type OrderStatus =
  | 'pending'
  | 'paid'
  | 'partially_refunded'
  | 'refunded'
  | 'closed'
  | 'expired';

export interface ApiErrorBody {
  error: { code: string; message: string; param?: string; [key: string]: unknown };
}

export interface OrderView {
  id: string;
  object: 'order';
  merchantId: string;
  terminalId: string | null;
  outTradeNo: string;
  amount: number;
  currency: string;
  description: string | null;
  status: OrderStatus;
  fee: number;
  refundedAmount: number;
  createdAt: string;
  expiresAt: string;
  scannedAt: string | null;
  paidAt: string | null;
  closedAt: string | null;
  qrCode: { payload: string; svgUrl: string; pngUrl: string };
}

export interface RefundView {
  id: string;
  object: 'refund';
  orderId: string;
  outRefundNo: string;
  amount: number;
  feeRefunded: number;
  status: 'succeeded';
  createdAt: string;
}

export interface MerchantView {
  id: string;
  object: 'merchant';
  legalName: string;
  displayName: string;
  city: string;
  country: string;
  mcc: string;
  currency: string;
  feeRateBp: number;
  status: 'approved' | 'suspended';
  tier: 'standard' | 'micro';
  createdAt: string;
}

export interface TerminalView {
  id: string;
  object: 'terminal';
  merchantId: string;
  name: string;
  keyPrefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
}

export interface WalletView {
  id: string;
  object: 'wallet';
  currency: string;
  balance: number;
  lock: { status: 'unlocked' | 'locked'; triesRemaining: number; lockedUntil: string | null };
  createdAt: string;
}

/** What the wallet shows after verifying a scanned code, before the consumer pays. */
export interface ScanView {
  object: 'scan';
  verified: true;
  kind: 'dynamic' | 'static';
  order: {
    id: string;
    amount: number;
    currency: string;
    description: string | null;
    status: OrderStatus;
    expiresAt: string;
  } | null;
  merchant: { id: string; displayName: string; legalName: string; city: string; mcc: string };
  keyId: string;
}

/** An entry of the wallet's bill list. */
export interface WalletPaymentView {
  orderId: string;
  merchantName: string;
  amount: number;
  currency: string;
  status: OrderStatus;
  refundedAmount: number;
  paidAt: string | null;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export type EventName =
  | 'order.created'
  | 'order.scanned'
  | 'order.paid'
  | 'order.closed'
  | 'order.expired'
  | 'refund.succeeded';

/** One event, as pushed on the stream (SSE `data:`) and delivered to webhooks. */
export interface EventView {
  id: string; // evt_<merchantId>_<seq>
  object: 'event';
  type: EventName;
  merchantId: string;
  sequence: number;
  createdAt: string;
  data: { order: OrderView; refund?: RefundView };
}
