import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.ts';

const frameBytes = 24 + 4096; // a WAL frame: header and one 4 KiB page

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0; // not created yet
  }
}

test('the checkpointer keeps the WAL bounded under a sustained write load, and the data intact', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'qrpay-checkpointer-'));
  const path = join(dir, 'qrpay.db');
  const writer = new Database(path);
  try {
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma('busy_timeout = 5000');
    writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = writer.prepare('INSERT INTO rows (body) VALUES (?)');
    const commit = writer.transaction((i: number) => {
      insert.run(`${i}:`.padEnd(1000, 'x'));
      insert.run(`${i}:`.padEnd(1000, 'y'));
    });

    // 2000 commits write ~4000 frames: without checkpoints the WAL would end ~15× restartFrames.
    const restartFrames = 256;
    const commits = 2000;
    const checkpointer = startCheckpointer(path, { everyCommits: 4, restartFrames });
    let walMax = 0;
    for (let i = 0; i < commits; i++) {
      commit(i);
      checkpointer.committed();
      walMax = Math.max(walMax, walBytes(path));
      await nextTurn(); // a server's event loop turns between commits; replies come in here
    }
    await checkpointer.close();
    await checkpointer.close(); // twice is fine

    const stats = checkpointer.stats();
    assert.equal(stats.running, false);
    assert.equal(stats.errors, 0);
    assert.ok(stats.passive > 0, 'passive checkpoints ran');
    assert.ok(stats.restart > 0, 'the WAL grew past restartFrames and was restarted');
    // Past restartFrames, the WAL grows only until a RESTART gets the writer lock.
    const bound = 4 * restartFrames * frameBytes;
    assert.ok(walMax <= bound, `WAL reached ${walMax} bytes, bound ${bound}`);
    assert.deepEqual(writer.prepare('SELECT count(*) AS n FROM rows').get(), { n: 2 * commits });
    assert.deepEqual(writer.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
    t.diagnostic(
      `WAL max ${Math.ceil(walMax / frameBytes)} frames (restart at ${restartFrames}); ` +
        `${stats.passive} passive, ${stats.restart} restart, ${stats.busy} busy`,
    );
  } finally {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a checkpointer whose worker fails neither throws nor hangs on close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qrpay-checkpointer-'));
  try {
    const warnings: string[] = [];
    const checkpointer = startCheckpointer(join(dir, 'missing.db'), {
      everyCommits: 1,
      log: { warn: (_obj, msg) => void warnings.push(msg) },
    });
    for (let i = 0; i < 10; i++) {
      checkpointer.committed();
      await nextTurn();
    }
    await checkpointer.close();
    assert.equal(checkpointer.stats().running, false);
    assert.equal(warnings.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a checkpointer never closed does not keep the process alive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qrpay-checkpointer-'));
  try {
    const path = join(dir, 'qrpay.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.close();
    const module = new URL('./checkpointer.ts', import.meta.url).href;
    const code = `
      import { startCheckpointer } from ${JSON.stringify(module)};
      const checkpointer = startCheckpointer(${JSON.stringify(path)}, { everyCommits: 1 });
      checkpointer.committed();
      const waiting = setInterval(() => checkpointer.stats().passive > 0 && clearInterval(waiting), 10);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
