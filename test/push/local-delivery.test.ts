/**
 * The hub on a real store: a node's own commits reach its streams without reading the outbox
 * back, and a stream that is behind (an event it has not seen yet) is caught up from the outbox,
 * in order, never skipping one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Merchant, Store, Terminal } from '../../src/app/ports.ts';
import { EventHub, defaultHubOptions, type StreamSink } from '../../src/push/event-hub.ts';
import { openTestStore, storeKinds } from '../support/stores.ts';

const merchant: Merchant = {
  id: 'mer_local_delivery', legalName: 'Local Delivery Ltd', displayName: 'Local', city: 'Shanghai',
  country: 'CN', mcc: '5812', currency: 'CNY', feeRateBp: 60, status: 'approved', tier: 'standard',
  createdAtMs: 0,
};
const terminal: Terminal = {
  id: 'ter_local_delivery', merchantId: merchant.id, name: 'Till', keyHash: 'hash-local-delivery',
  keyPrefix: 'qrp_t_x', status: 'active', createdAtMs: 0, revokedAtMs: null,
};

function sink() {
  const chunks: string[] = [];
  const s: StreamSink = { write: (c) => void chunks.push(c), bufferedBytes: () => 0, end: () => undefined };
  const ids = () => chunks.filter((c) => c.startsWith('id: ')).map((c) => Number(c.slice(4, c.indexOf('\n'))));
  return { sink: s, ids };
}

const append = (store: Store, n: number) => store.write(async (tx) => {
  for (let i = 0; i < n; i++) {
    await tx.appendEvent({ merchantId: merchant.id, type: 'order.created', orderId: `ord_${i}`,
      terminalId: terminal.id, payload: '{}', createdAtMs: Date.now() });
  }
});

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

for (const kind of storeKinds()) {
  describe(`stream delivery of this node's commits (${kind})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let hub: EventHub;
    let reads = 0;

    before(async () => {
      ({ store, cleanup } = await openTestStore(kind, 'qrpay-local-delivery-'));
      await store.write(async (tx) => {
        await tx.insertMerchant(merchant);
        await tx.insertTerminal(terminal);
      });
      // count the outbox reads of the real store (a spy on it, not a stand-in for it)
      const listEvents = store.read.listEvents.bind(store.read);
      store.read.listEvents = async (...args) => {
        reads += 1;
        return listEvents(...args);
      };
      hub = new EventHub(store, { ...defaultHubOptions, pollMs: 60_000, log: console });
      hub.start();
    });
    after(async () => {
      hub.stop();
      await store.close();
      await cleanup();
    });

    test('events committed here reach the stream in order, with no outbox read', async () => {
      const a = sink();
      await hub.open(terminal, null, a.sink);
      await until(() => reads >= 1, 'the read that opening a stream does');
      const readsBefore = reads;
      await append(store, 3);
      await append(store, 2);
      await until(() => a.ids().length >= 5, 'five events');
      assert.deepEqual(a.ids(), [1, 2, 3, 4, 5]);
      assert.equal(reads, readsBefore, 'delivered from the commit, not read back');
    });

    test('a stream that is behind is caught up from the outbox, without gaps or repeats', async () => {
      const b = sink();
      // resume after seq 2: 3..5 must come from the outbox before anything new
      await hub.open(terminal, 2, b.sink);
      await append(store, 2);
      await until(() => b.ids().length >= 5, 'caught up and live');
      assert.deepEqual(b.ids(), [3, 4, 5, 6, 7]);
    });
  });
}
