import { assert } from '../../lib/assert.ts';

/**
 * Double-entry ledger. Every transfer moves `amountMinor` from a debit account to a credit
 * account; an account's balance is its credits minus its debits. So the sum of all balances is
 * zero at all times. Bank funding accounts are the only ones allowed below zero: they stand for
 * money that came in from outside (top-ups) and went out (settlement).
 */
export type AccountKind = 'wallet' | 'merchant' | 'fee_revenue' | 'bank_funding';

export type TransferKind =
  | 'top_up'
  | 'payment'
  | 'fee'
  | 'refund'
  | 'fee_refund'
  | 'hold_release';

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  readonly ownerId: string | null;
  readonly currency: string;
  readonly balanceMinor: number;
}

export interface TransferSpec {
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface Transfer extends TransferSpec {
  readonly id: string;
  readonly orderId: string | null;
  readonly refundId: string | null;
  readonly createdAtMs: number;
}

export function mayGoNegative(kind: AccountKind): boolean {
  return kind === 'bank_funding';
}

export function platformAccountId(kind: 'fee_revenue' | 'bank_funding', currency: string): string {
  return `${kind}:${currency}`;
}

export function merchantAccountId(merchantId: string): string {
  return `${merchantId}:available`;
}

export function walletAccountId(walletId: string): string {
  return `${walletId}:balance`;
}

/** Where a merchant's funds wait while a payment is on hold (risk), until released or refunded. */
export function heldAccountId(merchantId: string): string {
  return `${merchantId}:held`;
}

/** A reviewer releases a held payment: its net amount moves from held to available. */
export function holdReleaseTransfer(merchantId: string, amountMinor: number, currency: string) {
  assert(amountMinor > 0, 'a release moves a positive amount');
  return {
    kind: 'hold_release',
    debitAccountId: heldAccountId(merchantId),
    creditAccountId: merchantAccountId(merchantId),
    amountMinor,
    currency,
  } satisfies TransferSpec;
}

/** A payment: the wallet pays the merchant the whole amount, the merchant pays the fee. */
export function paymentTransfers(input: {
  walletId: string;
  merchantId: string;
  amountMinor: number;
  feeMinor: number;
  currency: string;
  /** The merchant account credited; `heldAccountId` for a payment on hold. */
  merchantAccount?: string;
}): TransferSpec[] {
  assert(input.amountMinor > 0 && input.feeMinor >= 0, 'payment amounts');
  assert(input.feeMinor <= input.amountMinor, 'fee within amount');
  const merchant = input.merchantAccount ?? merchantAccountId(input.merchantId);
  const specs: TransferSpec[] = [
    {
      kind: 'payment',
      debitAccountId: walletAccountId(input.walletId),
      creditAccountId: merchant,
      amountMinor: input.amountMinor,
      currency: input.currency,
    },
  ];
  if (input.feeMinor > 0) {
    specs.push({
      kind: 'fee',
      debitAccountId: merchant,
      creditAccountId: platformAccountId('fee_revenue', input.currency),
      amountMinor: input.feeMinor,
      currency: input.currency,
    });
  }
  return specs;
}

/** A refund reverses a payment in proportion: the platform returns its share of the fee. */
export function refundTransfers(input: {
  walletId: string;
  merchantId: string;
  refundMinor: number;
  feeRefundMinor: number;
  currency: string;
  /** The merchant account debited; `heldAccountId` while the payment is on hold. */
  merchantAccount?: string;
}): TransferSpec[] {
  assert(input.refundMinor > 0 && input.feeRefundMinor >= 0, 'refund amounts');
  const merchant = input.merchantAccount ?? merchantAccountId(input.merchantId);
  const specs: TransferSpec[] = [];
  if (input.feeRefundMinor > 0) {
    specs.push({
      kind: 'fee_refund',
      debitAccountId: platformAccountId('fee_revenue', input.currency),
      creditAccountId: merchant,
      amountMinor: input.feeRefundMinor,
      currency: input.currency,
    });
  }
  specs.push({
    kind: 'refund',
    debitAccountId: merchant,
    creditAccountId: walletAccountId(input.walletId),
    amountMinor: input.refundMinor,
    currency: input.currency,
  });
  return specs;
}

export function topUpTransfer(walletId: string, amountMinor: number, currency: string) {
  return {
    kind: 'top_up',
    debitAccountId: platformAccountId('bank_funding', currency),
    creditAccountId: walletAccountId(walletId),
    amountMinor,
    currency,
  } satisfies TransferSpec;
}

export interface LedgerProblem {
  readonly accountId: string | null;
  readonly problem: string;
}

/**
 * Re-derives every balance from the transfers and checks the invariants: stored balance equals
 * credits minus debits, balances sum to zero per currency, no account that may not go negative is
 * negative, every transfer is positive and within one currency.
 */
export function verifyLedger(
  accounts: Iterable<Account>,
  transfers: Iterable<Pick<Transfer, 'id' | 'debitAccountId' | 'creditAccountId' | 'amountMinor' | 'currency'>>,
): { problems: LedgerProblem[]; accounts: number; transfers: number } {
  const derived = new Map<string, number>();
  const byId = new Map<string, Account>();
  for (const account of accounts) {
    byId.set(account.id, account);
    derived.set(account.id, 0);
  }
  const problems: LedgerProblem[] = [];
  let transferCount = 0;
  for (const t of transfers) {
    transferCount += 1;
    if (!(Number.isSafeInteger(t.amountMinor) && t.amountMinor > 0)) {
      problems.push({ accountId: null, problem: `transfer ${t.id} has amount ${t.amountMinor}` });
    }
    for (const [id, sign] of [[t.debitAccountId, -1], [t.creditAccountId, 1]] as const) {
      const account = byId.get(id);
      if (!account) {
        problems.push({ accountId: id, problem: `transfer ${t.id} names an unknown account` });
        continue;
      }
      if (account.currency !== t.currency) {
        problems.push({ accountId: id, problem: `transfer ${t.id} crosses currencies` });
      }
      derived.set(id, (derived.get(id) ?? 0) + sign * t.amountMinor);
    }
  }
  const sums = new Map<string, number>();
  for (const account of byId.values()) {
    const expected = derived.get(account.id) ?? 0;
    if (expected !== account.balanceMinor) {
      problems.push({
        accountId: account.id,
        problem: `stored balance ${account.balanceMinor} but transfers give ${expected}`,
      });
    }
    if (account.balanceMinor < 0 && !mayGoNegative(account.kind)) {
      problems.push({ accountId: account.id, problem: `negative balance ${account.balanceMinor}` });
    }
    sums.set(account.currency, (sums.get(account.currency) ?? 0) + account.balanceMinor);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) problems.push({ accountId: null, problem: `${currency} balances sum to ${sum}` });
  }
  return { problems, accounts: byId.size, transfers: transferCount };
}
