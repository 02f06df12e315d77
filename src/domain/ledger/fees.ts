import { assert } from '../../lib/assert.ts';

/** Fee rates are in basis points: 38 = 0.38 %. */
export const feeRateBpMax = 10_000;

/**
 * The platform's fee on a payment: amount × rate / 10,000, rounded half up to the minor unit
 * (四舍五入, as the Chinese acquirers round). BigInt keeps the product exact for any amount.
 */
export function feeFor(amountMinor: number, feeRateBp: number): number {
  assert(Number.isSafeInteger(amountMinor) && amountMinor >= 0, 'amount is a safe integer');
  assert(Number.isInteger(feeRateBp) && feeRateBp >= 0 && feeRateBp <= feeRateBpMax, 'fee rate');
  const fee = (BigInt(amountMinor) * BigInt(feeRateBp) + 5_000n) / 10_000n;
  return Number(fee);
}

/**
 * The fee returned with a refund, in proportion to what is refunded. Computed on the running
 * totals, not per refund, so rounding never drifts: after the last refund exactly the whole fee
 * has been returned, and no refund returns more fee than was taken.
 */
export function feeRefundFor(
  order: { amountMinor: number; feeMinor: number; refundedMinor: number; refundedFeeMinor: number },
  refundMinor: number,
): number {
  const refundedAfter = order.refundedMinor + refundMinor;
  assert(refundedAfter <= order.amountMinor, 'refund within the paid amount');
  const feeAfter =
    (BigInt(order.feeMinor) * BigInt(refundedAfter) * 2n + BigInt(order.amountMinor)) /
    (2n * BigInt(order.amountMinor));
  const result = Number(feeAfter) - order.refundedFeeMinor;
  assert(result >= 0 && order.refundedFeeMinor + result <= order.feeMinor, 'fee refund bounds');
  return result;
}
