import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../storage/sqlite/sqlite-store.ts';
import type { CliIO } from './io.ts';
import { run } from './ledger-command.ts';

function capture(): CliIO & { text: () => string } {
  let out = '';
  return {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (out += `${t}\n`),
    readStdin: async () => '',
    text: () => out,
  };
}

test('qrpay ledger verify passes on a balanced store and fails, exit 1, on a tampered balance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qrpay-ledger-'));
  try {
    const store = await SqliteStore.open(join(dir, 'qrpay.db'));
    await store.write(async (tx) => {
      await tx.ensureAccount('bank_funding:CNY', 'bank_funding', null, 'CNY');
      await tx.ensureAccount('wal_1:balance', 'wallet', 'wal_1', 'CNY');
      await tx.postTransfer(
        { kind: 'top_up', debitAccountId: 'bank_funding:CNY', creditAccountId: 'wal_1:balance', amountMinor: 500, currency: 'CNY' },
        { id: 'tfr_1', orderId: null, refundId: null, createdAtMs: 1 },
      );
    });
    await store.close();
    const good = capture();
    assert.equal(await run(['verify', '--data', dir], good), 0);
    assert.match(good.text(), /OK/);

    const db = new Database(join(dir, 'qrpay.db'));
    db.prepare("UPDATE accounts SET balance = balance + 1 WHERE id = 'wal_1:balance'").run(); // money from nowhere
    db.close();
    const bad = capture();
    assert.equal(await run(['verify', '--data', dir, '--json'], bad), 1);
    const report = JSON.parse(bad.text()) as { ok: boolean; problems: { accountId: string | null }[] };
    assert.equal(report.ok, false);
    assert.ok(report.problems.some((p) => p.accountId === 'wal_1:balance'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
