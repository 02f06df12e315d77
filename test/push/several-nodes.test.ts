import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { apiClient } from '../support/api.ts';
import { dropSchema, startTestPlatform, storeKinds, testAdminKey, uniqueSchema } from '../support/platform.ts';
import { fastWebhooks, startReceiver, waitFor } from '../webhooks/receiver.ts';
import { openStream, seedRetrying } from './sse-client.ts';

const postgres = storeKinds().includes('postgres');

// Runs in the PostgreSQL suite (npm run test:pg); there is nothing to test on the embedded store.
if (postgres) test('two nodes on one PostgreSQL: stream, webhooks and expiry each happen once', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-nodes-'));
  const pgSchema = uniqueSchema();
  const shared = { dataDir, pgSchema, ...fastWebhooks, expiryIntervalMs: 100 };
  const nodeA = await startTestPlatform('postgres', shared);
  const nodeB = await startTestPlatform('postgres', shared);
  const receiver = await startReceiver();
  try {
    const apiA = apiClient(nodeA.app);
    const apiB = apiClient(nodeB.app);
    const s = await seedRetrying(apiA);
    const key = await apiB.post(`/v1/merchants/${s.merchantId}/api-keys`, {}, testAdminKey);
    const endpoint = await apiA.post('/v1/webhook-endpoints', { url: receiver.url, events: ['*'] }, key.body.apiKey);
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    receiver.setSecret(endpoint.body.secret);

    const stream = openStream(nodeA.url, s.terminalKey);
    await stream.ready;
    const latencies: number[] = [];
    const orders: string[] = [];
    for (let i = 0; i < 2; i++) {
      const order = await apiB.post('/v1/orders', { amount: 300 + i, currency: 'CNY', outTradeNo: `N-${i}` }, s.terminalKey);
      orders.push(order.body.id);
      const started = Date.now();
      const paid = await apiB.post('/v1/wallet/payments', { orderId: order.body.id, password: s.password }, s.walletToken);
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      await stream.until(() => stream.messages.some((m) => m.event === 'order.paid' && m.data.data.order.id === order.body.id), 1000, 'paid on node A');
      latencies.push(Date.now() - started);
    }
    console.log(`# payment on node B → stream on node A: ${latencies.join(', ')} ms`);

    // Expiry: both nodes run the job; each order must be announced once.
    const pending: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await apiA.post('/v1/orders', { amount: 400 + i, currency: 'CNY', outTradeNo: `E-${i}` }, s.terminalKey);
      pending.push(order.body.id);
    }
    await nodeA.deps.store.write(async (tx) => {
      const db = (tx as unknown as { db: { run(sql: string, p: unknown[]): Promise<number> } }).db;
      for (const id of pending) await db.run('UPDATE orders SET expires_at_ms = ? WHERE id = ?', [Date.now() - 1000, id]);
    });
    const expiredOn = () => stream.messages.filter((m) => m.event === 'order.expired');
    await stream.until(() => expiredOn().length >= 5, 3000, 'expiries');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(expiredOn().map((m) => m.data.data.order.id).sort(), [...pending].sort());

    // Every event reaches the receiver exactly once, from the two nodes together.
    const events = await apiA.get('/v1/events?limit=100', key.body.apiKey);
    const eventIds = events.body.data.map((e: any) => e.id);
    assert.equal(eventIds.length, 2 * 2 + 5 * 2); // created + paid; created + expired
    await waitFor(() => receiver.okEventIds().size >= eventIds.length, 10_000, 'all webhooks');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(receiver.posts.length, eventIds.length, 'no event was POSTed twice');
    assert.deepEqual([...receiver.okEventIds()].sort(), [...eventIds].sort());
    stream.close();
  } finally {
    await receiver.close();
    await nodeA.close();
    await nodeB.close();
    await dropSchema(pgSchema);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// A node hands its own commits' events straight to its streams; another node's events arrive by
// notification and are read back. Interleaved, a stream must still see every event once, in order.
if (postgres) test('two nodes writing one merchant at once: a stream sees every event once, in order', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-nodes-'));
  const pgSchema = uniqueSchema();
  // no polling fallback: node B's events must reach node A's stream through its notifications
  const streams = { pollMs: 600_000 };
  const nodeA = await startTestPlatform('postgres', { dataDir, pgSchema, streams });
  const nodeB = await startTestPlatform('postgres', { dataDir, pgSchema, streams });
  try {
    const apiA = apiClient(nodeA.app);
    const apiB = apiClient(nodeB.app);
    const s = await seedRetrying(apiA);
    const stream = openStream(nodeA.url, s.terminalKey);
    await stream.ready;
    const total = 40;
    const created = await Promise.all(Array.from({ length: total }, (_, i) =>
      (i % 2 === 0 ? apiA : apiB).post('/v1/orders', { amount: 100 + i, currency: 'CNY', outTradeNo: `I-${i}` }, s.terminalKey)));
    for (const r of created) assert.equal(r.status, 201, JSON.stringify(r.body));
    const createdEvents = () => stream.messages.filter((m) => m.event === 'order.created');
    await stream.until(() => createdEvents().length >= total, 3000, 'every created event');
    await new Promise((r) => setTimeout(r, 300));
    const seqs = createdEvents().map((m) => Number(m.id));
    assert.equal(seqs.length, total, 'no event twice');
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1, `in order, no gap: ${seqs.join(',')}`);
    assert.deepEqual(createdEvents().map((m) => m.data.data.order.id).sort(), created.map((r) => r.body.id).sort());
    stream.close();
  } finally {
    await nodeA.close();
    await nodeB.close();
    await dropSchema(pgSchema);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
