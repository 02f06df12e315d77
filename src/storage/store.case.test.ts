/**
 * The storage contract: one suite, run unchanged against every adapter (a real SQLite file, and
 * a real PostgreSQL schema when QRPAY_TEST_PG_URL is set). No mocks of our own store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Merchant, Store } from '../app/ports.ts';
import type { StoredDecision } from '../app/modules/risk-ports.ts';
import type { Order } from '../domain/order/order.ts';
import { merchantAccountId, walletAccountId } from '../domain/ledger/ledger.ts';
import { createIdGenerator } from '../lib/ids.ts';
import { openTestStore, storeKinds } from '../../test/support/stores.ts';

const id = createIdGenerator();

function merchant(): Merchant {
  return {
    id: id('mer'), legalName: 'Legal', displayName: 'Shop', city: 'Shanghai', country: 'CN', mcc: '5812',
    currency: 'CNY', feeRateBp: 38, status: 'approved', tier: 'standard', createdAtMs: 1,
  };
}

function order(merchantId: string, extra: Partial<Order> = {}): Order {
  return {
    id: id('ord'), merchantId, terminalId: null, outTradeNo: id('otn'), amountMinor: 100, currency: 'CNY',
    description: null, status: 'pending', feeMinor: 0, refundedMinor: 0, refundedFeeMinor: 0, walletId: null,
    qrToken: id('tok'), qrPayload: 'p', createdAtMs: 1, expiresAtMs: 1000, scannedAtMs: null, paidAtMs: null,
    closedAtMs: null, ...extra,
  };
}

const meta = () => ({ id: id('tfr'), orderId: null, refundId: null, createdAtMs: 1 });

for (const kind of storeKinds()) {
  describe(`Store contract (${kind})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ store, cleanup } = await openTestStore(kind, 'qrpay-store-'));
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    async function fundedWallet(balance: number) {
      const walletAccount = walletAccountId(id('wal'));
      await store.write(async (tx) => {
        await tx.ensureAccount('bank_funding:CNY', 'bank_funding', null, 'CNY');
        await tx.ensureAccount(walletAccount, 'wallet', null, 'CNY');
        if (balance > 0) {
          await tx.postTransfer({ kind: 'top_up', debitAccountId: 'bank_funding:CNY', creditAccountId: walletAccount, amountMinor: balance, currency: 'CNY' }, meta());
        }
      });
      return walletAccount;
    }

    test('orders round-trip, and a status change is guarded by the expected status', async () => {
      const m = merchant();
      const o = order(m.id, { description: '拿铁 ×2', terminalId: 'trm_x' });
      await store.write(async (tx) => {
        await tx.insertMerchant(m);
        await tx.insertOrder(o);
      });
      assert.deepEqual(await store.read.getOrder(o.id), o);
      assert.deepEqual(await store.read.getOrderByOutTradeNo(m.id, o.outTradeNo), o);
      assert.deepEqual(await store.read.getOrderByQrToken(o.qrToken), o);
      const first = await store.write((tx) => tx.updateOrder(o.id, 'pending', { status: 'paid', paidAtMs: 5 }));
      const second = await store.write((tx) => tx.updateOrder(o.id, 'pending', { status: 'closed', closedAtMs: 6 }));
      assert.equal(first, true);
      assert.equal(second, false);
      const stored = await store.read.getOrder(o.id);
      assert.equal(stored?.status, 'paid');
      assert.equal(stored?.closedAtMs, null);
    });

    test('outTradeNo is unique per merchant', async () => {
      const m = merchant();
      const o = order(m.id);
      await store.write(async (tx) => {
        await tx.insertMerchant(m);
        await tx.insertOrder(o);
      });
      await assert.rejects(store.write((tx) => tx.insertOrder(order(m.id, { outTradeNo: o.outTradeNo }))));
    });

    test('a debit that would overdraw writes nothing and says so', async () => {
      const m = merchant();
      const wallet = await fundedWallet(100);
      await store.write(async (tx) => {
        await tx.insertMerchant(m);
        await tx.ensureAccount(merchantAccountId(m.id), 'merchant', m.id, 'CNY');
      });
      const spec = { kind: 'payment' as const, debitAccountId: wallet, creditAccountId: merchantAccountId(m.id), amountMinor: 101, currency: 'CNY' };
      const outcome = await store.write((tx) => tx.postTransfer(spec, meta()));
      assert.equal(outcome, 'insufficient_funds');
      assert.equal((await store.read.getAccount(wallet))?.balanceMinor, 100);
      assert.equal((await store.read.getAccount(merchantAccountId(m.id)))?.balanceMinor, 0);
      const ok = await store.write((tx) => tx.postTransfer({ ...spec, amountMinor: 100 }, meta()));
      assert.equal(ok, 'applied');
      assert.equal((await store.read.getAccount(wallet))?.balanceMinor, 0);
    });

    test('a transaction that throws leaves nothing behind, and others beside it commit', async () => {
      const wallet = await fundedWallet(1_000);
      const bank = 'bank_funding:CNY';
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.write(async (tx) => {
            await tx.postTransfer({ kind: 'top_up', debitAccountId: bank, creditAccountId: wallet, amountMinor: 10, currency: 'CNY' }, meta());
            if (i % 2 === 1) throw new Error(`unit ${i} fails after writing`);
            return i;
          })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10);
      assert.equal((await store.read.getAccount(wallet))?.balanceMinor, 1_000 + 10 * 10);
    });

    test('concurrent debits never overdraw: 40 attempts of 30 against a balance of 600', async () => {
      const m = merchant();
      const wallet = await fundedWallet(600);
      await store.write(async (tx) => {
        await tx.insertMerchant(m);
        await tx.ensureAccount(merchantAccountId(m.id), 'merchant', m.id, 'CNY');
      });
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () =>
          store.write((tx) => tx.postTransfer({ kind: 'payment', debitAccountId: wallet, creditAccountId: merchantAccountId(m.id), amountMinor: 30, currency: 'CNY' }, meta()))),
      );
      assert.equal(outcomes.filter((o) => o === 'applied').length, 20);
      assert.equal((await store.read.getAccount(wallet))?.balanceMinor, 0);
      assert.equal((await store.read.getAccount(merchantAccountId(m.id)))?.balanceMinor, 600);
    });

    test('events get a gap-free sequence per merchant, in commit order', async () => {
      const a = merchant();
      const b = merchant();
      await store.write(async (tx) => {
        await tx.insertMerchant(a);
        await tx.insertMerchant(b);
      });
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.write((tx) =>
            tx.appendEvent({ merchantId: i % 3 === 0 ? b.id : a.id, type: 'order.created', orderId: null, terminalId: null, payload: `{"i":${i}}`, createdAtMs: i }))),
      );
      const eventsA = await store.read.listEvents(a.id, 0, 100);
      const eventsB = await store.read.listEvents(b.id, 0, 100);
      assert.deepEqual(eventsA.map((e) => e.seq), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.deepEqual(eventsB.map((e) => e.seq), Array.from({ length: 10 }, (_, i) => i + 1));
      const later = await store.read.listEvents(a.id, 15, 100);
      assert.deepEqual(later.map((e) => e.seq), [16, 17, 18, 19, 20]);
    });

    test('an idempotency key is claimed once', async () => {
      const record = { scope: 's', key: id('k'), requestHash: 'h', state: 'in_progress' as const, statusCode: null, responseBody: null, createdAtMs: 1 };
      const claims = await Promise.all(Array.from({ length: 5 }, () => store.write((tx) => tx.claimIdempotency(record))));
      assert.equal(claims.filter(Boolean).length, 1);
      await store.write((tx) => tx.completeIdempotency('s', record.key, 201, '{"ok":true}'));
      const stored = await store.read.getIdempotency('s', record.key);
      assert.equal(stored?.state, 'completed');
      assert.equal(stored?.statusCode, 201);
    });

    test('overdue pending orders are listed oldest deadline first', async () => {
      const m = merchant();
      const late = order(m.id, { expiresAtMs: 500 });
      const later = order(m.id, { expiresAtMs: 900 });
      const future = order(m.id, { expiresAtMs: 10_000_000_000_000 });
      await store.write(async (tx) => {
        await tx.insertMerchant(m);
        for (const o of [later, future, late]) await tx.insertOrder(o);
      });
      const overdue = (await store.read.listOverdueOrders(1_000, 1_000)).filter((o) => o.merchantId === m.id);
      assert.deepEqual(overdue.map((o) => o.id), [late.id, later.id]);
    });

    // On PostgreSQL some writes are sent without waiting for their answer (pipelined); a failure
    // of one must still fail the whole transaction, with its own error, and commit nothing.
    const decision = (decisionId: string, orderId: string): StoredDecision => ({
      id: decisionId, orderId, walletId: 'wal_x', merchantId: 'mer_x', deviceId: '', ip: '',
      amountMinor: 1, currency: 'CNY', outcome: 'allow', result: 'paid', reasonCodes: [],
      matchedRules: [], shadowMatches: [], shadowOutcome: 'allow', challengeId: null, context: '{}',
      createdAtMs: 1,
    });

    for (const where of ['in the middle', 'as the last statement'] as const) {
      test(`a write that fails ${where} of a transaction fails it and commits nothing`, async () => {
        const first = id('rdc');
        await store.write((tx) => tx.risk.insertDecision(decision(first, id('ord'))));
        const m = merchant();
        await assert.rejects(store.write(async (tx) => {
          await tx.insertMerchant(m);
          await tx.risk.insertDecision(decision(first, id('ord'))); // the same id: refused
          if (where === 'in the middle') await tx.getMerchant(m.id); // a statement awaited after it
        }), (error: { code?: string; message?: string }) =>
          // the refusal itself (unique violation), not "transaction aborted" behind it
          error.code === '23505' || /UNIQUE constraint failed/.test(String(error.message)));
        assert.equal(await store.read.getMerchant(m.id), undefined);
        // the store goes on working
        await store.write((tx) => tx.insertMerchant(merchant()));
      });
    }
  });
}
