import { type Result, fail, ok } from '../../lib/result.ts';

/**
 * An order's life: pending → paid → partially_refunded | refunded, or pending → closed | expired.
 * "scanned" is an event on a pending order, not a state: the wallet only looked at it.
 */
export type OrderStatus =
  | 'pending'
  | 'paid'
  | 'partially_refunded'
  | 'refunded'
  | 'closed'
  | 'expired';

export interface Order {
  readonly id: string;
  readonly merchantId: string;
  readonly terminalId: string | null;
  readonly outTradeNo: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly description: string | null;
  readonly status: OrderStatus;
  readonly feeMinor: number; // fixed when paid; 0 before
  readonly refundedMinor: number;
  readonly refundedFeeMinor: number;
  readonly walletId: string | null;
  readonly qrToken: string;
  readonly qrPayload: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly scannedAtMs: number | null;
  readonly paidAtMs: number | null;
  readonly closedAtMs: number | null;
}

export type OrderErrorCode =
  | 'order_already_paid'
  | 'order_closed'
  | 'order_expired'
  | 'order_not_paid'
  | 'order_fully_refunded'
  | 'refund_amount_exceeds_paid';

/**
 * A pending order past its deadline is expired even before the expiry job has written it:
 * every check reads the clock, so a late job never lets a stale code be paid.
 */
export function effectiveStatus(order: Order, nowMs: number): OrderStatus {
  if (order.status === 'pending' && nowMs >= order.expiresAtMs) return 'expired';
  return order.status;
}

function notPendingFailure(status: OrderStatus): Result<never, OrderErrorCode> {
  switch (status) {
    case 'paid':
    case 'partially_refunded':
    case 'refunded':
      return fail('order_already_paid', 'the order has already been paid');
    case 'closed':
      return fail('order_closed', 'the order was closed by the merchant');
    case 'expired':
      return fail('order_expired', 'the order has expired');
    case 'pending':
      throw new Error('notPendingFailure called with a pending order');
  }
}

export function checkPayable(order: Order, nowMs: number): Result<Order, OrderErrorCode> {
  const status = effectiveStatus(order, nowMs);
  return status === 'pending' ? ok(order) : notPendingFailure(status);
}

export function checkClosable(order: Order, nowMs: number): Result<Order, OrderErrorCode> {
  return checkPayable(order, nowMs);
}

export function checkRefundable(
  order: Order,
  amountMinor: number,
): Result<{ remainingMinor: number }, OrderErrorCode> {
  if (order.status === 'refunded') {
    return fail('order_fully_refunded', 'the order has been refunded in full');
  }
  if (order.status !== 'paid' && order.status !== 'partially_refunded') {
    return fail('order_not_paid', 'only a paid order can be refunded', { param: 'amount' });
  }
  const remainingMinor = order.amountMinor - order.refundedMinor;
  if (amountMinor > remainingMinor) {
    return fail(
      'refund_amount_exceeds_paid',
      `at most ${remainingMinor} minor units remain refundable`,
      { param: 'amount' },
    );
  }
  return ok({ remainingMinor });
}

/** The status after refunding `refundedMinorAfter` in total. */
export function statusAfterRefund(order: Order, refundedMinorAfter: number): OrderStatus {
  return refundedMinorAfter === order.amountMinor ? 'refunded' : 'partially_refunded';
}
