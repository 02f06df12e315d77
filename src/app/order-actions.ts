import { feeRefundFor } from '../domain/ledger/fees.ts';
import { heldAccountId, refundTransfers } from '../domain/ledger/ledger.ts';
import { isValidAmountMinor } from '../domain/money/amount.ts';
import {
  checkClosable,
  checkRefundable,
  effectiveStatus,
  statusAfterRefund,
  type Order,
} from '../domain/order/order.ts';
import { expiryBatchMax } from '../lib/limits.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { type OrderReader, readerMerchantId } from './orders.ts';
import type { Refund } from './ports.ts';
import { eventPayload } from './views.ts';

/** The merchant closes an unpaid order: its code can no longer be paid. */
export async function closeOrder(deps: AppDeps, reader: OrderReader, orderId: string): Promise<Order> {
  const merchantId = readerMerchantId(reader);
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const order = await tx.getOrder(orderId);
    if (!order || (merchantId !== null && order.merchantId !== merchantId)) {
      throw new AppError('order_not_found', `no order ${orderId}`);
    }
    const closable = checkClosable(order, now);
    if (!closable.ok) throw new AppError(closable.code, closable.message);
    const closed: Order = { ...order, status: 'closed', closedAtMs: now };
    const won = await tx.updateOrder(orderId, 'pending', { status: 'closed', closedAtMs: now });
    if (!won) throw new AppError('order_already_paid', 'the order changed while closing it');
    await tx.appendEvent({
      merchantId: order.merchantId,
      type: 'order.closed',
      orderId,
      terminalId: order.terminalId,
      payload: eventPayload(closed),
      createdAtMs: now,
    });
    return closed;
  });
}

export interface RefundRequest {
  amount: number;
  outRefundNo: string;
}

/**
 * Refunds part or all of a paid order. The merchant's own refund number makes retries safe:
 * the same number with the same amount returns the first refund. Never more than was paid; the
 * platform returns its fee in proportion (computed on running totals, so rounding never drifts).
 */
export async function refundOrder(
  deps: AppDeps,
  reader: OrderReader,
  orderId: string,
  request: RefundRequest,
): Promise<{ order: Order; refund: Refund }> {
  if (!isValidAmountMinor(request.amount)) {
    throw new AppError('amount_invalid', 'amount is a positive whole number of minor units', {
      param: 'amount',
    });
  }
  const merchantId = readerMerchantId(reader);
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const order = await tx.getOrder(orderId);
    if (!order || (merchantId !== null && order.merchantId !== merchantId)) {
      throw new AppError('order_not_found', `no order ${orderId}`);
    }
    const previous = await tx.getRefund(orderId, request.outRefundNo);
    if (previous) {
      if (previous.amountMinor === request.amount) return { order, refund: previous };
      throw new AppError('refund_out_refund_no_conflict', 'outRefundNo was used with another amount', {
        param: 'outRefundNo',
      });
    }
    const allowed = checkRefundable(order, request.amount);
    if (!allowed.ok) throw new AppError(allowed.code, allowed.message, { param: 'amount' });
    const feeRefundMinor = feeRefundFor(order, request.amount);
    const refund: Refund = {
      id: deps.ids.id('rfd'),
      orderId,
      merchantId: order.merchantId,
      outRefundNo: request.outRefundNo,
      amountMinor: request.amount,
      feeRefundMinor,
      status: 'succeeded',
      createdAtMs: now,
    };
    const refundedMinor = order.refundedMinor + request.amount;
    const updated: Order = {
      ...order,
      status: statusAfterRefund(order, refundedMinor),
      refundedMinor,
      refundedFeeMinor: order.refundedFeeMinor + feeRefundMinor,
    };
    const won = await tx.updateOrder(orderId, order.status, {
      status: updated.status,
      refundedMinor,
      refundedFeeMinor: updated.refundedFeeMinor,
    });
    if (!won) throw new AppError('order_not_paid', 'the order changed during the refund');
    await tx.insertRefund(refund);
    const walletId = order.walletId;
    if (walletId === null) throw new AppError('order_not_paid', 'the order has no payer');
    // A payment on risk hold is refunded from the held funds, and a full refund ends the hold.
    const held = (await tx.risk.getHold(orderId))?.status === 'held';
    const specs = refundTransfers({
      walletId,
      merchantId: order.merchantId,
      refundMinor: request.amount,
      feeRefundMinor,
      currency: order.currency,
      ...(held ? { merchantAccount: heldAccountId(order.merchantId) } : {}),
    });
    if (held && updated.refundedMinor === order.amountMinor) {
      await tx.risk.resolveHold(orderId, 'refunded', {
        releasedMinor: 0, resolvedBy: reader.kind, resolvedAtMs: now,
      });
    }
    for (const spec of specs) {
      const meta = { id: deps.ids.id('tfr'), orderId, refundId: refund.id, createdAtMs: now };
      if ((await tx.postTransfer(spec, meta)) === 'insufficient_funds') {
        throw new AppError('merchant_balance_insufficient', 'the merchant balance cannot cover it');
      }
    }
    await tx.appendEvent({
      merchantId: order.merchantId,
      type: 'refund.succeeded',
      orderId,
      terminalId: order.terminalId,
      payload: eventPayload(updated, refund),
      createdAtMs: now,
    });
    return { order: updated, refund };
  });
}

/**
 * Marks overdue pending orders expired and announces it. Safe to run on every node at once:
 * the status update is guarded, so each order expires (and is announced) exactly once.
 */
export async function expireOverdueOrders(deps: AppDeps): Promise<number> {
  const now = deps.clock.nowMs();
  const overdue = await deps.store.read.listOverdueOrders(now, expiryBatchMax);
  if (overdue.length === 0) return 0;
  return deps.store.write(async (tx) => {
    let expired = 0;
    for (const order of overdue) {
      if (effectiveStatus(order, now) !== 'expired') continue;
      if (!(await tx.updateOrder(order.id, 'pending', { status: 'expired' }))) continue;
      expired += 1;
      await tx.appendEvent({
        merchantId: order.merchantId,
        type: 'order.expired',
        orderId: order.id,
        terminalId: order.terminalId,
        payload: eventPayload({ ...order, status: 'expired' }),
        createdAtMs: now,
      });
    }
    return expired;
  });
}
