import { currencyByCode } from '../domain/money/currency.ts';
import { isValidAmountMinor, amountMinorMax } from '../domain/money/amount.ts';
import type { Order } from '../domain/order/order.ts';
import {
  orderExpiresInSecondsDefault,
  orderExpiresInSecondsMax,
  orderExpiresInSecondsMin,
} from '../lib/limits.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { checkMicroPaymentLimit } from './onboarding/micro-limits.ts';
import type { Merchant, Terminal } from './ports.ts';
import { eventPayload } from './views.ts';

export interface NewOrder {
  amount: number;
  currency: string;
  outTradeNo: string;
  description?: string | undefined;
  expiresInSeconds?: number | undefined;
}

/** The caller's reach: a terminal sees its merchant's orders, the operator sees all. */
export type OrderReader =
  | { kind: 'terminal'; terminal: Terminal }
  | { kind: 'merchant'; merchantId: string }
  | { kind: 'operator' };

export function readerMerchantId(reader: OrderReader): string | null {
  if (reader.kind === 'terminal') return reader.terminal.merchantId;
  if (reader.kind === 'merchant') return reader.merchantId;
  return null;
}

function checkNewOrder(input: NewOrder, merchant: Merchant) {
  if (!isValidAmountMinor(input.amount)) {
    throw new AppError('amount_invalid', `amount is a whole number of minor units, 1 to ${amountMinorMax}`, {
      param: 'amount',
    });
  }
  if (!currencyByCode(input.currency)) {
    throw new AppError('currency_unsupported', `${input.currency} is not supported`, { param: 'currency' });
  }
  if (input.currency !== merchant.currency) {
    throw new AppError('merchant_currency_mismatch', `this merchant takes ${merchant.currency}`, {
      param: 'currency',
    });
  }
  const ttl = input.expiresInSeconds ?? orderExpiresInSecondsDefault;
  if (!Number.isInteger(ttl) || ttl < orderExpiresInSecondsMin || ttl > orderExpiresInSecondsMax) {
    throw new AppError(
      'request_field_invalid',
      `expiresInSeconds is ${orderExpiresInSecondsMin} to ${orderExpiresInSecondsMax}`,
      { param: 'expiresInSeconds' },
    );
  }
  return ttl;
}

/** Same outTradeNo with the same fields is the same order (a retry); different fields conflict. */
function sameRequest(order: Order, input: NewOrder): boolean {
  return (
    order.amountMinor === input.amount &&
    order.currency === input.currency &&
    order.description === (input.description ?? null)
  );
}

export async function createOrder(deps: AppDeps, terminal: Terminal, input: NewOrder): Promise<Order> {
  const merchant = await deps.store.read.getMerchant(terminal.merchantId);
  if (!merchant) throw new AppError('merchant_not_found', 'the terminal has no merchant');
  if (merchant.status !== 'approved') {
    throw new AppError('merchant_not_approved', 'the merchant may not take payments');
  }
  const ttl = checkNewOrder(input, merchant);
  checkMicroPaymentLimit(merchant, input.amount);
  const currency = currencyByCode(input.currency)!;
  const now = deps.clock.nowMs();
  const qrToken = deps.ids.secret(12);
  const expiresAtMs = now + ttl * 1000;
  const order: Order = {
    id: deps.ids.id('ord'),
    merchantId: merchant.id,
    terminalId: terminal.id,
    outTradeNo: input.outTradeNo,
    amountMinor: input.amount,
    currency: input.currency,
    description: input.description ?? null,
    status: 'pending',
    feeMinor: 0,
    refundedMinor: 0,
    refundedFeeMinor: 0,
    walletId: null,
    qrToken,
    qrPayload: deps.qrCodes.signDynamic({
      merchant: {
        id: merchant.id,
        name: merchant.displayName,
        city: merchant.city,
        mcc: merchant.mcc,
        countryCode: merchant.country,
      },
      amountMinor: input.amount,
      currency,
      orderToken: qrToken,
      expiresAtMs,
    }),
    createdAtMs: now,
    expiresAtMs,
    scannedAtMs: null,
    paidAtMs: null,
    closedAtMs: null,
  };
  return deps.store.write(async (tx) => {
    const existing = await tx.getOrderByOutTradeNo(merchant.id, input.outTradeNo);
    if (existing) {
      if (sameRequest(existing, input)) return existing;
      throw new AppError(
        'order_out_trade_no_conflict',
        'outTradeNo was already used for an order with other fields',
        { param: 'outTradeNo', orderId: existing.id },
      );
    }
    await tx.insertOrder(order);
    await tx.appendEvent({
      merchantId: merchant.id,
      type: 'order.created',
      orderId: order.id,
      terminalId: terminal.id,
      payload: eventPayload(order),
      createdAtMs: now,
    });
    return order;
  });
}

/** An order the caller may see; another merchant's order does not exist for them. */
export async function getOrderFor(deps: AppDeps, reader: OrderReader, orderId: string): Promise<Order> {
  const order = await deps.store.read.getOrder(orderId);
  const merchantId = readerMerchantId(reader);
  if (!order || (merchantId !== null && order.merchantId !== merchantId)) {
    throw new AppError('order_not_found', `no order ${orderId}`);
  }
  return order;
}
