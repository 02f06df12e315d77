/**
 * Random operation sequences through the use cases on a real store, checking the ledger after
 * every step: balances equal the transfers, sums are zero, nobody is negative, and the model's
 * expected balances match. The seed is printed on failure; QRPAY_FUZZ_RUNS sets the step count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../src/app/errors.ts';
import { refundOrder, closeOrder } from '../../src/app/order-actions.ts';
import { createOrder } from '../../src/app/orders.ts';
import { payOrder } from '../../src/app/pay-order.ts';
import { createMerchant, createTerminal } from '../../src/app/merchants.ts';
import { createWallet, topUpWallet } from '../../src/app/wallets.ts';
import { verifyStoredLedger } from '../../src/app/verify-ledger.ts';
import type { Terminal, Wallet } from '../../src/app/ports.ts';
import { createPrng, fuzzSettings } from '../../src/lib/prng.ts';
import { startTestPlatform, storeKinds, type TestPlatform } from '../support/platform.ts';

for (const kind of storeKinds()) {
  describe(`ledger invariants under random operations (${kind})`, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await startTestPlatform(kind);
    });
    after(async () => platform.destroy());

    test('every step keeps the ledger balanced and matches the model', async () => {
      const { seed, runs } = fuzzSettings(kind === 'sqlite' ? 300 : 150);
      const prng = createPrng(seed);
      const deps = platform.deps;
      const context = `seed ${seed} (QRPAY_FUZZ_SEED=${seed} to repeat)`;
      const merchants = [await createMerchant(deps, { legalName: 'A', displayName: 'A', city: 'X', country: 'CN', mcc: '5812', currency: 'CNY', feeRateBp: prng.int(0, 600) })];
      const terminals: Terminal[] = [(await createTerminal(deps, merchants[0]!.id, 't')).terminal];
      const wallets: { wallet: Wallet; password: string }[] = [];
      const expected = new Map<string, number>(); // wallet id → balance
      const orders: string[] = [];
      for (let i = 0; i < 3; i++) {
        const password = String(prng.int(100000, 999999));
        const { wallet } = await createWallet(deps, { password });
        wallets.push({ wallet, password });
        expected.set(wallet.id, 0);
      }
      const allowed = new Set(['order_already_paid', 'order_closed', 'order_expired', 'order_not_paid',
        'order_fully_refunded', 'refund_amount_exceeds_paid', 'wallet_balance_insufficient',
        'wallet_password_invalid', 'wallet_locked', 'refund_out_refund_no_conflict', 'merchant_balance_insufficient',
        // the risk engine rightly challenges or blocks some random bursts
        'risk_challenge_required', 'risk_blocked']);
      for (let step = 0; step < runs; step++) {
        const op = prng.int(0, 5);
        const w = prng.pick(wallets);
        try {
          if (op === 0) {
            const amount = prng.int(1, 50_000);
            await topUpWallet(deps, w.wallet.id, amount, 'CNY');
            expected.set(w.wallet.id, (expected.get(w.wallet.id) ?? 0) + amount);
          } else if (op === 1 || op === 2) {
            const o = await createOrder(deps, prng.pick(terminals), { amount: prng.int(1, 30_000), currency: 'CNY', outTradeNo: `F${step}` });
            orders.push(o.id);
          } else if (op === 3 && orders.length > 0) {
            const orderId = prng.pick(orders);
            const password = prng.bool(0.9) ? w.password : '000000';
            const paid = await payOrder(deps, w.wallet, { orderId, password });
            expected.set(w.wallet.id, (expected.get(w.wallet.id) ?? 0) - paid.amountMinor);
          } else if (op === 4 && orders.length > 0) {
            const orderId = prng.pick(orders);
            const order = await deps.store.read.getOrder(orderId);
            const amount = prng.int(1, Math.max(1, (order?.amountMinor ?? 1) - (order?.refundedMinor ?? 0)));
            const { order: refunded, refund } = await refundOrder(deps, { kind: 'operator' }, orderId, { amount, outRefundNo: `R${step}` });
            expected.set(refunded.walletId!, (expected.get(refunded.walletId!) ?? 0) + refund.amountMinor);
          } else if (op === 5 && orders.length > 0) {
            await closeOrder(deps, { kind: 'operator' }, prng.pick(orders));
          }
        } catch (error) {
          assert.ok(error instanceof AppError, `${context}: step ${step} threw ${String(error)}`);
          assert.ok(allowed.has(error.code), `${context}: step ${step} unexpected ${error.code}`);
        }
        const ledger = await verifyStoredLedger(deps.store);
        assert.deepEqual(ledger.problems, [], `${context}: after step ${step}`);
        for (const { wallet } of wallets) {
          const account = await deps.store.read.getAccount(`${wallet.id}:balance`);
          assert.equal(account?.balanceMinor, expected.get(wallet.id), `${context}: wallet balance after step ${step}`);
        }
      }
    });
  });
}
