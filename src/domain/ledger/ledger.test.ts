import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Account,
  paymentTransfers,
  refundTransfers,
  topUpTransfer,
  type TransferSpec,
  verifyLedger,
} from './ledger.ts';

/** A tiny in-test ledger that applies specs the way the store does, to check the plans. */
function applyAll(accounts: Map<string, Account>, specs: TransferSpec[]) {
  return specs.map((spec, i) => {
    for (const [id, delta] of [[spec.debitAccountId, -spec.amountMinor], [spec.creditAccountId, spec.amountMinor]] as const) {
      const a = accounts.get(id);
      assert.ok(a, `account ${id}`);
      accounts.set(id, { ...a, balanceMinor: a.balanceMinor + delta });
    }
    return { ...spec, id: `t${i}` };
  });
}

function freshAccounts() {
  const list: Account[] = [
    { id: 'w1:balance', kind: 'wallet', ownerId: 'w1', currency: 'CNY', balanceMinor: 0 },
    { id: 'm1:available', kind: 'merchant', ownerId: 'm1', currency: 'CNY', balanceMinor: 0 },
    { id: 'fee_revenue:CNY', kind: 'fee_revenue', ownerId: null, currency: 'CNY', balanceMinor: 0 },
    { id: 'bank_funding:CNY', kind: 'bank_funding', ownerId: null, currency: 'CNY', balanceMinor: 0 },
  ];
  return new Map(list.map((a) => [a.id, a]));
}

test('scenario: top-up, payment, partial refund, full refund — balances after each step', () => {
  const accounts = freshAccounts();
  const transfers: ReturnType<typeof applyAll> = [];
  const rows: [step: string, specs: TransferSpec[], wallet: number, merchant: number, fee: number, bank: number][] = [
    ['top up 10000', [topUpTransfer('w1', 10_000, 'CNY')], 10_000, 0, 0, -10_000],
    ['pay 3850, fee 15', paymentTransfers({ walletId: 'w1', merchantId: 'm1', amountMinor: 3850, feeMinor: 15, currency: 'CNY' }), 6150, 3835, 15, -10_000],
    ['refund 1000, fee back 4', refundTransfers({ walletId: 'w1', merchantId: 'm1', refundMinor: 1000, feeRefundMinor: 4, currency: 'CNY' }), 7150, 2839, 11, -10_000],
    ['refund 2850, fee back 11', refundTransfers({ walletId: 'w1', merchantId: 'm1', refundMinor: 2850, feeRefundMinor: 11, currency: 'CNY' }), 10_000, 0, 0, -10_000],
  ];
  for (const [step, specs, wallet, merchant, fee, bank] of rows) {
    transfers.push(...applyAll(accounts, specs));
    assert.equal(accounts.get('w1:balance')?.balanceMinor, wallet, step);
    assert.equal(accounts.get('m1:available')?.balanceMinor, merchant, step);
    assert.equal(accounts.get('fee_revenue:CNY')?.balanceMinor, fee, step);
    assert.equal(accounts.get('bank_funding:CNY')?.balanceMinor, bank, step);
    assert.deepEqual(verifyLedger(accounts.values(), transfers).problems, [], step);
  }
});

test('verifyLedger finds a balance that does not match its transfers', () => {
  const accounts = freshAccounts();
  const transfers = applyAll(accounts, [topUpTransfer('w1', 500, 'CNY')]);
  accounts.set('w1:balance', { ...accounts.get('w1:balance')!, balanceMinor: 501 });
  const { problems } = verifyLedger(accounts.values(), transfers);
  assert.ok(problems.some((p) => p.accountId === 'w1:balance' && /transfers give 500/.test(p.problem)));
  assert.ok(problems.some((p) => /sum to 1/.test(p.problem)));
});

test('verifyLedger finds a negative wallet and an unknown account', () => {
  const accounts = freshAccounts();
  const transfers = applyAll(accounts, paymentTransfers({ walletId: 'w1', merchantId: 'm1', amountMinor: 100, feeMinor: 0, currency: 'CNY' }));
  const ghost = { id: 'x', debitAccountId: 'nobody', creditAccountId: 'w1:balance', amountMinor: 5, currency: 'CNY' };
  const { problems } = verifyLedger(accounts.values(), [...transfers, ghost]);
  assert.ok(problems.some((p) => /negative balance -100/.test(p.problem)));
  assert.ok(problems.some((p) => p.accountId === 'nobody'));
});
