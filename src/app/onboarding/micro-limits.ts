import { microDailyAmountMinorMax, microPaymentAmountMinorMax } from '../../lib/limits.ts';
import { AppError } from '../errors.ts';
import type { Merchant, ReadTx } from '../ports.ts';
import { chinaDayStartMs } from './dates.ts';

/**
 * Micro merchants (a person without a business licence) take smaller payments: at most
 * `microPaymentAmountMinorMax` each and `microDailyAmountMinorMax` per China calendar day.
 */
export function checkMicroPaymentLimit(merchant: Merchant, amountMinor: number) {
  if (merchant.tier !== 'micro' || amountMinor <= microPaymentAmountMinorMax) return;
  throw new AppError(
    'micro_merchant_payment_limit_exceeded',
    `a micro merchant takes at most ${microPaymentAmountMinorMax} minor units per payment`,
    { param: 'amount', limit: microPaymentAmountMinorMax },
  );
}

/** Runs inside the payment's transaction, so it sees every payment committed before it. */
export async function checkMicroDailyLimit(
  tx: ReadTx,
  merchant: Merchant,
  amountMinor: number,
  nowMs: number,
) {
  if (merchant.tier !== 'micro') return;
  checkMicroPaymentLimit(merchant, amountMinor);
  const today = await tx.kyc.paidAmountSince(merchant.id, chinaDayStartMs(nowMs));
  if (today + amountMinor > microDailyAmountMinorMax) {
    throw new AppError(
      'micro_merchant_daily_limit_exceeded',
      `a micro merchant takes at most ${microDailyAmountMinorMax} minor units a day`,
      { limit: microDailyAmountMinorMax, usedToday: today },
    );
  }
}
