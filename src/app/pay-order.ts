import { feeFor } from '../domain/ledger/fees.ts';
import { heldAccountId, paymentTransfers, platformAccountId } from '../domain/ledger/ledger.ts';
import { checkPayable, effectiveStatus, type Order } from '../domain/order/order.ts';
import {
  afterWrongPassword,
  checkNotLocked,
  isPaymentPasswordFormat,
} from '../domain/wallet/payment-password.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { checkMicroDailyLimit } from './onboarding/micro-limits.ts';
import type { Merchant, Wallet, WriteTx } from './ports.ts';
import { assessPayment, type RiskVerdict } from './risk/assess.ts';
import type { PaymentSignals } from './risk/context.ts';
import { countPasswordFailure, countPayment } from './risk/counters.ts';
import { eventPayload, iso } from './views.ts';

export interface PayRequest {
  orderId: string;
  password: unknown;
  /** The amount the wallet showed; when given it must match the order. */
  amount?: number | undefined;
  /** The answer to a `risk_challenge_required`: its id, sent with the password again. */
  challengeId?: string | undefined;
}

const unknownSignals: PaymentSignals = { deviceId: '', ip: '' };

/** Failures decided inside the transaction that must still commit (the wrong-password count). */
type PayOutcome =
  | { paid: Order }
  | { wrongPassword: { triesRemaining: number; lockedUntilMs: number | null } }
  | { risk: Exclude<RiskVerdict, { kind: 'proceed' }> };

/**
 * The consumer pays an order from their wallet. Checks run in a fixed order: the order (exists,
 * payable, amount), then the wallet (lock, password), then money. Everything happens in one
 * transaction: the status change, both transfers and the `order.paid` event commit together or
 * not at all, and the status change is guarded by the expected status, so of any number of
 * concurrent attempts exactly one pays.
 */
export async function payOrder(
  deps: AppDeps,
  wallet: Wallet,
  request: PayRequest,
  signals: PaymentSignals = unknownSignals,
): Promise<Order> {
  if (!isPaymentPasswordFormat(request.password)) {
    throw new AppError('wallet_password_format_invalid', 'the payment password is 6 digits', {
      param: 'password',
    });
  }
  const password = request.password;
  const now = deps.clock.nowMs();
  const outcome = await deps.store.write(async (tx): Promise<PayOutcome> => {
    // read together (one round trip on PostgreSQL); checked in the documented order below
    const [order, fresh] = await Promise.all([tx.getOrder(request.orderId), tx.getWallet(wallet.id)]);
    if (!order) throw new AppError('order_not_found', `no order ${request.orderId}`, { param: 'orderId' });
    const payable = checkPayable(order, now);
    if (!payable.ok) throw new AppError(payable.code, payable.message, { orderId: order.id });
    if (request.amount !== undefined && request.amount !== order.amountMinor) {
      throw new AppError('payment_amount_mismatch', 'the order amount differs from the one shown', {
        param: 'amount',
      });
    }
    const current = fresh ?? wallet;
    const unlocked = checkNotLocked(current, now);
    if (!unlocked.ok) {
      throw new AppError('wallet_locked', unlocked.message, {
        lockedUntil: iso(current.lockedUntilMs ?? now),
        triesRemaining: 0,
      });
    }
    if (!deps.passwords.matches(current.id, password, {
      salt: current.passwordSalt,
      hash: current.passwordHash,
      keyId: current.passwordKeyId,
    })) {
      const next = afterWrongPassword(current, now);
      await tx.updateWalletPasswordState(current.id, next.state.failedAttempts, next.state.lockedUntilMs);
      await countPasswordFailure(tx.risk, current.id, next.state.lockedUntilMs !== null, now);
      return { wrongPassword: { triesRemaining: next.triesRemaining, lockedUntilMs: next.state.lockedUntilMs } };
    }
    const challengeId = request.challengeId;
    return settle(deps, tx, { order, wallet: current, now, signals, challengeId });
  });
  if ('paid' in outcome) return outcome.paid;
  if ('risk' in outcome) throw riskError(outcome.risk);
  const { triesRemaining, lockedUntilMs } = outcome.wrongPassword;
  if (lockedUntilMs !== null) {
    throw new AppError('wallet_locked', 'too many wrong payment passwords: payments are locked', {
      lockedUntil: iso(lockedUntilMs),
      triesRemaining: 0,
    });
  }
  throw new AppError('wallet_password_invalid', `wrong payment password, ${triesRemaining} tries left`, {
    param: 'password',
    triesRemaining,
  });
}

/** A block or a challenge, after the decision (and the challenge) committed. */
function riskError(verdict: Exclude<RiskVerdict, { kind: 'proceed' }>) {
  const reasonCodes = [...verdict.reasonCodes];
  if (verdict.kind === 'blocked') {
    return new AppError('risk_blocked', `the payment was refused: ${reasonCodes.join(', ')}`, {
      reasonCodes,
      decisionId: verdict.decisionId,
    });
  }
  const message = 'confirm again: send the password with challengeId';
  return new AppError('risk_challenge_required', message, {
    challengeId: verdict.challengeId,
    expiresAt: iso(verdict.expiresAtMs),
    reasonCodes,
    decisionId: verdict.decisionId,
  });
}

interface Settlement {
  order: Order;
  wallet: Wallet;
  now: number;
  signals: PaymentSignals;
  challengeId: string | undefined;
}

async function approvedMerchant(tx: WriteTx, order: Order): Promise<Merchant> {
  const merchant = await tx.getMerchant(order.merchantId);
  if (!merchant || merchant.status !== 'approved') {
    throw new AppError('merchant_not_approved', 'the merchant may not take payments now');
  }
  return merchant;
}

async function settle(deps: AppDeps, tx: WriteTx, s: Settlement): Promise<PayOutcome> {
  const { order, wallet, now } = s;
  if (wallet.currency !== order.currency) {
    throw new AppError('wallet_currency_mismatch', `the wallet holds ${wallet.currency}`);
  }
  const merchant = await approvedMerchant(tx, order);
  await checkMicroDailyLimit(tx, merchant, order.amountMinor, now);
  // Risk runs before money moves; a block or challenge commits its decision and nothing else.
  const verdict = await assessPayment(deps, tx, { order, merchant, wallet, nowMs: now,
    signals: s.signals, challengeId: s.challengeId });
  if (verdict.kind !== 'proceed') return { risk: verdict };
  const feeMinor = feeFor(order.amountMinor, merchant.feeRateBp);
  const paid: Order = { ...order, status: 'paid', feeMinor, walletId: wallet.id, paidAtMs: now };
  const won = await tx.updateOrder(order.id, 'pending', {
    status: 'paid',
    feeMinor,
    walletId: wallet.id,
    paidAtMs: now,
  });
  if (!won) {
    const latest = await tx.getOrder(order.id);
    const status = latest ? effectiveStatus(latest, now) : 'closed';
    const failure = status === 'pending' ? null : checkPayable({ ...order, status }, now);
    if (failure && !failure.ok) throw new AppError(failure.code, failure.message);
    throw new AppError('order_already_paid', 'the order has already been paid');
  }
  const transfers = paymentTransfers({
    walletId: wallet.id,
    merchantId: order.merchantId,
    amountMinor: order.amountMinor,
    feeMinor,
    currency: order.currency,
    ...(verdict.held ? { merchantAccount: heldAccountId(order.merchantId) } : {}),
  });
  if (verdict.held) {
    const heldAccount = heldAccountId(order.merchantId);
    await tx.ensureAccount(heldAccount, 'merchant', order.merchantId, order.currency);
  }
  const feeAccount = platformAccountId('fee_revenue', order.currency);
  await tx.ensureAccount(feeAccount, 'fee_revenue', null, order.currency);
  // The fee credits one platform account that every payment of the currency touches: post it
  // last, just before the commit, so on PostgreSQL its row lock is held for one round trip, not
  // for the rest of the transaction (it was the throughput limit: every payment queued on it).
  const post = async (spec: (typeof transfers)[number]) => {
    const meta = { id: deps.ids.id('tfr'), orderId: order.id, refundId: null, createdAtMs: now };
    if ((await tx.postTransfer(spec, meta)) === 'insufficient_funds') {
      throw new AppError('wallet_balance_insufficient', 'the wallet balance is too low', {
        orderId: order.id,
      });
    }
  };
  for (const spec of transfers.filter((t) => t.kind !== 'fee')) await post(spec);
  if (wallet.failedAttempts > 0) await tx.updateWalletPasswordState(wallet.id, 0, null);
  await recordRiskEffects(tx, s, verdict.decisionId, verdict.held);
  await tx.appendEvent({
    merchantId: order.merchantId,
    type: 'order.paid',
    orderId: order.id,
    terminalId: order.terminalId,
    payload: eventPayload(paid),
    createdAtMs: now,
  });
  for (const spec of transfers.filter((t) => t.kind === 'fee')) await post(spec);
  return { paid };
}

/** The counters and, for a hold, the review-queue entry: in the payment's transaction. */
async function recordRiskEffects(tx: WriteTx, s: Settlement, decisionId: string, held: boolean) {
  const { order, wallet, now } = s;
  const { deviceId } = s.signals;
  const subjects = { walletId: wallet.id, deviceId, merchantId: order.merchantId };
  await countPayment(tx.risk, subjects, order.amountMinor, now);
  if (!held) return;
  await tx.risk.insertHold({
    orderId: order.id, merchantId: order.merchantId, walletId: wallet.id, decisionId,
    currency: order.currency, status: 'held', releasedMinor: 0, createdAtMs: now,
    resolvedBy: null, resolvedAtMs: null,
  });
}
