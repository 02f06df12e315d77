import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyStoredLedger } from '../../src/app/verify-ledger.ts';
import { apiClient, seedBasics, type Api } from '../support/api.ts';
import { startTestPlatform, storeKinds, testAdminKey,
  type TestPlatform } from '../support/platform.ts';

const minute = 60_000;
const day = 24 * 60 * minute;
/** 10:00 in Shanghai: daytime, so the night rule stays out of the way unless a test wants it. */
const t0 = Date.parse('2026-03-02T02:00:00Z');

for (const kind of storeKinds()) {
  describe(`risk control in the payment path (${kind})`, () => {
    const clock = { ms: t0 };
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;
    let n = 0;

    const newOrder = async (amount: number, terminalKey = s.terminalKey) => {
      n += 1;
      const res = await api.post('/v1/orders', { amount, currency: 'CNY', outTradeNo: `R-${n}` },
        terminalKey);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id as string;
    };
    const pay = (orderId: string, token = s.walletToken, extra: Record<string, unknown> = {},
      deviceId?: string) =>
      api.post('/v1/wallet/payments', { orderId, password: s.password, ...extra }, token,
        deviceId === undefined ? undefined : { 'x-device-id': deviceId });
    const balance = async (accountId: string) =>
      (await platform.deps.store.read.getAccount(accountId))?.balanceMinor ?? 0;
    const walletBalance = (walletId = s.walletId) => balance(`${walletId}:balance`);
    const available = () => balance(`${s.merchantId}:available`);
    const held = () => balance(`${s.merchantId}:held`);
    const ledgerOk = async () =>
      assert.deepEqual((await verifyStoredLedger(platform.deps.store)).problems, []);
    const lastDecision = async (orderId: string) => {
      const list = await api.get(`/v1/risk/decisions?orderId=${orderId}&limit=1`, testAdminKey);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const full = await api.get(`/v1/risk/decisions/${list.body.data[0].id}`, testAdminKey);
      return full.body;
    };
    const freshWallet = async (amount: number) => {
      const wallet = await api.post('/v1/wallets', { password: s.password });
      await api.post(`/v1/wallets/${wallet.body.id}/top-ups`, { amount, currency: 'CNY' },
        testAdminKey);
      return { id: wallet.body.id as string, token: wallet.body.token as string };
    };
    /** Jumps past every 1-minute window, keeping the time of day. */
    const later = () => {
      clock.ms += 10 * minute;
    };

    before(async () => {
      platform = await startTestPlatform(kind, { nowMs: () => clock.ms });
      api = apiClient(platform.app);
      s = await seedBasics(api, { balance: 10_000_000 });
    });
    after(async () => platform.destroy());

    test('hold: a large payment after a password reset pays; merchant funds wait', async () => {
      const orderId = await newOrder(150_000);
      const [walletBefore, availableBefore, heldBefore] = [await walletBalance(), await available(),
        await held()];
      const paid = await pay(orderId);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      assert.equal(paid.body.status, 'paid');
      const fee = paid.body.fee as number;
      assert.equal(await walletBalance(), walletBefore - 150_000);
      assert.equal(await available(), availableBefore);
      assert.equal(await held(), heldBefore + 150_000 - fee);

      const queue = await api.get('/v1/risk/holds', testAdminKey);
      const entry = queue.body.data.find((h: { orderId: string }) => h.orderId === orderId);
      assert.equal(entry.status, 'held');
      assert.deepEqual(entry.decision.reasonCodes, ['password_reset_recent']);
      await ledgerOk();

      const released = await api.post(`/v1/risk/holds/${orderId}/release`, {}, testAdminKey,
        { 'x-actor': 'rita' });
      assert.equal(released.status, 200, JSON.stringify(released.body));
      assert.equal(released.body.status, 'released');
      assert.equal(released.body.resolvedBy, 'rita');
      assert.equal(await available(), availableBefore + 150_000 - fee);
      assert.equal(await held(), heldBefore);
      const again = await api.post(`/v1/risk/holds/${orderId}/release`, {}, testAdminKey);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'risk_hold_resolved');
      await ledgerOk();
    });

    test('hold: a reviewer can refund a held payment instead; the wallet gets it all back',
      async () => {
      later();
      const orderId = await newOrder(120_000);
      const walletBefore = await walletBalance();
      const [availableBefore, heldBefore] = [await available(), await held()];
      assert.equal((await pay(orderId)).status, 200);
      assert.ok((await held()) > heldBefore);
      const refunded = await api.post(`/v1/risk/holds/${orderId}/refund`, {}, testAdminKey);
      assert.equal(refunded.status, 200, JSON.stringify(refunded.body));
      assert.equal(refunded.body.order.status, 'refunded');
      assert.equal(await walletBalance(), walletBefore);
      assert.equal(await held(), heldBefore);
      assert.equal(await available(), availableBefore);
      const queue = await api.get('/v1/risk/holds?status=refunded', testAdminKey);
      assert.ok(queue.body.data.some((h: { orderId: string }) => h.orderId === orderId));
      await ledgerOk();
    });

    test('block: a block-listed wallet gets risk_blocked with its reason and no money moves',
      async () => {
      clock.ms = t0 + 40 * day;
      const add = await api.post('/v1/risk/lists/wallets_blocked/entries', { value: s.walletId,
        note: 'test' }, testAdminKey);
      assert.equal(add.status, 201, JSON.stringify(add.body));
      const orderId = await newOrder(3_850);
      const [walletBefore, availableBefore] = [await walletBalance(), await available()];
      const blocked = await pay(orderId);
      assert.equal(blocked.status, 403, JSON.stringify(blocked.body));
      assert.equal(blocked.body.error.code, 'risk_blocked');
      assert.deepEqual(blocked.body.error.reasonCodes, ['wallet_blocked']);
      assert.equal(await walletBalance(), walletBefore);
      assert.equal(await available(), availableBefore);
      assert.equal((await api.get(`/v1/orders/${orderId}`, s.terminalKey)).body.status, 'pending');
      const decision = await lastDecision(orderId);
      assert.equal(decision.result, 'blocked');
      assert.equal(decision.outcome, 'block');
      await ledgerOk();

      const removed = await platform.app.inject({ method: 'DELETE',
        url: `/v1/risk/lists/wallets_blocked/entries/${s.walletId}`,
        headers: { authorization: `Bearer ${testAdminKey}` } });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.equal((await pay(orderId)).status, 200);
    });

    test('challenge: a large payment needs the password again with the challenge id', async () => {
      later();
      const orderId = await newOrder(1_200_000);
      const first = await pay(orderId);
      assert.equal(first.status, 428, JSON.stringify(first.body));
      assert.equal(first.body.error.code, 'risk_challenge_required');
      assert.ok(first.body.error.reasonCodes.includes('amount_high'));
      const challengeId = first.body.error.challengeId as string;
      assert.match(challengeId, /^chl_/);
      const walletBefore = await walletBalance();
      const wrong = await api.post('/v1/wallet/payments', { orderId, password: '000000',
        challengeId }, s.walletToken);
      assert.equal(wrong.body.error.code, 'wallet_password_invalid');
      const answered = await pay(orderId, s.walletToken, { challengeId });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.equal(await walletBalance(), walletBefore - 1_200_000);
      const decision = await lastDecision(orderId);
      assert.equal(decision.outcome, 'challenge');
      assert.equal(decision.result, 'paid');
      assert.equal(decision.challengeId, challengeId);

      const other = await newOrder(1_200_000);
      const reused = await pay(other, s.walletToken, { challengeId });
      assert.equal(reused.status, 422);
      assert.equal(reused.body.error.code, 'risk_challenge_invalid');
      await ledgerOk();
    });

    test('wrong payment passwords feed the engine: after three, the right one is challenged',
      async () => {
      later();
      const wallet = await freshWallet(100_000);
      const orderId = await newOrder(3_850);
      for (let i = 0; i < 3; i++) {
        const res = await api.post('/v1/wallet/payments', { orderId, password: '000000' },
          wallet.token);
        assert.equal(res.body.error.code, 'wallet_password_invalid');
      }
      const challenged = await pay(orderId, wallet.token);
      assert.equal(challenged.status, 428, JSON.stringify(challenged.body));
      assert.ok(challenged.body.error.reasonCodes.includes('password_failures_recent'));
      const ok = await pay(orderId, wallet.token,
        { challengeId: challenged.body.error.challengeId });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const decision = await lastDecision(orderId);
      assert.equal(decision.context.wallet.failedPasswordAttempts24h, 3);
    });

    test('a shadow rule is evaluated and recorded but does not change the outcome', async () => {
      later();
      const saved = await api.post('/v1/risk/rules', {
        id: 'shadow_probe', name: 'Probe', expression: 'amount >= 3_850', outcome: 'block',
        reasonCode: 'probe', mode: 'shadow',
      }, testAdminKey);
      assert.equal(saved.status, 201, JSON.stringify(saved.body));
      const orderId = await newOrder(3_850);
      const paid = await pay(orderId);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      const decision = await lastDecision(orderId);
      assert.equal(decision.outcome, 'allow');
      assert.deepEqual(decision.shadowMatches.map((m: { id: string }) => m.id), ['shadow_probe']);
      assert.equal(decision.shadowOutcome, 'block');
      const off = await api.post('/v1/risk/rules/shadow_probe/versions/1', { enabled: false },
        testAdminKey);
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.enabled, false);
    });

    test('saving a rule checks it: failures carry the code, the field and the position',
      async () => {
      const cases = [
        ['amount > "x"', 'rule_type_mismatch'],
        ['wallet.balanse > 1', 'rule_attribute_unknown'],
        ['amount >', 'rule_syntax_invalid'],
      ] as const;
      for (const [expression, code] of cases) {
        const res = await api.post('/v1/risk/rules', {
          id: 'bad_rule', name: 'Bad', expression, outcome: 'block', reasonCode: 'bad',
        }, testAdminKey);
        assert.equal(res.status, 422, expression);
        assert.equal(res.body.error.code, code, expression);
        assert.equal(res.body.error.param, 'expression');
        assert.equal(typeof res.body.error.position, 'number');
      }
      const unknown = await api.post('/v1/risk/rules', {
        id: 'bad_rule', name: 'Bad', expression: 'amount > 1', outcome: 'deny', reasonCode: 'bad',
      }, testAdminKey);
      assert.equal(unknown.body.error.code, 'rule_definition_invalid');
      assert.equal(unknown.body.error.param, 'outcome');
      assert.equal((await api.get('/v1/risk/rules/bad_rule', testAdminKey)).status, 404);
    });

    test('a new live version replaces the old one, and the audit trail says who did it',
      async () => {
      const v2 = await api.post('/v1/risk/rules', {
        id: 'amount_high', name: 'Large payment', expression: 'amount > 2_000_000',
        outcome: 'challenge', reasonCode: 'amount_high',
      }, testAdminKey, { 'x-actor': 'alice' });
      assert.equal(v2.status, 201, JSON.stringify(v2.body));
      assert.equal(v2.body.version, 2);
      assert.deepEqual(v2.body.disabledVersions, [1]);
      const versions = (await api.get('/v1/risk/rules/amount_high', testAdminKey)).body.data;
      assert.deepEqual(versions.map((r: { version: number; enabled: boolean }) => [r.version,
        r.enabled]),
        [[1, false], [2, true]]);
      const back = await api.post('/v1/risk/rules/amount_high/versions/1', { enabled: true },
        testAdminKey,
        { 'x-actor': 'bob' });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      const changes = (await api.get('/v1/risk/changes?subject=amount_high',
        testAdminKey)).body.data;
      assert.deepEqual(changes.map((c: { actor: string; action: string }) => [c.actor, c.action]),
        [['bob', 'state_changed'], ['alice', 'version_created']]);
      assert.deepEqual(changes[0].detail.disabledVersions, [2]);
    });

    test('a backtest replays stored decisions: the live set reproduces them, a candidate differs',
      async () => {
      const period = { from: new Date(t0 - day).toISOString(),
        to: new Date(clock.ms + day).toISOString() };
      const same = await api.post('/v1/risk/backtests', { rules: [], ...period }, testAdminKey);
      assert.equal(same.status, 200, JSON.stringify(same.body));
      assert.ok(same.body.decisions >= 8);
      assert.deepEqual(same.body.live, same.body.recorded);
      assert.equal(same.body.differencesTotal, 0);
      const probe = { id: 'block_all', name: 'Everything', expression: 'amount > 0',
        outcome: 'block',
        reasonCode: 'probe' };
      const strict = await api.post('/v1/risk/backtests', { rules: [probe], ...period },
        testAdminKey);
      assert.equal(strict.body.candidate.block, strict.body.decisions);
      assert.equal(strict.body.differencesTotal, strict.body.decisions - strict.body.live.block);
      const bad = await api.post('/v1/risk/backtests', { rules: [{ ...probe,
        expression: 'amount >> 1' }],
        ...period }, testAdminKey);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.param, 'rules[0].expression');
      assert.equal(typeof bad.body.error.position, 'number');
    });

    test('velocity counters stay exact under 50 concurrent payments', async () => {
      clock.ms += 3 * 60 * minute;
      for (const id of ['burst_wallet_1m', 'burst_device_1m', 'device_wallets_1h']) {
        const off = await api.post(`/v1/risk/rules/${id}/versions/1`, { enabled: false },
          testAdminKey);
        assert.equal(off.status, 200, JSON.stringify(off.body));
      }
      // Five wallets (the per-wallet rate limit allows bursts of 40) × ten payments, one device.
      const other = await seedBasics(api, { balance: 0 });
      const wallets: { id: string; token: string }[] = [];
      for (let w = 0; w < 5; w++) wallets.push(await freshWallet(100_000));
      const orders: string[] = [];
      for (let i = 0; i < 51; i++) orders.push(await newOrder(1_000, other.terminalKey));
      const results = await Promise.all(orders.slice(0, 50).map((id, i) =>
        pay(id, wallets[i % 5]!.token, {}, 'dev-50')));
      assert.deepEqual(results.map((r) => r.status), Array(50).fill(200),
        JSON.stringify(results[0]?.body));
      assert.equal((await pay(orders[50]!, wallets[0]!.token, {}, 'dev-50')).status, 200);
      const { context } = await lastDecision(orders[50]!);
      const fifty = { count: 50, sumMinor: 50_000 };
      const ten = { count: 10, sumMinor: 10_000 };
      for (const [v, want] of [[context.device.payments, fifty], [context.merchant.payments, fifty],
        [context.wallet.payments, ten], [context.walletMerchant.payments, ten]] as const) {
        assert.deepEqual([v.last1m, v.last1h, v.last24h], [want, want, want]);
      }
      assert.equal(context.device.distinctWallets1h, 5);
      assert.equal(context.walletDevice.known, true);
      await ledgerOk();
    });
  });
}
