import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUrlGuard } from '../../src/push/address-guard.ts';
import { apiClient, type Api, type seedBasics } from '../support/api.ts';
import { startTestPlatform, storeKinds, testAdminKey, type TestPlatform } from '../support/platform.ts';
import { seedRetrying } from '../push/sse-client.ts';
import { fastWebhooks, startReceiver, waitFor } from './receiver.ts';

for (const kind of storeKinds()) {
  describe(`webhooks and merchant API keys (${kind})`, () => {
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;
    let merchantKey: string;
    let n = 0;
    const newOrder = async () => {
      n += 1;
      const res = await api.post('/v1/orders', { amount: 200 + n, currency: 'CNY', outTradeNo: `W-${n}` }, s.terminalKey);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const pay = async (orderId: string) => {
      const res = await api.post('/v1/wallet/payments', { orderId, password: s.password }, s.walletToken);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };

    before(async () => {
      platform = await startTestPlatform(kind, fastWebhooks);
      api = apiClient(platform.app);
      s = await seedRetrying(api);
      const key = await api.post(`/v1/merchants/${s.merchantId}/api-keys`, { name: 'ERP' }, testAdminKey);
      assert.equal(key.status, 201, JSON.stringify(key.body));
      assert.match(key.body.apiKey, /^qrp_mer_/);
      merchantKey = key.body.apiKey;
    });
    after(async () => platform.destroy());

    test('a receiver that is down, answers 500, then hangs gets every event once it recovers', async () => {
      const receiver = await startReceiver();
      try {
        const created = await api.post('/v1/webhook-endpoints', { url: receiver.url, events: ['*'] }, merchantKey);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.match(created.body.secret, /^whsec_/);
        receiver.setSecret(created.body.secret);
        const listed = await api.get('/v1/webhook-endpoints', merchantKey);
        assert.equal(listed.body.data.length, 1);
        assert.equal(JSON.stringify(listed.body).includes(created.body.secret), false);

        receiver.setMode('down');
        const a = await newOrder();
        const b = await newOrder();
        await pay(a.id);
        const deliveries = async () =>
          (await api.get(`/v1/webhook-endpoints/${created.body.id}/deliveries?limit=100`, merchantKey)).body.data;
        const errorsSeen = async (pattern: RegExp) =>
          (await deliveries()).some((d: any) => d.attemptLog.some((x: any) => pattern.test(String(x.error ?? x.statusCode))));
        await waitFor(() => errorsSeen(/ECONNRESET|socket|EPIPE/), 5000, 'network errors logged');
        receiver.setMode('error500');
        await waitFor(() => errorsSeen(/^500$/), 5000, '500 logged');
        receiver.setMode('hang');
        await waitFor(() => errorsSeen(/^timeout$/), 5000, 'timeout logged');
        receiver.setMode('ok');
        await waitFor(() => receiver.okEventIds().size >= 3, 8000, 'all events');
        const okPosts = receiver.posts.filter((p) => p.status === 200);
        const events = new Map(okPosts.map((p) => [p.eventId, JSON.parse(p.body)]));
        const types = [...events.values()].map((e) => `${e.type}:${e.data.order.id}`).sort();
        assert.deepEqual(types, [`order.created:${a.id}`, `order.created:${b.id}`, `order.paid:${a.id}`].sort());
        assert.equal(okPosts.length, 3, 'each event is acknowledged once');
        await waitFor(async () => (await deliveries()).every((d: any) => d.state === 'succeeded'), 3000, 'states');
        assert.ok(receiver.posts.every((p) => p.signatureOk), 'every POST is signed');
        const log = await deliveries();
        assert.ok(log.every((d: any) => d.state === 'succeeded'), JSON.stringify(log.map((d: any) => d.state)));
        const attempt = log[0].attemptLog.at(-1);
        assert.equal(attempt.statusCode, 200);
        assert.equal(attempt.responseExcerpt, 'ok');
        assert.equal(typeof attempt.latencyMs, 'number');
        await api.raw('POST', `/v1/webhook-endpoints/${created.body.id}/disable`, { key: merchantKey, body: {} });
      } finally {
        await receiver.close();
      }
    });

    test('a 4xx answer is not retried; redelivery sends the event again', async () => {
      const receiver = await startReceiver();
      try {
        const created = await api.post('/v1/webhook-endpoints', { url: receiver.url, events: ['order.created'] }, merchantKey);
        receiver.setSecret(created.body.secret);
        receiver.setMode('reject400');
        await newOrder();
        const deliveries = async () =>
          (await api.get(`/v1/webhook-endpoints/${created.body.id}/deliveries`, merchantKey)).body.data;
        await waitFor(async () => (await deliveries())[0]?.state === 'failed', 5000, 'failed delivery');
        await new Promise((r) => setTimeout(r, 400));
        const [failed] = await deliveries();
        assert.equal(failed.attempts, 1);
        assert.equal(failed.attemptLog[0].statusCode, 400);
        receiver.setMode('ok');
        const again = await api.post(`/v1/events/${failed.eventId}/redeliver`, { endpointId: created.body.id }, merchantKey);
        assert.equal(again.status, 202, JSON.stringify(again.body));
        await waitFor(async () => (await deliveries())[0]?.state === 'succeeded', 5000, 'redelivered');
        const del = await platform.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${created.body.id}`, headers: { authorization: `Bearer ${merchantKey}` } });
        assert.equal(del.statusCode, 200);
        const gone = await api.get(`/v1/webhook-endpoints/${created.body.id}`, merchantKey);
        assert.equal(gone.body.error.code, 'webhook_endpoint_not_found');
      } finally {
        await receiver.close();
      }
    });

    test('a merchant key reads, closes and refunds its own orders only, until revoked', async () => {
      const order = await newOrder();
      const read = await api.get(`/v1/orders/${order.id}`, merchantKey);
      assert.equal(read.status, 200);
      const list = await api.get('/v1/orders?limit=100', merchantKey);
      assert.ok(list.body.data.every((o: any) => o.merchantId === s.merchantId));
      const closed = await api.post(`/v1/orders/${order.id}/close`, {}, merchantKey);
      assert.equal(closed.body.status, 'closed');
      const paid = await newOrder();
      await pay(paid.id);
      const refund = await api.post(`/v1/orders/${paid.id}/refunds`, { amount: 10, outRefundNo: 'RF-1' }, merchantKey);
      assert.equal(refund.status, 201, JSON.stringify(refund.body));

      const other = await seedRetrying(api);
      const otherOrder = await api.post('/v1/orders', { amount: 100, currency: 'CNY', outTradeNo: 'X-1' }, other.terminalKey);
      const foreign = await api.get(`/v1/orders/${otherOrder.body.id}`, merchantKey);
      assert.equal(foreign.body.error.code, 'order_not_found');
      const notMine = await api.post('/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/x', events: ['*'], merchantId: other.merchantId }, merchantKey);
      assert.equal(notMine.body.error.code, 'auth_forbidden');

      const keys = await api.get(`/v1/merchants/${s.merchantId}/api-keys`, testAdminKey);
      const keyId = keys.body.data[0].id;
      const spare = await api.post(`/v1/merchants/${s.merchantId}/api-keys`, {}, testAdminKey);
      const revoked = await api.post(`/v1/merchants/${s.merchantId}/api-keys/${spare.body.id}/revoke`, {}, testAdminKey);
      assert.equal(revoked.body.status, 'revoked');
      const denied = await api.get('/v1/orders', spare.body.apiKey);
      assert.equal(denied.status, 401);
      assert.equal(denied.body.error.code, 'merchant_api_key_revoked');
      assert.ok(keyId);
    });

    test('the operator registers an endpoint by naming the merchant; bad URLs and types fail', async () => {
      const ok = await api.post('/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/op', events: ['order.paid'], merchantId: s.merchantId }, testAdminKey);
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      const noMerchant = await api.post('/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/op', events: ['order.paid'] }, testAdminKey);
      assert.equal(noMerchant.body.error.code, 'request_field_missing');
      const ftp = await api.post('/v1/webhook-endpoints', { url: 'ftp://example.com/x', events: ['*'] }, merchantKey);
      assert.equal(ftp.body.error.code, 'webhook_url_invalid');
      const type = await api.post('/v1/webhook-endpoints', { url: 'https://example.com/x', events: ['order.eaten'] }, merchantKey);
      assert.equal(type.body.error.code, 'webhook_event_type_invalid');
      await platform.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${ok.body.id}`, headers: { authorization: `Bearer ${testAdminKey}` } });
    });
  });
}

test('without QRPAY_ALLOW_PRIVATE_WEBHOOKS, loopback and private hosts are refused', async () => {
  const guard = createUrlGuard(false);
  for (const url of ['http://127.0.0.1/x', 'http://localhost:8080/x', 'http://[::1]/x', 'http://10.0.0.5/x', 'http://169.254.169.254/latest']) {
    await assert.rejects(guard(new URL(url)), (e: any) => e.code === 'webhook_url_forbidden', url);
  }
});
