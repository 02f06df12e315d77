import { topUpTransfer, walletAccountId, platformAccountId } from '../domain/ledger/ledger.ts';
import { currencyByCode } from '../domain/money/currency.ts';
import { isPaymentPasswordFormat, passwordFailuresMax } from '../domain/wallet/payment-password.ts';
import { sha256Hex } from '../lib/crypto.ts';
import type { WalletView } from '../client/types.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import type { Wallet } from './ports.ts';
import { iso } from './views.ts';

export async function createWallet(
  deps: AppDeps,
  input: { password: unknown; currency?: string },
): Promise<{ wallet: Wallet; token: string }> {
  if (!isPaymentPasswordFormat(input.password)) {
    throw new AppError('wallet_password_format_invalid', 'the payment password is 6 digits', {
      param: 'password',
    });
  }
  const currency = input.currency ?? 'CNY';
  if (!currencyByCode(currency)) {
    throw new AppError('currency_unsupported', `${currency} is not supported`, { param: 'currency' });
  }
  const id = deps.ids.id('wal');
  const token = `qrp_wal_${deps.ids.secret(24)}`;
  const secret = deps.passwords.make(id, input.password);
  const now = deps.clock.nowMs();
  const wallet: Wallet = {
    id,
    tokenHash: sha256Hex(token),
    currency,
    passwordSalt: secret.salt,
    passwordHash: secret.hash,
    passwordKeyId: secret.keyId,
    failedAttempts: 0,
    lockedUntilMs: null,
    passwordSetAtMs: now,
    createdAtMs: now,
  };
  await deps.store.write(async (tx) => {
    await tx.insertWallet(wallet);
    await tx.ensureAccount(walletAccountId(id), 'wallet', id, currency);
  });
  return { wallet, token };
}

export async function requireWallet(deps: AppDeps, id: string): Promise<Wallet> {
  const wallet = await deps.store.read.getWallet(id);
  if (!wallet) throw new AppError('wallet_not_found', `no wallet ${id}`);
  return wallet;
}

/** Demo top-ups: money comes from the simulated bank funding account, through the ledger. */
export async function topUpWallet(
  deps: AppDeps,
  walletId: string,
  amountMinor: number,
  currency: string,
): Promise<WalletView> {
  const wallet = await requireWallet(deps, walletId);
  if (currency !== wallet.currency) {
    throw new AppError('wallet_currency_mismatch', `the wallet holds ${wallet.currency}`, {
      param: 'currency',
    });
  }
  const now = deps.clock.nowMs();
  await deps.store.write(async (tx) => {
    await tx.ensureAccount(platformAccountId('bank_funding', currency), 'bank_funding', null, currency);
    await tx.postTransfer(topUpTransfer(walletId, amountMinor, currency), {
      id: deps.ids.id('tfr'),
      orderId: null,
      refundId: null,
      createdAtMs: now,
    });
  });
  return walletView(deps, wallet);
}

export async function walletView(deps: AppDeps, wallet: Wallet): Promise<WalletView> {
  const account = await deps.store.read.getAccount(walletAccountId(wallet.id));
  const fresh = (await deps.store.read.getWallet(wallet.id)) ?? wallet;
  const now = deps.clock.nowMs();
  const locked = fresh.lockedUntilMs !== null && now < fresh.lockedUntilMs;
  const lockExpired = fresh.lockedUntilMs !== null && !locked;
  return {
    id: wallet.id,
    object: 'wallet',
    currency: wallet.currency,
    balance: account?.balanceMinor ?? 0,
    lock: {
      status: locked ? 'locked' : 'unlocked',
      triesRemaining: locked ? 0 : passwordFailuresMax - (lockExpired ? 0 : fresh.failedAttempts),
      lockedUntil: locked && fresh.lockedUntilMs !== null ? iso(fresh.lockedUntilMs) : null,
    },
    createdAt: iso(wallet.createdAtMs),
  };
}
