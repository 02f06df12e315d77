/**
 * Kill -9 the server at random moments under payment load, restart it on the same store, and
 * check what users care about: every payment acknowledged to a client is there, none exists twice,
 * the ledger verifies, and every paid order has its committed `order.paid` event.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyStoredLedger } from '../../src/app/verify-ledger.ts';
import { openStore } from '../../src/main.ts';
import { createJsonClient } from '../../bench/http-client.ts';
import { createPrng, fuzzSettings } from '../../src/lib/prng.ts';
import { createSchema, dropSchema, storeKinds, testAdminKey, uniqueSchema } from '../support/stores.ts';
import { startServerProcess } from '../support/server-process.ts';

const walletsCount = 60;

async function seed(url: string) {
  const api = createJsonClient(url, 4);
  const merchant = await api.request('POST', '/v1/merchants', testAdminKey, {
    legalName: 'Crash Test Ltd', displayName: 'Crash', city: 'Shanghai', country: 'CN', mcc: '5812', currency: 'CNY',
  });
  const terminal = await api.request('POST', `/v1/merchants/${merchant.body.id}/terminals`, testAdminKey, { name: 'T' });
  const wallets: { token: string }[] = [];
  for (let i = 0; i < walletsCount; i++) {
    const w = await api.request('POST', '/v1/wallets', null, { password: '246810' });
    await api.request('POST', `/v1/wallets/${w.body.id}/top-ups`, testAdminKey, { amount: 1_000_000, currency: 'CNY' });
    wallets.push({ token: w.body.token });
  }
  api.close();
  return { terminalKey: terminal.body.apiKey as string, wallets };
}

for (const kind of storeKinds()) {
  test(`kill -9 under load loses no acknowledged payment and pays nothing twice (${kind})`, async () => {
    const { seed: fuzzSeed, runs } = fuzzSettings(2);
    const prng = createPrng(fuzzSeed);
    const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-crash-'));
    const pgSchema = kind === 'postgres' ? uniqueSchema() : undefined;
    const dbUrl = pgSchema ? `${process.env['QRPAY_TEST_PG_URL']}?options=-c%20search_path%3D${pgSchema}` : undefined;
    if (pgSchema) await createSchema(pgSchema);
    const acknowledged = new Set<string>();
    let walletCursor = 0;
    try {
      let server = await startServerProcess({ dataDir, ...(dbUrl ? { dbUrl } : {}) });
      const { terminalKey, wallets } = await seed(server.url);
      for (let cycle = 0; cycle < runs; cycle++) {
        const api = createJsonClient(server.url, 32);
        let stop = false;
        const loops = Array.from({ length: 12 }, async () => {
          while (!stop) {
            // two payments per wallet per cycle at most, so risk bursts stay out of the picture
            const wallet = wallets[walletCursor++ % wallets.length]!;
            try {
              const order = await api.request('POST', '/v1/orders', terminalKey, {
                amount: prng.int(100, 5_000), currency: 'CNY', outTradeNo: `C${cycle}-${walletCursor}`,
              });
              if (order.status !== 201) continue;
              const paid = await api.request('POST', '/v1/wallet/payments', wallet.token, { orderId: order.body.id, password: '246810' });
              if (paid.status === 200 && paid.body.status === 'paid') acknowledged.add(order.body.id);
            } catch {
              return; // the server died under us: outcomes of in-flight requests are unknown
            }
          }
        });
        // crash at a random moment once this cycle has some acknowledged payments (bounded wait)
        const target = acknowledged.size + 5;
        for (let waited = 0; acknowledged.size < target && waited < 20_000; waited += 50) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await new Promise((r) => setTimeout(r, prng.int(0, 500)));
        await server.crash();
        stop = true;
        await Promise.all(loops);
        api.close();
        server = await startServerProcess({ dataDir, ...(dbUrl ? { dbUrl } : {}) });
      }
      assert.ok(acknowledged.size > 10, `seed ${fuzzSeed}: some payments were acknowledged (${acknowledged.size})`);
      const api = createJsonClient(server.url, 8);
      for (const orderId of acknowledged) {
        const order = await api.request('GET', `/v1/orders/${orderId}`, terminalKey);
        assert.equal(order.body.status, 'paid', `seed ${fuzzSeed}: acknowledged ${orderId} is paid after the crash`);
      }
      api.close();
      await server.stop();
      const store = await openStore({ dataDir, dbUrl: kind === 'postgres' ? process.env['QRPAY_TEST_PG_URL'] : undefined, pgSchema });
      try {
        const ledger = await verifyStoredLedger(store);
        assert.deepEqual(ledger.problems, [], `seed ${fuzzSeed}: ledger verifies after crashes`);
        const transfers = await store.read.listTransfers(null, 1_000_000);
        const payments = new Map<string, number>();
        for (const t of transfers) if (t.kind === 'payment' && t.orderId) payments.set(t.orderId, (payments.get(t.orderId) ?? 0) + 1);
        for (const [orderId, count] of payments) assert.equal(count, 1, `seed ${fuzzSeed}: ${orderId} paid once`);
        for (const orderId of acknowledged) assert.equal(payments.get(orderId), 1);
        const merchantId = (await store.read.listMerchants(1))[0]!.id;
        const events = await store.read.listEvents(merchantId, 0, 1_000_000);
        const paidEvents = new Set(events.filter((e) => e.type === 'order.paid').map((e) => e.orderId));
        for (const orderId of payments.keys()) assert.ok(paidEvents.has(orderId), `seed ${fuzzSeed}: ${orderId} has its order.paid event`);
        assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'event sequence is gap-free');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      if (pgSchema) await dropSchema(pgSchema);
    }
  });
}

if (storeKinds().includes('postgres')) {
  test('two nodes on PostgreSQL: kill -9 one under load, the other goes on; nothing lost or doubled', async () => {
    const { seed: fuzzSeed } = fuzzSettings(1);
    const prng = createPrng(fuzzSeed);
    const dataDir = mkdtempSync(join(tmpdir(), 'qrpay-crash2-'));
    const pgSchema = uniqueSchema();
    await createSchema(pgSchema);
    const dbUrl = `${process.env['QRPAY_TEST_PG_URL']}?options=-c%20search_path%3D${pgSchema}`;
    const acknowledged = new Set<string>();
    try {
      const a = await startServerProcess({ dataDir, dbUrl });
      let b = await startServerProcess({ dataDir, dbUrl });
      const { terminalKey, wallets } = await seed(a.url);
      let stop = false;
      let n = 0;
      const load = (url: string) => {
        const api = createJsonClient(url, 16);
        return Promise.all(Array.from({ length: 6 }, async () => {
          while (!stop) {
            const wallet = wallets[n++ % wallets.length]!;
            try {
              const order = await api.request('POST', '/v1/orders', terminalKey, { amount: prng.int(100, 5_000), currency: 'CNY', outTradeNo: `N${n}` });
              if (order.status !== 201) continue;
              const paid = await api.request('POST', '/v1/wallet/payments', wallet.token, { orderId: order.body.id, password: '246810' });
              if (paid.status === 200) acknowledged.add(order.body.id);
            } catch {
              return; // this node died under us
            }
          }
        })).finally(() => api.close());
      };
      const onA = load(a.url);
      const onB = load(b.url);
      for (let waited = 0; acknowledged.size < 10 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, prng.int(0, 500)));
      await b.crash();
      const ackAtCrash = acknowledged.size;
      for (let waited = 0; acknowledged.size < ackAtCrash + 10 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      assert.ok(acknowledged.size >= ackAtCrash + 10, `seed ${fuzzSeed}: node A kept taking payments after B died`);
      b = await startServerProcess({ dataDir, dbUrl });
      stop = true;
      await Promise.all([onA, onB]);
      const api = createJsonClient(b.url, 8);
      for (const orderId of acknowledged) {
        const order = await api.request('GET', `/v1/orders/${orderId}`, terminalKey);
        assert.equal(order.body.status, 'paid', `seed ${fuzzSeed}: ${orderId} is paid`);
      }
      api.close();
      await a.stop();
      await b.stop();
      const store = await openStore({ dataDir, dbUrl: process.env['QRPAY_TEST_PG_URL'], pgSchema });
      try {
        assert.deepEqual((await verifyStoredLedger(store)).problems, [], `seed ${fuzzSeed}: ledger verifies`);
        const transfers = await store.read.listTransfers(null, 1_000_000);
        const paidOnce = new Map<string, number>();
        for (const t of transfers) if (t.kind === 'payment' && t.orderId) paidOnce.set(t.orderId, (paidOnce.get(t.orderId) ?? 0) + 1);
        for (const [orderId, count] of paidOnce) assert.equal(count, 1, `${orderId} paid once`);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await dropSchema(pgSchema);
    }
  });
}
