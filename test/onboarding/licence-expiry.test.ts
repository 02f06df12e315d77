import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chinaIsoDate } from '../../src/app/onboarding/dates.ts';
import { startTestPlatform, storeKinds, testAdminKey,
  type TestPlatform } from '../support/platform.ts';
import { businessFields, onboardingApi, type OnboardingApi } from './helpers.ts';

const dayMs = 24 * 60 * 60 * 1000;

for (const kind of storeKinds()) {
  describe(`onboarding: licence expiry (${kind})`, () => {
    let platform: TestPlatform;
    let api: OnboardingApi;
    let clock: { nowMs: () => number };
    let realNow: () => number;

    before(async () => {
      platform = await startTestPlatform(kind);
      api = onboardingApi(platform.app);
      clock = platform.deps.clock as { nowMs: () => number };
      realNow = clock.nowMs;
    });
    after(async () => {
      clock.nowMs = realNow;
      await platform.destroy();
    });

    const shift = (days: number) => {
      clock.nowMs = () => realNow() + days * dayMs;
    };
    const runJob = () => api.post('/v1/review/licence-checks', {}, testAdminKey);

    test('an operator suspends and reinstates a merchant; orders follow its status', async () => {
      const { who, id } = await api.submitted('business', businessFields());
      await api.approve(id);
      const terminal = await api.post(`/v1/applications/${id}/terminals`, {}, who.token);
      const suspend = await api.post(`/v1/review/applications/${id}/suspend`,
        { reason: 'complaints' }, testAdminKey);
      assert.equal(suspend.body.state, 'suspended');
      const refused = await api.post('/v1/orders', { amount: 100, currency: 'CNY',
        outTradeNo: 'S-1' }, terminal.body.apiKey);
      assert.equal(refused.body.error.code, 'merchant_not_approved');
      const back = await api.post(`/v1/review/applications/${id}/reinstate`,
        { reason: 'resolved' }, testAdminKey);
      assert.equal(back.body.state, 'approved');
      const ok = await api.post('/v1/orders', { amount: 100, currency: 'CNY', outTradeNo: 'S-2' },
        terminal.body.apiKey);
      assert.equal(ok.status, 201);
    });

    // Runs last: the clock only moves forward from here (rate-limit windows follow it).
    test('the daily job warns 30 days ahead, then suspends the merchant once the licence ends',
      async () => {
      const validTo = chinaIsoDate(realNow(), 60);
      const { who, id } = await api.submitted('business',
        businessFields({ licenceValidTo: validTo }));
      const approved = await api.approve(id);
      const terminal = await api.post(`/v1/applications/${id}/terminals`, {}, who.token);
      const key = terminal.body.apiKey as string;

      shift(10);
      assert.deepEqual((await runJob()).body, { suspended: [], warned: [] },
        'nothing 50 days ahead');
      shift(35);
      const warned = await runJob();
      assert.deepEqual(warned.body, { suspended: [], warned: [id] });
      assert.deepEqual((await runJob()).body.warned, [], 'a warning is recorded once');
      const notices = (await api.get(`/v1/applications/${id}`, testAdminKey)).body.notices;
      assert.deepEqual(notices.map((x: { kind: string }) => x.kind), ['expiring']);
      const stillOpen = await api.post('/v1/orders', { amount: 100, currency: 'CNY',
        outTradeNo: 'L-1' }, key);
      assert.equal(stillOpen.status, 201);

      shift(60);
      assert.deepEqual((await runJob()).body.suspended, [], 'valid through its last day');
      shift(61);
      const suspended = await runJob();
      assert.deepEqual(suspended.body.suspended, [id]);
      const merchant = await api.get(`/v1/merchants/${approved.merchantId}`, testAdminKey);
      assert.equal(merchant.body.status, 'suspended');
      const refused = await api.post('/v1/orders', { amount: 100, currency: 'CNY',
        outTradeNo: 'L-2' }, key);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'merchant_not_approved');

      const history = (await api.get(`/v1/applications/${id}/history`, testAdminKey)).body.data;
      assert.deepEqual(history.at(-1), { ...history.at(-1), from: 'approved', to: 'suspended',
        actor: 'system:licence-job', reason: 'licence_expired' });
      const reinstate = await api.post(`/v1/review/applications/${id}/reinstate`,
        { reason: 'renewed?' }, testAdminKey);
      assert.equal(reinstate.body.error.code, 'application_licence_expired');
    });
  });
}
