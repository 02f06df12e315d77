import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyStoredLedger } from '../../src/app/verify-ledger.ts';
import { walletTopUpAmountMinorMax } from '../../src/lib/limits.ts';
import { apiClient, seedBasics, type Api } from '../support/api.ts';
import { startTestPlatform, storeKinds, testAdminKey, type TestPlatform } from '../support/platform.ts';

for (const kind of storeKinds()) {
  describe(`catalog over HTTP (${kind})`, () => {
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;
    let other: Awaited<ReturnType<typeof seedBasics>>;
    const add = (body: unknown, merchantId = s.merchantId) =>
      api.post(`/v1/merchants/${merchantId}/catalog`, body, testAdminKey);

    before(async () => {
      platform = await startTestPlatform(kind);
      api = apiClient(platform.app);
      s = await seedBasics(api, { balance: 0 });
      other = await seedBasics(api, { balance: 0 });
    });
    after(async () => platform.destroy());

    test('the operator adds items, the merchant terminal reads them in grid order', async () => {
      const latte = await add({ name: ' Latte ', price: 2800, position: 1 });
      assert.equal(latte.status, 201, JSON.stringify(latte.body));
      assert.equal(latte.body.name, 'Latte');
      assert.equal(latte.body.price, 2800);
      assert.equal(latte.body.currency, 'CNY');
      assert.equal(latte.body.status, 'active');
      const bagel = await add({ name: '贝果 Bagel', price: 1650 });
      assert.equal(bagel.status, 201);
      const first = await add({ name: 'Water', price: 500, position: 0 });
      assert.equal(first.status, 201);

      const seen = await api.get('/v1/terminals/me/catalog', s.terminalKey);
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.data.map((i: { name: string }) => i.name), ['Water', 'Latte', '贝果 Bagel']);
      const listed = await api.get(`/v1/merchants/${s.merchantId}/catalog`, testAdminKey);
      assert.deepEqual(listed.body.data.map((i: { id: string }) => i.id), seen.body.data.map((i: { id: string }) => i.id));
    });

    test('an archived item leaves the grid; archiving it again answers catalog_item_archived', async () => {
      const cookie = await add({ name: 'Cookie', price: 900 });
      const path = `/v1/merchants/${s.merchantId}/catalog/${cookie.body.id}/archive`;
      const archived = await api.post(path, {}, testAdminKey);
      assert.equal(archived.status, 200);
      assert.equal(archived.body.status, 'archived');
      const seen = await api.get('/v1/terminals/me/catalog', s.terminalKey);
      assert.equal(seen.body.data.some((i: { id: string }) => i.id === cookie.body.id), false);
      const again = await api.post(path, {}, testAdminKey);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'catalog_item_archived');
      const missing = await api.post(`/v1/merchants/${s.merchantId}/catalog/itm_nope/archive`, {}, testAdminKey);
      assert.equal(missing.body.error.code, 'catalog_item_not_found');
      // another merchant's item is not found through this merchant
      const theirs = await add({ name: 'Tea', price: 1200 }, other.merchantId);
      const cross = await api.post(`/v1/merchants/${s.merchantId}/catalog/${theirs.body.id}/archive`, {}, testAdminKey);
      assert.equal(cross.status, 404);
      assert.equal(cross.body.error.code, 'catalog_item_not_found');
    });

    test("another merchant's terminal sees only its own catalog, never this one", async () => {
      const mine = (await api.get('/v1/terminals/me/catalog', s.terminalKey)).body.data;
      const theirs = await api.get('/v1/terminals/me/catalog', other.terminalKey);
      assert.equal(theirs.status, 200);
      const names = theirs.body.data.map((i: { name: string }) => i.name);
      assert.deepEqual(names, ['Tea']);
      const mineIds = new Set(mine.map((i: { id: string }) => i.id));
      assert.equal(theirs.body.data.some((i: { id: string }) => mineIds.has(i.id)), false);
    });

    test('only the operator manages a catalog; only a terminal reads /terminals/me/catalog', async () => {
      const byTerminal = await api.post(`/v1/merchants/${s.merchantId}/catalog`, { name: 'X', price: 1 }, s.terminalKey);
      assert.equal(byTerminal.status, 403);
      const byWallet = await api.get('/v1/terminals/me/catalog', s.walletToken);
      assert.equal(byWallet.status, 403);
      const anonymous = await api.get(`/v1/merchants/${s.merchantId}/catalog`);
      assert.equal(anonymous.status, 401);
      const unknown = await api.get('/v1/merchants/mer_nope/catalog', testAdminKey);
      assert.equal(unknown.body.error.code, 'merchant_not_found');
    });

    test('bad prices are refused with catalog_item_price_invalid and nothing is added', async () => {
      const before = (await api.get('/v1/terminals/me/catalog', s.terminalKey)).body.data.length;
      for (const price of [0, -100, 12.5, '1200', null, 10_000_001, Number.MAX_SAFE_INTEGER + 2]) {
        const res = await add({ name: 'Bad', price });
        assert.equal(res.status, 422, `price ${String(price)}`);
        assert.equal(res.body.error.code, 'catalog_item_price_invalid', `price ${String(price)}`);
        assert.equal(res.body.error.param, 'price');
      }
      for (const name of ['', '   ', 'x'.repeat(41), 'tab\there']) {
        const res = await add({ name, price: 100 });
        assert.equal(res.body.error.code, 'catalog_item_name_invalid', JSON.stringify(name));
      }
      const missing = await add({ name: 'No price' });
      assert.equal(missing.body.error.code, 'request_field_missing');
      const after = (await api.get('/v1/terminals/me/catalog', s.terminalKey)).body.data.length;
      assert.equal(after, before);
    });

    test('a cart becomes one order: the total as amount, the summary as description', async () => {
      const items = (await api.get('/v1/terminals/me/catalog', s.terminalKey)).body.data;
      const latte = items.find((i: { name: string }) => i.name === 'Latte');
      const total = 2 * latte.price;
      const res = await api.post('/v1/orders', {
        amount: total, currency: 'CNY', outTradeNo: 'CART-1', description: 'T12 · 2×Latte · no sugar',
      }, s.terminalKey);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.amount, 5600);
      assert.equal(res.body.description, 'T12 · 2×Latte · no sugar');
    });

    test('demo top-ups are refused with wallet_top_up_disabled when the platform is not a demo', async () => {
      const policy = await api.get('/v1/wallets/me/top-up-policy', s.walletToken);
      assert.equal(policy.body.enabled, false);
      const res = await api.post('/v1/wallets/me/top-ups', { amount: 1000, currency: 'CNY' }, s.walletToken);
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'wallet_top_up_disabled');
      assert.equal((await api.get('/v1/wallets/me', s.walletToken)).body.balance, 0);
    });
  });

  describe(`demo top-ups (${kind})`, () => {
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;

    before(async () => {
      platform = await startTestPlatform(kind, { demoTopUps: true });
      api = apiClient(platform.app);
      s = await seedBasics(api, { balance: 0 });
    });
    after(async () => platform.destroy());

    test('a wallet tops itself up through the ledger, up to the cap per call', async () => {
      const policy = await api.get('/v1/wallets/me/top-up-policy', s.walletToken);
      assert.deepEqual(policy.body, { object: 'top_up_policy', enabled: true, amountMax: walletTopUpAmountMinorMax });
      const res = await api.post('/v1/wallets/me/top-ups', { amount: 20_000, currency: 'CNY' }, s.walletToken);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.balance, 20_000);
      const max = await api.post('/v1/wallets/me/top-ups', { amount: walletTopUpAmountMinorMax, currency: 'CNY' }, s.walletToken);
      assert.equal(max.body.balance, 20_000 + walletTopUpAmountMinorMax);

      const over = await api.post('/v1/wallets/me/top-ups', { amount: walletTopUpAmountMinorMax + 1, currency: 'CNY' }, s.walletToken);
      assert.equal(over.status, 422);
      assert.equal(over.body.error.code, 'wallet_top_up_amount_exceeded');
      const zero = await api.post('/v1/wallets/me/top-ups', { amount: 0, currency: 'CNY' }, s.walletToken);
      assert.equal(zero.body.error.code, 'amount_invalid');
      const foreign = await api.post('/v1/wallets/me/top-ups', { amount: 100, currency: 'JPY' }, s.walletToken);
      assert.equal(foreign.body.error.code, 'wallet_currency_mismatch');
      const byTerminal = await api.post('/v1/wallets/me/top-ups', { amount: 100, currency: 'CNY' }, s.terminalKey);
      assert.equal(byTerminal.status, 403);

      assert.equal((await api.get('/v1/wallets/me', s.walletToken)).body.balance, 20_000 + walletTopUpAmountMinorMax);
      const ledger = await verifyStoredLedger(platform.deps.store);
      assert.deepEqual(ledger.problems, []);
    });
  });
}
