import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyStoredLedger } from '../../src/app/verify-ledger.ts';
import { apiClient, seedBasics, type Api } from '../support/api.ts';
import { startTestPlatform, storeKinds, testAdminKey, type TestPlatform } from '../support/platform.ts';

for (const kind of storeKinds()) {
  describe(`payment flow over HTTP (${kind})`, () => {
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;
    let n = 0;
    const newOrder = async (amount = 3850, extra: Record<string, unknown> = {}) => {
      n += 1;
      const res = await api.post('/v1/orders', { amount, currency: 'CNY', outTradeNo: `T-${n}`, ...extra }, s.terminalKey);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    /** A fresh funded consumer: risk rules rightly challenge one wallet paying in bursts. */
    const payer = async (balance = 100_000) => {
      const w = await api.post('/v1/wallets', { password: '975310' });
      await api.post(`/v1/wallets/${w.body.id}/top-ups`, { amount: balance, currency: 'CNY' }, testAdminKey);
      return { id: w.body.id as string, token: w.body.token as string, password: '975310' };
    };
    const balanceOf = async (token: string) => (await api.get('/v1/wallets/me', token)).body.balance as number;
    const ledgerOk = async () => {
      const result = await verifyStoredLedger(platform.deps.store);
      assert.deepEqual(result.problems, []);
    };

    before(async () => {
      platform = await startTestPlatform(kind);
      api = apiClient(platform.app);
      s = await seedBasics(api);
    });
    after(async () => platform.destroy());

    test('a wallet scans and pays an order; the merchant is credited amount minus fee', async () => {
      const order = await newOrder(3850);
      assert.equal(order.status, 'pending');
      assert.match(order.qrCode.payload, /^000201/);
      const scan = await api.post('/v1/wallet/scans', { payload: order.qrCode.payload }, s.walletToken);
      assert.equal(scan.status, 200, JSON.stringify(scan.body));
      assert.equal(scan.body.order.id, order.id);
      assert.equal(scan.body.order.amount, 3850);
      assert.equal(scan.body.merchant.legalName, '上海示例餐饮有限公司');
      const scanned = await api.get(`/v1/orders/${order.id}`, s.terminalKey);
      assert.notEqual(scanned.body.scannedAt, null);
      assert.equal(scanned.body.status, 'pending');

      const before = await balanceOf(s.walletToken);
      const paid = await api.post('/v1/wallet/payments', { orderId: order.id, password: s.password }, s.walletToken);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      assert.equal(paid.body.status, 'paid');
      assert.equal(paid.body.fee, 15); // 3850 × 0.38 % = 14.63 → 15, half up
      assert.equal(await balanceOf(s.walletToken), before - 3850);
      const merchantAccount = await platform.deps.store.read.getAccount(`${s.merchantId}:available`);
      assert.ok(merchantAccount);
      await ledgerOk();
    });

    test('paying twice, a closed order and an expired code each fail with their own code', async () => {
      const order = await newOrder(100);
      const p = await payer();
      const pay = () => api.post('/v1/wallet/payments', { orderId: order.id, password: p.password }, p.token);
      assert.equal((await pay()).status, 200);
      const again = await pay();
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'order_already_paid');

      const closed = await newOrder(100);
      const close = await api.post(`/v1/orders/${closed.id}/close`, {}, s.terminalKey);
      assert.equal(close.body.status, 'closed');
      const payClosed = await api.post('/v1/wallet/payments', { orderId: closed.id, password: s.password }, s.walletToken);
      assert.equal(payClosed.body.error.code, 'order_closed');
      const scanClosed = await api.post('/v1/wallet/scans', { payload: closed.qrCode.payload }, s.walletToken);
      assert.equal(scanClosed.status, 200);
      assert.equal(scanClosed.body.order.status, 'closed');
      await ledgerOk();
    });

    test('a wrong password reports the tries left, and five in a row lock the wallet', async () => {
      const wallet = await api.post('/v1/wallets', { password: '246802' });
      await api.post(`/v1/wallets/${wallet.body.id}/top-ups`, { amount: 10_000, currency: 'CNY' }, testAdminKey);
      const order = await newOrder(500);
      const attempt = (password: string) =>
        api.post('/v1/wallet/payments', { orderId: order.id, password }, wallet.body.token);
      for (let i = 1; i <= 4; i++) {
        const res = await attempt('000000');
        assert.equal(res.body.error.code, 'wallet_password_invalid');
        assert.equal(res.body.error.triesRemaining, 5 - i);
      }
      const fifth = await attempt('000000');
      assert.equal(fifth.status, 423);
      assert.equal(fifth.body.error.code, 'wallet_locked');
      assert.ok(Date.parse(fifth.body.error.lockedUntil) > Date.now() + 2.9 * 3600_000);
      const right = await attempt('246802');
      assert.equal(right.body.error.code, 'wallet_locked', 'the right password does not open a lock');
      const me = await api.get('/v1/wallets/me', wallet.body.token);
      assert.equal(me.body.lock.status, 'locked');
      assert.equal(me.body.balance, 10_000);
      const still = await api.get(`/v1/orders/${order.id}`, s.terminalKey);
      assert.equal(still.body.status, 'pending');
    });

    test('too little balance fails and changes nothing', async () => {
      const poor = await api.post('/v1/wallets', { password: '111333' });
      await api.post(`/v1/wallets/${poor.body.id}/top-ups`, { amount: 99, currency: 'CNY' }, testAdminKey);
      const order = await newOrder(100);
      const res = await api.post('/v1/wallet/payments', { orderId: order.id, password: '111333' }, poor.body.token);
      assert.equal(res.status, 402);
      assert.equal(res.body.error.code, 'wallet_balance_insufficient');
      assert.equal((await api.get(`/v1/orders/${order.id}`, s.terminalKey)).body.status, 'pending');
      assert.equal(await balanceOf(poor.body.token), 99);
      await ledgerOk();
    });

    test('50 concurrent payments of one order: exactly one succeeds and money moves once', async () => {
      const order = await newOrder(700);
      const p = await payer();
      const before = await balanceOf(p.token);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          api.post('/v1/wallet/payments', { orderId: order.id, password: p.password }, p.token)),
      );
      const ok = results.filter((r) => r.status === 200);
      assert.equal(ok.length, 1);
      // the rest are refused: already paid, or (past the wallet's burst of 40) rate limited
      for (const r of results.filter((x) => x.status !== 200)) {
        assert.ok(['order_already_paid', 'rate_limited'].includes(r.body.error.code), r.body.error.code);
      }
      // the operator's view: the wallet itself has spent its request budget on the double taps
      assert.equal((await api.get(`/v1/wallets/${p.id}`, testAdminKey)).body.balance, before - 700);
      const transfers = await platform.deps.store.read.listTransfers(null, 100_000);
      assert.equal(transfers.filter((t) => t.orderId === order.id && t.kind === 'payment').length, 1);
      await ledgerOk();
    });

    test('refunds: partial, then the rest; never more than was paid; fee returned in proportion', async () => {
      const order = await newOrder(10_000); // fee 38
      const p = await payer();
      const paid = await api.post('/v1/wallet/payments', { orderId: order.id, password: p.password }, p.token);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      const before = await balanceOf(p.token);
      const r1 = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 3_000, outRefundNo: 'R1' }, s.terminalKey);
      assert.equal(r1.status, 201, JSON.stringify(r1.body));
      assert.equal(r1.body.feeRefunded, 11); // 38 × 0.3 = 11.4 → 11
      const replay = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 3_000, outRefundNo: 'R1' }, s.terminalKey);
      assert.equal(replay.body.id, r1.body.id);
      const conflict = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 10, outRefundNo: 'R1' }, s.terminalKey);
      assert.equal(conflict.body.error.code, 'refund_out_refund_no_conflict');
      const tooMuch = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 7_001, outRefundNo: 'R2' }, s.terminalKey);
      assert.equal(tooMuch.status, 422);
      assert.equal(tooMuch.body.error.code, 'refund_amount_exceeds_paid');
      const rest = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 7_000, outRefundNo: 'R3' }, s.terminalKey);
      assert.equal(rest.body.feeRefunded, 27); // 38 in total
      const final = await api.get(`/v1/orders/${order.id}`, s.terminalKey);
      assert.equal(final.body.status, 'refunded');
      assert.equal(final.body.refundedAmount, 10_000);
      assert.equal(await balanceOf(p.token), before + 10_000);
      const more = await api.post(`/v1/orders/${order.id}/refunds`, { amount: 1, outRefundNo: 'R4' }, s.terminalKey);
      assert.equal(more.body.error.code, 'order_fully_refunded');
      await ledgerOk();
    });

    test('another merchant cannot see or touch the order', async () => {
      const order = await newOrder(100);
      const other = await api.post('/v1/merchants', {
        legalName: 'Other Ltd', displayName: 'Other', city: 'Beijing', country: 'CN', mcc: '5411', currency: 'CNY',
      }, testAdminKey);
      const otherTerminal = await api.post(`/v1/merchants/${other.body.id}/terminals`, { name: 'X' }, testAdminKey);
      const key = otherTerminal.body.apiKey as string;
      for (const res of [
        await api.get(`/v1/orders/${order.id}`, key),
        await api.post(`/v1/orders/${order.id}/close`, {}, key),
        await api.post(`/v1/orders/${order.id}/refunds`, { amount: 1, outRefundNo: 'x' }, key),
      ]) {
        assert.equal(res.status, 404);
        assert.equal(res.body.error.code, 'order_not_found');
      }
      const list = await api.get('/v1/orders?limit=100', key);
      assert.equal(list.body.data.length, 0);
      assert.equal((await api.get(`/v1/orders/${order.id}`, s.terminalKey)).body.status, 'pending');
    });

    test('the same outTradeNo returns the same order; with other fields it is a conflict', async () => {
      const a = await api.post('/v1/orders', { amount: 1234, currency: 'CNY', outTradeNo: 'DUP-1' }, s.terminalKey);
      const b = await api.post('/v1/orders', { amount: 1234, currency: 'CNY', outTradeNo: 'DUP-1' }, s.terminalKey);
      assert.equal(b.body.id, a.body.id);
      const c = await api.post('/v1/orders', { amount: 999, currency: 'CNY', outTradeNo: 'DUP-1' }, s.terminalKey);
      assert.equal(c.status, 409);
      assert.equal(c.body.error.code, 'order_out_trade_no_conflict');
    });

    test('Idempotency-Key replays the first response and refuses a different body', async () => {
      const headers = { 'idempotency-key': 'key-abc-1' };
      const body = { amount: 4321, currency: 'CNY', outTradeNo: 'IDEM-1' };
      const first = await api.post('/v1/orders', body, s.terminalKey, headers);
      const second = await api.post('/v1/orders', body, s.terminalKey, headers);
      assert.equal(second.status, 201);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      assert.deepEqual(second.body, first.body);
      const third = await api.post('/v1/orders', { ...body, amount: 1 }, s.terminalKey, headers);
      assert.equal(third.status, 422);
      assert.equal(third.body.error.code, 'idempotency_key_reused');
    });

    test('bad input gets a stable 4xx code and changes nothing', async () => {
      const cases: [unknown, string][] = [
        [{ amount: -1, currency: 'CNY', outTradeNo: 'B1' }, 'amount_invalid'],
        [{ amount: 1.5, currency: 'CNY', outTradeNo: 'B2' }, 'amount_invalid'],
        [{ amount: '100', currency: 'CNY', outTradeNo: 'B3' }, 'amount_invalid'],
        [{ amount: 1e300, currency: 'CNY', outTradeNo: 'B4' }, 'amount_invalid'],
        [{ amount: 100, currency: 'XXX', outTradeNo: 'B5' }, 'currency_unsupported'],
        [{ amount: 100, currency: 'USD', outTradeNo: 'B6' }, 'merchant_currency_mismatch'],
        [{ amount: 100, currency: 'CNY' }, 'request_field_missing'],
        [{ amount: 100, currency: 'CNY', outTradeNo: 'B7', extra: 1 }, 'request_field_unknown'],
        [{ amount: 100, currency: 'CNY', outTradeNo: 'B8', expiresInSeconds: 5 }, 'request_field_invalid'],
        [[1, 2], 'request_body_invalid'],
      ];
      for (const [body, code] of cases) {
        const res = await api.post('/v1/orders', body, s.terminalKey);
        assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)} → ${res.status}`);
        assert.equal(res.body.error.code, code, JSON.stringify(body));
      }
      const malformed = await api.raw('POST', '/v1/orders', { key: s.terminalKey, rawBody: '{"amount":' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, 'request_body_invalid');
      const huge = await api.raw('POST', '/v1/orders', { key: s.terminalKey, rawBody: JSON.stringify({ x: 'a'.repeat(100_000) }) });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'request_body_too_large');
      const noAuth = await api.post('/v1/orders', { amount: 1, currency: 'CNY', outTradeNo: 'N' });
      assert.equal(noAuth.body.error.code, 'auth_missing');
      const wrongKind = await api.post('/v1/orders', { amount: 1, currency: 'CNY', outTradeNo: 'N' }, s.walletToken);
      assert.equal(wrongKind.body.error.code, 'auth_forbidden');
      const list = await api.get('/v1/orders?limit=100', s.terminalKey);
      assert.equal(list.body.data.filter((o: { outTradeNo: string }) => o.outTradeNo.startsWith('B')).length, 0);
    });

    test('a revoked terminal key is refused', async () => {
      const t = await api.post(`/v1/merchants/${s.merchantId}/terminals`, { name: 'Temp' }, testAdminKey);
      const revoke = await api.post(`/v1/merchants/${s.merchantId}/terminals/${t.body.id}/revoke`, {}, testAdminKey);
      assert.equal(revoke.body.status, 'revoked');
      const res = await api.post('/v1/orders', { amount: 1, currency: 'CNY', outTradeNo: 'REV' }, t.body.apiKey);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'terminal_revoked');
    });

    test('orders expire at their deadline and cannot be paid after it', async () => {
      const order = await newOrder(100, { expiresInSeconds: 30 });
      const clockShift = 31_000;
      const realNow = platform.deps.clock.nowMs;
      (platform.deps.clock as { nowMs: () => number }).nowMs = () => realNow() + clockShift;
      try {
        const pay = await api.post('/v1/wallet/payments', { orderId: order.id, password: s.password }, s.walletToken);
        assert.equal(pay.body.error.code, 'order_expired');
      } finally {
        (platform.deps.clock as { nowMs: () => number }).nowMs = realNow;
      }
    });

    test('the operator sees the QR keys document and the OpenAPI document', async () => {
      const keys = await api.get('/.well-known/qrpay-keys.json');
      assert.equal(keys.status, 200);
      const doc = await api.get('/openapi.json');
      assert.equal(doc.status, 200);
      assert.ok(doc.body.paths['/v1/orders']);
      assert.ok(doc.body.paths['/v1/wallet/payments']);
    });
  });
}
