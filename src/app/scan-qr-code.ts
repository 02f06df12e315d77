import type { ScanView } from '../client/types.ts';
import { effectiveStatus } from '../domain/order/order.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import type { Wallet } from './ports.ts';
import { eventPayload, iso } from './views.ts';

/**
 * The wallet scanned a code. The signature is checked first (a forged or foreign code is refused
 * before anything is looked up), then the order it names. The first scan of a pending order is
 * recorded and announced (`order.scanned`), so the terminal can show "scanned"; the order's state
 * does not change.
 */
export async function scanQRCode(deps: AppDeps, wallet: Wallet, payload: string): Promise<ScanView> {
  const now = deps.clock.nowMs();
  const verified = deps.qrCodes.verify(payload, now);
  if (!verified.ok) {
    const details = verified.position === undefined ? {} : { position: verified.position };
    throw new AppError(verified.code, verified.message, { param: 'payload', ...details });
  }
  const facts = verified.value;
  const merchant = await deps.store.read.getMerchant(facts.merchantId);
  if (!merchant) throw new AppError('merchant_not_found', 'the code names an unknown merchant');
  if (merchant.status !== 'approved') {
    throw new AppError('merchant_not_approved', 'this merchant may not take payments now');
  }
  const merchantView = {
    id: merchant.id,
    displayName: merchant.displayName,
    legalName: merchant.legalName,
    city: merchant.city,
    mcc: merchant.mcc,
  };
  if (facts.kind === 'static' || facts.orderToken === null) {
    return { object: 'scan', verified: true, kind: 'static', order: null, merchant: merchantView, keyId: facts.keyId };
  }
  const order = await deps.store.read.getOrderByQrToken(facts.orderToken);
  if (!order || order.merchantId !== merchant.id || order.amountMinor !== facts.amountMinor) {
    throw new AppError('order_not_found', 'the code names no order of this merchant');
  }
  const status = effectiveStatus(order, now);
  if (status === 'pending' && order.scannedAtMs === null) {
    await deps.store.write(async (tx) => {
      const latest = await tx.getOrder(order.id);
      if (!latest || latest.status !== 'pending' || latest.scannedAtMs !== null) return;
      if (!(await tx.updateOrder(order.id, 'pending', { scannedAtMs: now }))) return;
      await tx.appendEvent({
        merchantId: order.merchantId,
        type: 'order.scanned',
        orderId: order.id,
        terminalId: order.terminalId,
        payload: eventPayload({ ...latest, scannedAtMs: now }),
        createdAtMs: now,
      });
    });
  }
  return {
    object: 'scan',
    verified: true,
    kind: 'dynamic',
    order: {
      id: order.id,
      amount: order.amountMinor,
      currency: order.currency,
      description: order.description,
      status,
      expiresAt: iso(order.expiresAtMs),
    },
    merchant: merchantView,
    keyId: facts.keyId,
  };
}
