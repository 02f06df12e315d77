import { holdReleaseTransfer } from '../../domain/ledger/ledger.ts';
import type { Order } from '../../domain/order/order.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { Hold } from '../modules/risk-ports.ts';
import { refundOrder } from '../order-actions.ts';
import type { WriteTx } from '../ports.ts';

/** The merchant's net funds still held for an order: paid minus fee, minus net refunds. */
export function heldNetMinor(order: Order): number {
  return order.amountMinor - order.feeMinor - order.refundedMinor + order.refundedFeeMinor;
}

async function requireHeld(tx: WriteTx, orderId: string): Promise<{ hold: Hold; order: Order }> {
  const hold = await tx.risk.getHold(orderId);
  const order = await tx.getOrder(orderId);
  if (!hold || !order) throw new AppError('risk_hold_not_found', `no held payment ${orderId}`);
  if (hold.status !== 'held') {
    throw new AppError('risk_hold_resolved', `the hold was already ${hold.status}`);
  }
  return { hold, order };
}

/** A reviewer releases a held payment: the merchant's net funds move from held to available. */
export async function releaseHold(deps: AppDeps, orderId: string, actor: string): Promise<Hold> {
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    const { hold, order } = await requireHeld(tx, orderId);
    const amountMinor = heldNetMinor(order);
    const won = await tx.risk.resolveHold(orderId, 'released', {
      releasedMinor: amountMinor, resolvedBy: actor, resolvedAtMs: now,
    });
    if (!won) throw new AppError('risk_hold_resolved', 'the hold changed while releasing it');
    if (amountMinor > 0) {
      const spec = holdReleaseTransfer(order.merchantId, amountMinor, order.currency);
      const meta = { id: deps.ids.id('tfr'), orderId, refundId: null, createdAtMs: now };
      const moved = await tx.postTransfer(spec, meta);
      if (moved === 'insufficient_funds') {
        throw new AppError('merchant_balance_insufficient', 'the held balance cannot cover it');
      }
    }
    return { ...hold, status: 'released', releasedMinor: amountMinor, resolvedBy: actor,
      resolvedAtMs: now };
  });
}

/** A reviewer refunds a held payment in full (what is left of it) back to the wallet. */
export async function refundHold(deps: AppDeps, orderId: string) {
  const order = await deps.store.write(async (tx) => (await requireHeld(tx, orderId)).order);
  const remaining = order.amountMinor - order.refundedMinor;
  return refundOrder(deps, { kind: 'operator' }, orderId, {
    amount: remaining,
    outRefundNo: `risk_hold_${orderId}`.slice(0, 64),
  });
}
