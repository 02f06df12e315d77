/**
 * The embedded store answers a write only after its WAL flush, and no read sees a commit before
 * that flush completes; a failed flush stops the store. The flush is slowed down or failed here
 * through the store's `syncWal` option (the real fdatasync still runs when it is slowed).
 */
import assert from 'node:assert/strict';
import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Merchant } from '../../app/ports.ts';
import { SqliteStore, type WalSync } from './sqlite-store.ts';

const merchant = (id: string): Merchant => ({
  id, legalName: 'Flush Test Ltd', displayName: 'Flush', city: 'Shanghai', country: 'CN',
  mcc: '5812', currency: 'CNY', feeRateBp: 60, status: 'approved', tier: 'standard', createdAtMs: 0,
});

async function withStore(syncWal: WalSync, body: (store: SqliteStore) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'qrpay-wal-flush-'));
  const store = await SqliteStore.open(join(dir, 'qrpay.db'), { syncWal });
  try {
    await body(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a write is answered after its flush, and reads wait for the flush', async () => {
  const log: string[] = [];
  let release: (() => void) | null = null;
  const held: WalSync = (fd, done) => {
    log.push('flush started');
    release = () => fdatasync(fd, (error) => {
      log.push('flush done');
      done(error);
    });
  };
  await withStore(held, async (store) => {
    const written = store.write((tx) => tx.insertMerchant(merchant('mer_flush_1'))).then(() => {
      log.push('write answered');
    });
    while (release === null) await new Promise((r) => setTimeout(r, 1));
    // the commit is in SQLite but not yet durable: a read must not see it, nor be answered
    const read = store.read.getMerchant('mer_flush_1').then((m) => {
      log.push(`read answered: ${m ? 'found' : 'missing'}`);
    });
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(log, ['flush started'], 'nothing answered before the flush');
    (release as () => void)();
    await Promise.all([written, read]);
    assert.equal(log[1], 'flush done');
    assert.deepEqual(log.slice(2).sort(), ['read answered: found', 'write answered']);
  });
});

test('writes that arrive during a flush are committed together in the next batch', async () => {
  let flushes = 0;
  const counting: WalSync = (fd, done) => {
    flushes += 1;
    setTimeout(() => fdatasync(fd, (error) => done(error)), 5);
  };
  await withStore(counting, async (store) => {
    const ids = Array.from({ length: 40 }, (_, i) => `mer_batch_${i}`);
    await Promise.all(ids.map((id) => store.write((tx) => tx.insertMerchant(merchant(id)))));
    const rows = await store.read.listMerchants(100);
    assert.equal(rows.length, 40);
    assert.ok(flushes < 40, `${flushes} flushes for 40 writes`);
  });
});

test('a failed flush fails its writes and every later read and write', async () => {
  let fail = false;
  const failing: WalSync = (fd, done) => {
    if (fail) done(new Error('EIO: simulated disk failure'));
    else fdatasync(fd, (error) => done(error));
  };
  await withStore(failing, async (store) => {
    await store.write((tx) => tx.insertMerchant(merchant('mer_before_failure')));
    fail = true;
    await assert.rejects(store.write((tx) => tx.insertMerchant(merchant('mer_unsure'))), /cannot make commits durable/);
    await assert.rejects(store.read.getMerchant('mer_before_failure'), /cannot make commits durable/);
    await assert.rejects(store.write((tx) => tx.insertMerchant(merchant('mer_after'))), /cannot make commits durable/);
  });
});
