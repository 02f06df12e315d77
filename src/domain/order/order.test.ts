import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkClosable, checkPayable, checkRefundable, effectiveStatus, type Order, type OrderStatus } from './order.ts';

const base: Order = {
  id: 'ord_1', merchantId: 'mer_1', terminalId: 'trm_1', outTradeNo: 'T1', amountMinor: 1000, currency: 'CNY',
  description: null, status: 'pending', feeMinor: 0, refundedMinor: 0, refundedFeeMinor: 0, walletId: null,
  qrToken: 'tok', qrPayload: '000201', createdAtMs: 0, expiresAtMs: 60_000, scannedAtMs: null, paidAtMs: null,
  closedAtMs: null,
};
const at = (status: OrderStatus, extra: Partial<Order> = {}): Order => ({ ...base, status, ...extra });

test('order state machine: what each action does in each state', () => {
  type Row = [name: string, order: Order, nowMs: number, pay: string, close: string];
  const rows: Row[] = [
    ['pending, in time', at('pending'), 1_000, 'ok', 'ok'],
    ['pending, at the deadline', at('pending'), 60_000, 'order_expired', 'order_expired'],
    ['expired', at('expired'), 1_000, 'order_expired', 'order_expired'],
    ['paid', at('paid'), 1_000, 'order_already_paid', 'order_already_paid'],
    ['partially refunded', at('partially_refunded'), 1_000, 'order_already_paid', 'order_already_paid'],
    ['refunded', at('refunded'), 1_000, 'order_already_paid', 'order_already_paid'],
    ['closed', at('closed'), 1_000, 'order_closed', 'order_closed'],
  ];
  const code = (r: { ok: true } | { ok: false; code: string }) => (r.ok ? 'ok' : r.code);
  for (const [name, order, now, pay, close] of rows) {
    assert.equal(code(checkPayable(order, now)), pay, `pay: ${name}`);
    assert.equal(code(checkClosable(order, now)), close, `close: ${name}`);
  }
});

test('refund rules: only paid orders, never beyond what remains', () => {
  type Row = [name: string, order: Order, amount: number, result: string];
  const rows: Row[] = [
    ['paid, part', at('paid'), 400, 'ok'],
    ['paid, all', at('paid'), 1000, 'ok'],
    ['paid, too much', at('paid'), 1001, 'refund_amount_exceeds_paid'],
    ['partly refunded, the rest', at('partially_refunded', { refundedMinor: 600 }), 400, 'ok'],
    ['partly refunded, one too many', at('partially_refunded', { refundedMinor: 600 }), 401, 'refund_amount_exceeds_paid'],
    ['refunded', at('refunded', { refundedMinor: 1000 }), 1, 'order_fully_refunded'],
    ['pending', at('pending'), 1, 'order_not_paid'],
    ['closed', at('closed'), 1, 'order_not_paid'],
    ['expired', at('expired'), 1, 'order_not_paid'],
  ];
  for (const [name, order, amount, expected] of rows) {
    const r = checkRefundable(order, amount);
    assert.equal(r.ok ? 'ok' : r.code, expected, name);
  }
});

test('a pending order past its deadline reads as expired before the job writes it', () => {
  assert.equal(effectiveStatus(at('pending'), 59_999), 'pending');
  assert.equal(effectiveStatus(at('pending'), 60_000), 'expired');
  assert.equal(effectiveStatus(at('paid'), 99_999), 'paid');
});
