import type { Order } from '../domain/order/order.ts';
import type {
  EventView,
  MerchantView,
  OrderView,
  RefundView,
  TerminalView,
} from '../client/types.ts';
import type { Merchant, Refund, StoredEvent, Terminal } from './ports.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function orderView(order: Order): OrderView {
  return {
    id: order.id,
    object: 'order',
    merchantId: order.merchantId,
    terminalId: order.terminalId,
    outTradeNo: order.outTradeNo,
    amount: order.amountMinor,
    currency: order.currency,
    description: order.description,
    status: order.status,
    fee: order.feeMinor,
    refundedAmount: order.refundedMinor,
    createdAt: iso(order.createdAtMs),
    expiresAt: iso(order.expiresAtMs),
    scannedAt: isoOrNull(order.scannedAtMs),
    paidAt: isoOrNull(order.paidAtMs),
    closedAt: isoOrNull(order.closedAtMs),
    qrCode: {
      payload: order.qrPayload,
      svgUrl: `/v1/orders/${order.id}/qr.svg`,
      pngUrl: `/v1/orders/${order.id}/qr.png`,
    },
  };
}

export function refundView(refund: Refund): RefundView {
  return {
    id: refund.id,
    object: 'refund',
    orderId: refund.orderId,
    outRefundNo: refund.outRefundNo,
    amount: refund.amountMinor,
    feeRefunded: refund.feeRefundMinor,
    status: refund.status,
    createdAt: iso(refund.createdAtMs),
  };
}

export function merchantView(m: Merchant): MerchantView {
  return {
    id: m.id,
    object: 'merchant',
    legalName: m.legalName,
    displayName: m.displayName,
    city: m.city,
    country: m.country,
    mcc: m.mcc,
    currency: m.currency,
    feeRateBp: m.feeRateBp,
    status: m.status,
    tier: m.tier,
    createdAt: iso(m.createdAtMs),
  };
}

export function terminalView(t: Terminal): TerminalView {
  return {
    id: t.id,
    object: 'terminal',
    merchantId: t.merchantId,
    name: t.name,
    keyPrefix: t.keyPrefix,
    status: t.status,
    createdAt: iso(t.createdAtMs),
    revokedAt: isoOrNull(t.revokedAtMs),
  };
}

/** The stored payload is the event's `data`; the envelope is rebuilt from the row. */
export function eventView(event: StoredEvent): EventView {
  return {
    id: `evt_${event.merchantId}_${event.seq}`,
    object: 'event',
    type: event.type,
    merchantId: event.merchantId,
    sequence: event.seq,
    createdAt: iso(event.createdAtMs),
    data: JSON.parse(event.payload) as EventView['data'],
  };
}

export function eventPayload(order: Order, refund?: Refund): string {
  const data: EventView['data'] = { order: orderView(order) };
  if (refund) data.refund = refundView(refund);
  return JSON.stringify(data);
}
