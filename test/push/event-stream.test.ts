import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiClient, type seedBasics, type Api } from '../support/api.ts';
import { startTestPlatform, storeKinds, uniqueSchema, dropSchema, type TestPlatform } from '../support/platform.ts';
import { openStream, seedRetrying } from './sse-client.ts';

for (const kind of storeKinds()) {
  describe(`event stream to terminals (${kind})`, () => {
    let platform: TestPlatform;
    let api: Api;
    let s: Awaited<ReturnType<typeof seedBasics>>;
    let n = 0;
    const newOrder = async (extra: Record<string, unknown> = {}) => {
      n += 1;
      const res = await api.post('/v1/orders', { amount: 100 + n, currency: 'CNY', outTradeNo: `S-${n}`, ...extra }, s.terminalKey);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const pay = async (orderId: string) => {
      const res = await api.post('/v1/wallet/payments', { orderId, password: s.password }, s.walletToken);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };

    before(async () => {
      platform = await startTestPlatform(kind, { expiryIntervalMs: 100 });
      api = apiClient(platform.app);
      s = await seedRetrying(api);
    });
    after(async () => platform.destroy());

    test('a terminal sees its order paid on the stream within a second of the payment', async () => {
      const stream = openStream(platform.url, s.terminalKey);
      await stream.ready;
      assert.equal(stream.status, 200);
      const order = await newOrder();
      const paidAt = Date.now();
      await pay(order.id);
      await stream.until(() => stream.messages.some((m) => m.event === 'order.paid'), 1000, 'order.paid');
      const latencyMs = Date.now() - paidAt;
      const paid = stream.messages.find((m) => m.event === 'order.paid');
      assert.equal(paid?.data.data.order.id, order.id);
      assert.equal(paid?.data.data.order.status, 'paid');
      assert.equal(paid?.id, String(paid?.data.sequence));
      console.log(`# ${kind}: order.paid reached the stream ${latencyMs} ms after the payment answer`);
      stream.close();
    });

    test('a reconnect with an old Last-Event-ID gets exactly the missed events, then live ones', async () => {
      const first = openStream(platform.url, s.terminalKey);
      await first.ready;
      const a = await newOrder();
      await first.until(() => first.messages.some((m) => m.data.data.order.id === a.id), 2000);
      const lastSeen = Number(first.messages[first.messages.length - 1]?.id);
      first.close();
      const missed = [await newOrder(), await newOrder()];
      await pay(missed[0].id);
      const second = openStream(platform.url, s.terminalKey, lastSeen);
      await second.ready;
      await second.until(() => second.messages.length >= 3, 2000, 'replay');
      assert.deepEqual(
        second.messages.map((m) => [m.event, m.data.data.order.id]),
        [['order.created', missed[0].id], ['order.created', missed[1].id], ['order.paid', missed[0].id]],
      );
      const ids = second.messages.map((m) => Number(m.id));
      assert.ok(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0)), 'in sequence order');
      assert.ok((ids[0] ?? 0) > lastSeen);
      const live = await newOrder();
      await second.until(() => second.messages.some((m) => m.data.data.order.id === live.id), 1000);
      second.close();
    });

    test('an unpaid order expires on time and the terminal is told without polling', async () => {
      const stream = openStream(platform.url, s.terminalKey);
      await stream.ready;
      const order = await newOrder({ expiresInSeconds: 30 });
      // Jump the deadline: make the order overdue in the store, as if 30 s had passed.
      const expired = () => stream.messages.find((m) => m.event === 'order.expired');
      await expireSoon(platform, order.id);
      await stream.until(() => expired() !== undefined, 3000, 'order.expired');
      assert.equal(expired()?.data.data.order.id, order.id);
      stream.close();
    });

    test('another terminal of the merchant does not see these orders', async () => {
      const other = await api.post(`/v1/merchants/${s.merchantId}/terminals`, { name: 'Till 2' }, process.env['X'] ?? 'qrp_admin_test-operator-key-0123456789');
      assert.equal(other.status, 201);
      const stream = openStream(platform.url, other.body.apiKey);
      await stream.ready;
      const mine = openStream(platform.url, s.terminalKey);
      await mine.ready;
      const order = await newOrder();
      await mine.until(() => mine.messages.some((m) => m.data.data.order.id === order.id), 2000);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(stream.messages.length, 0);
      stream.close();
      mine.close();
    });

    test('a terminal opening one stream more than allowed closes its oldest stream', async () => {
      const streams: ReturnType<typeof openStream>[] = [];
      for (let i = 0; i < 5; i++) {
        const st = openStream(platform.url, s.terminalKey);
        await st.ready;
        streams.push(st);
      }
      await streams[0]?.until(() => streams[0]?.ended === true, 2000, 'oldest stream closed');
      assert.equal(streams[4]?.ended, false);
      for (const st of streams) st.close();
    });

    test('the event feed pages by sequence; a merchant key sees every terminal', async () => {
      const key = await api.post(`/v1/merchants/${s.merchantId}/api-keys`, { name: 'erp' }, 'qrp_admin_test-operator-key-0123456789');
      assert.equal(key.status, 201);
      const page1 = await api.get('/v1/events?limit=2', key.body.apiKey);
      assert.equal(page1.status, 200, JSON.stringify(page1.body));
      assert.equal(page1.body.data.length, 2);
      assert.equal(page1.body.hasMore, true);
      const page2 = await api.get(`/v1/events?limit=2&after=${page1.body.nextCursor}`, key.body.apiKey);
      assert.equal(page2.body.data[0].sequence, page1.body.data[1].sequence + 1);
      const byTerminal = await api.get('/v1/events?limit=100', s.terminalKey);
      assert.ok(byTerminal.body.data.every((e: any) => e.data.order.terminalId === s.terminalId));
    });
  });
}

/** Moves the order's deadline into the past (the expiry job then finds it). */
async function expireSoon(platform: TestPlatform, orderId: string) {
  await platform.deps.store.write(async (tx) => {
    const db = (tx as unknown as { db: { run(sql: string, p: unknown[]): Promise<number> } }).db;
    await db.run('UPDATE orders SET expires_at_ms = ? WHERE id = ?', [Date.now() - 1000, orderId]);
  });
}

for (const kind of storeKinds()) {
  test(`restarting the platform mid-stream loses no event (${kind})`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-restart-'));
    const pgSchema = kind === 'postgres' ? uniqueSchema() : undefined;
    const extra = { dataDir, ...(pgSchema ? { pgSchema } : {}) };
    let platform = await startTestPlatform(kind, extra);
    try {
      let api = apiClient(platform.app);
      const s = await seedRetrying(api);
      const stream = openStream(platform.url, s.terminalKey);
      await stream.ready;
      const o1 = await api.post('/v1/orders', { amount: 100, currency: 'CNY', outTradeNo: 'R-1' }, s.terminalKey);
      await stream.until(() => stream.messages.length === 1, 2000);
      const lastSeen = Number(stream.messages[0]?.id);
      // Committed just before the shutdown: the stream may or may not have carried them.
      await api.post('/v1/wallet/payments', { orderId: o1.body.id, password: s.password }, s.walletToken);
      await api.post('/v1/orders', { amount: 101, currency: 'CNY', outTradeNo: 'R-2' }, s.terminalKey);
      await platform.close();
      await stream.until(() => stream.ended, 3000, 'stream ended by shutdown');
      platform = await startTestPlatform(kind, extra);
      api = apiClient(platform.app);
      await api.post('/v1/orders', { amount: 102, currency: 'CNY', outTradeNo: 'R-3' }, s.terminalKey);
      const again = openStream(platform.url, s.terminalKey, lastSeen);
      await again.ready;
      await again.until(() => again.messages.length >= 3, 3000, 'replay after restart');
      const seqs = again.messages.map((m) => Number(m.id));
      assert.deepEqual(seqs, [lastSeen + 1, lastSeen + 2, lastSeen + 3]);
      assert.deepEqual(again.messages.map((m) => m.event), ['order.paid', 'order.created', 'order.created']);
      again.close();
    } finally {
      await platform.close();
      if (pgSchema) await dropSchema(pgSchema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
