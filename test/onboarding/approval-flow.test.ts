import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, storeKinds, testAdminKey,
  type TestPlatform } from '../support/platform.ts';
import { businessFields, microFields, onboardingApi, valid,
  type OnboardingApi } from './helpers.ts';

for (const kind of storeKinds()) {
  describe(`onboarding: apply, review, approve, pay (${kind})`, () => {
    let platform: TestPlatform;
    let api: OnboardingApi;
    let n = 0;

    before(async () => {
      platform = await startTestPlatform(kind);
      api = onboardingApi(platform.app);
    });
    after(async () => platform.destroy());

    async function wallet(balance: number) {
      const w = await api.post('/v1/wallets', { password: '135790' });
      await api.post(`/v1/wallets/${w.body.id}/top-ups`, { amount: balance, currency: 'CNY' },
        testAdminKey);
      return w.body.token as string;
    }
    async function order(terminalKey: string, amount: number) {
      n += 1;
      return api.post('/v1/orders', { amount, currency: 'CNY', outTradeNo: `OB-${n}` },
        terminalKey);
    }
    async function pay(walletToken: string, orderId: string) {
      return api.post('/v1/wallet/payments', { orderId, password: '135790' }, walletToken);
    }

    test('an approved business application becomes a merchant whose till takes a payment', async () => {
      const { who, id } = await api.submitted('business', businessFields());
      const queue = await api.get('/v1/review/applications?state=submitted', testAdminKey);
      assert.equal(queue.status, 200);
      const listed = queue.body.data.find((a: { id: string }) => a.id === id);
      assert.equal(listed.fields.legalRepIdNumber, '110105********002X', 'the queue masks the ID');
      const mine = await api.get(`/v1/applications/${id}`, who.token);
      assert.equal(mine.body.state, 'submitted');
      assert.equal(mine.body.fields.settlementCardNumber, '****0128');

      const token = await api.claim(id);
      const casePage = await api.get(`/v1/review/applications/${id}`, testAdminKey);
      assert.equal(casePage.body.fields.legalRepIdNumber, valid.idNumber, 'reviewers see it whole');
      assert.equal(casePage.body.checks.uscc.valid, true);
      assert.equal(casePage.body.checks.legalRepIdNumber.facts.birthDate, '1949-12-31');
      assert.equal(casePage.body.documents.length, 4);

      const approved = await api.post(`/v1/review/applications/${id}/approve`,
        { claimToken: token }, testAdminKey);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.state, 'approved');
      const seen = await api.get(`/v1/applications/${id}`, who.token);
      const merchantId = seen.body.merchantId as string;
      assert.match(merchantId, /^mer_/);
      const merchant = await api.get(`/v1/merchants/${merchantId}`, testAdminKey);
      assert.equal(merchant.body.status, 'approved');
      assert.equal(merchant.body.tier, 'standard');
      assert.equal(merchant.body.legalName, '福州示例贸易有限公司');

      const terminal = await api.post(`/v1/applications/${id}/terminals`, { name: 'Till 1' },
        who.token);
      assert.equal(terminal.status, 201, JSON.stringify(terminal.body));
      const created = await order(terminal.body.apiKey, 3850);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const paid = await pay(await wallet(10_000), created.body.id);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      assert.equal(paid.body.status, 'paid');

      const history = await api.get(`/v1/applications/${id}/history`, who.token);
      assert.deepEqual(history.body.data.map((h: { to: string }) => h.to), ['draft', 'submitted',
        'in_review', 'approved']);
      assert.equal(history.body.data[3].actor, 'reviewer:li.reviewer');
    });

    test('another applicant cannot see the application, its documents or create its terminals',
      async () => {
      const { id } = await api.submitted('business', businessFields());
      const stranger = await api.applicant();
      for (const url of [`/v1/applications/${id}`, `/v1/applications/${id}/documents/licence`]) {
        const r = await api.get(url, stranger.token);
        assert.equal(r.status, 404);
        assert.equal(r.body.error.code, 'application_not_found');
      }
      const t = await api.post(`/v1/applications/${id}/terminals`, {}, stranger.token);
      assert.equal(t.body.error.code, 'application_not_found');
    });

    test('a micro merchant is refused above its per-payment and daily limits', async () => {
      const { who, id } = await api.submitted('micro', microFields());
      const approved = await api.approve(id);
      const merchant = await api.get(`/v1/merchants/${approved.merchantId}`, testAdminKey);
      assert.equal(merchant.body.tier, 'micro');
      assert.equal(merchant.body.legalName, '张三');
      const terminal = await api.post(`/v1/applications/${id}/terminals`, {}, who.token);
      const key = terminal.body.apiKey as string;

      const tooBig = await order(key, 50_001);
      assert.equal(tooBig.status, 422);
      assert.equal(tooBig.body.error.code, 'micro_merchant_payment_limit_exceeded');
      assert.equal(tooBig.body.error.param, 'amount');

      // One wallet per payment, so the risk engine's burst rule stays out of the way.
      for (let i = 0; i < 4; i += 1) {
        const o = await order(key, 50_000);
        const p = await pay(await wallet(60_000), o.body.id);
        assert.equal(p.status, 200, JSON.stringify(p.body));
      }
      const fifth = await order(key, 100);
      assert.equal(fifth.status, 201);
      const refused = await pay(await wallet(1_000), fifth.body.id);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'micro_merchant_daily_limit_exceeded');
      const still = await api.get(`/v1/orders/${fifth.body.id}`, key);
      assert.equal(still.body.status, 'pending', 'nothing was charged');
    });
  });
}
