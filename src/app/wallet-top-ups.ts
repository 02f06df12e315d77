/**
 * A consumer tops up their own wallet, in the demo setup only: the money comes from the
 * simulated bank funding account through the ledger (topUpWallet), so it must never be open on a
 * real deployment. The composition root decides (`startPlatform({ demoTopUps })`).
 */
import type { WalletView } from '../client/types.ts';
import { walletTopUpAmountMinorMax } from '../lib/limits.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import type { Wallet } from './ports.ts';
import { topUpWallet } from './wallets.ts';

/** Checked in this order: enabled, then the cap, then (in topUpWallet) the currency. */
export async function topUpOwnWallet(
  deps: AppDeps,
  enabled: boolean,
  wallet: Wallet,
  input: { amount: number; currency: string },
): Promise<WalletView> {
  if (!enabled) {
    throw new AppError('wallet_top_up_disabled', 'top-ups are available only in the demo setup');
  }
  if (input.amount > walletTopUpAmountMinorMax) {
    throw new AppError(
      'wallet_top_up_amount_exceeded',
      `one top-up is at most ${walletTopUpAmountMinorMax} minor units`,
      { param: 'amount' },
    );
  }
  return topUpWallet(deps, wallet.id, input.amount, input.currency);
}
