/**
 * The risk module's storage on both adapters: bucketed counters (exact under concurrency,
 * pruned as buckets roll), device→wallet pairs, list lookups.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/app/ports.ts';
import { CounterReading, hourMs, minuteMs } from '../../src/app/risk/counters.ts';
import { openTestStore, storeKinds } from '../support/stores.ts';

const t0 = Date.parse('2026-03-02T02:00:00Z');
const spans = [{ spanMs: minuteMs, keepMs: 2 * hourMs }, { spanMs: hourMs, keepMs: 26 * hourMs }];

for (const kind of storeKinds()) {
  describe(`risk storage (${kind})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ store, cleanup } = await openTestStore(kind, 'qrpay-risk-store-'));
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test('50 concurrent increments of one counter all count, in every span', async () => {
      const subject = { kind: 'merchant', id: 'mer_concurrent' } as const;
      await Promise.all(Array.from({ length: 50 }, (_, i) =>
        store.write((tx) => tx.risk.addToCounters([{ subject, spans }], i + 1, t0))));
      const buckets = await store.read.risk.readCounters([subject], t0 - 2 * hourMs);
      const reading = new CounterReading(buckets, t0);
      const all = { count: 50, sumMinor: (50 * 51) / 2 };
      const v = reading.velocity('merchant', 'mer_concurrent');
      assert.deepEqual([v.last1m, v.last1h, v.last24h], [all, all, all]);
      assert.equal(buckets.length, 2);
    });

    test('windows roll: a payment leaves the 1-minute window, then the hour, and is pruned',
      async () => {
      const subject = { kind: 'wallet', id: 'wal_rolling' } as const;
      await store.write((tx) => tx.risk.addToCounters([{ subject, spans }], 100, t0));
      const read = async (now: number) => new CounterReading(
        await store.read.risk.readCounters([subject],
          now - 26 * hourMs), now).velocity('wallet', subject.id);
      const after90s = await read(t0 + 90_000);
      assert.deepEqual([after90s.last1m.count, after90s.last1h.count], [1, 1]);
      const after3m = await read(t0 + 3 * minuteMs);
      assert.deepEqual([after3m.last1m.count, after3m.last1h.count, after3m.last24h.count], [0, 1,
        1]);
      const after2h = await read(t0 + 2 * hourMs);
      assert.deepEqual([after2h.last1h.count, after2h.last24h.count], [0, 1]);
      const after25h = await read(t0 + 25 * hourMs + minuteMs);
      assert.equal(after25h.last24h.count, 0);
      // The first payment of a new bucket prunes buckets older than the spans keep.
      await store.write((tx) => tx.risk.addToCounters([{ subject, spans }], 100, t0 + 27 * hourMs));
      const rows = await store.read.risk.readCounters([subject], 0);
      assert.deepEqual(rows.map((r) => r.bucketMs).sort(), [t0 + 27 * hourMs, t0 + 27 * hourMs]);
    });

    test('one upsert counts several subjects; only the subject whose bucket rolled is pruned',
      async () => {
      const a = { kind: 'wallet', id: 'wal_multi_a' } as const;
      const b = { kind: 'merchant', id: 'mer_multi_b' } as const;
      await store.write((tx) => tx.risk.addToCounters([{ subject: a, spans }], 5, t0));
      await store.write((tx) => tx.risk.addToCounters([{ subject: b, spans }], 7, t0 + 26 * hourMs));
      // a's buckets are 27 h old: its new bucket prunes them; b's (1 h old) are kept
      await store.write((tx) =>
        tx.risk.addToCounters([{ subject: a, spans }, { subject: b, spans }], 100, t0 + 27 * hourMs));
      const rowsA = await store.read.risk.readCounters([a], 0);
      assert.deepEqual(rowsA.map((r) => [r.bucketMs, r.count, r.sumMinor]),
        [[t0 + 27 * hourMs, 1, 100], [t0 + 27 * hourMs, 1, 100]]);
      const rowsB = await store.read.risk.readCounters([b], 0);
      assert.equal(rowsB.length, 4);
      assert.equal(rowsB.reduce((n, r) => n + r.count, 0), 4);
    });

    test('device pairs count distinct wallets per window and remember known pairs', async () => {
      await store.write(async (tx) => {
        await tx.risk.touchDeviceWallet('dev_a', 'wal_1', t0 - 2 * hourMs, 180 * 24 * hourMs);
        await tx.risk.touchDeviceWallet('dev_a', 'wal_2', t0 - minuteMs, 180 * 24 * hourMs);
        await tx.risk.touchDeviceWallet('dev_a', 'wal_2', t0, 180 * 24 * hourMs);
      });
      const seen = await store.read.risk.deviceWallets('dev_a', 'wal_1', t0);
      assert.deepEqual(seen, { distinctWallets1h: 1, distinctWallets24h: 2, known: true });
      const fresh = await store.read.risk.deviceWallets('dev_a', 'wal_3', t0);
      assert.equal(fresh.known, false);
      const none = await store.read.risk.deviceWallets('', 'wal_1', t0);
      assert.deepEqual(none, { distinctWallets1h: 0, distinctWallets24h: 0, known: false });
    });

    test('list entries are found by value, across lists, and removed once', async () => {
      await store.write(async (tx) => {
        for (const [listName, value] of [['wallets_blocked', 'wal_x'], ['ips_blocked',
          '10.0.0.1']]) {
          assert.equal(await tx.risk.putEntry({ listName: listName!, value: value!, note: '',
            createdBy: 'test', createdAtMs: t0 }), true);
        }
        assert.equal(await tx.risk.putEntry({ listName: 'wallets_blocked', value: 'wal_x', note: '',
          createdBy: 'test', createdAtMs: t0 }), false);
      });
      const found = await store.read.risk.findEntries(['wal_x', '10.0.0.1', 'dev_y', '']);
      assert.deepEqual(found.map((e) => e.listName).sort(), ['ips_blocked', 'wallets_blocked']);
      assert.equal(await store.write((tx) => tx.risk.deleteEntry('wallets_blocked', 'wal_x')),
        true);
      assert.equal(await store.write((tx) => tx.risk.deleteEntry('wallets_blocked', 'wal_x')),
        false);
    });
  });
}
