import Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommitChange, Store, StoredEvent, WriteTx } from '../../app/ports.ts';
import { groupCommitBatchMax } from '../../lib/limits.ts';
import type { Row, SqlExecutor, SqlValue } from '../sql/executor.ts';
import { migrate } from '../sql/migrate.ts';
import { type Checkpointer, startCheckpointer } from './checkpointer.ts';
import { SqlRead, SqlWrite } from '../sql/sql-tx.ts';

type Statement = Database.Statement<SqlValue[]>;

function executor(db: Database.Database): SqlExecutor {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<SqlValue[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: 'sqlite',
    all: async (sql, params) => prepare(sql).all(...params) as Row[],
    get: async (sql, params) => prepare(sql).get(...params) as Row | undefined,
    run: async (sql, params) => {
      const statement = prepare(sql);
      if (statement.reader) {
        statement.all(...params);
        return 0;
      }
      return statement.run(...params).changes;
    },
    defer: async (sql, params, then) => {
      const statement = prepare(sql);
      if (statement.reader) then?.(statement.all(...params) as Row[]);
      else {
        statement.run(...params);
        then?.([]);
      }
    },
  };
}

/** Makes everything written to the WAL file so far durable; called off the main thread. */
export type WalSync = (fd: number, done: (error: Error | null) => void) => void;

export interface SqliteStoreOptions {
  /** How the WAL is flushed (tests slow it down or make it fail); fdatasync by default. */
  readonly syncWal?: WalSync;
}

const fdatasyncWal: WalSync = (fd, done) => fdatasync(fd, (error) => done(error));

interface Job {
  fn: (tx: WriteTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded store: one SQLite file in WAL mode, where an acknowledged payment survives a power
 * cut. One connection writes and one reads. Writes that arrive together are committed together
 * (group commit): each caller's work runs in its own savepoint, so one caller's failure rolls back
 * only its own work, and one flush makes the whole batch durable before any caller is answered.
 *
 * The flush runs off the main thread: SQLite commits with synchronous=NORMAL (the WAL frames are
 * written, not synced), then the WAL file is fdatasync'ed on the libuv thread pool while the
 * event loop goes on parsing requests; only then are the batch's callers answered and its events
 * announced. Until that flush completes no read runs and no next batch starts, so nothing that
 * is not yet durable is ever shown to anyone, as with synchronous=FULL, without the main thread
 * waiting for the disk. WAL checkpoints, too, run off the main thread (./checkpointer.ts).
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly read: SqlRead;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly writeExec: SqlExecutor;
  private readonly queue: Job[] = [];
  private draining = false;
  private scheduled = false;
  private readonly listeners = new Set<(change: CommitChange) => void>();
  private closed = false;
  /** The WAL file, flushed after each commit (null for an in-memory database). */
  private walFd: number | null = null;
  /** The flush of the last commit, while it runs: reads and the next batch wait for it. */
  private flushing: Promise<void> | null = null;
  /** A failed flush: what is durable is unknown, so the store refuses all further work. */
  private failure: Error | null = null;
  private readonly syncWal: WalSync;
  private checkpointer: Checkpointer | null = null;

  private constructor(path: string, options: SqliteStoreOptions) {
    this.syncWal = options.syncWal ?? fdatasyncWal;
    this.writer = new Database(path);
    this.writer.pragma('journal_mode = WAL');
    // NORMAL: a commit writes its WAL frames without syncing them; the store syncs the WAL file
    // itself after each commit, off the main thread, before answering anyone (see above).
    this.writer.pragma(path === ':memory:' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('busy_timeout = 5000');
    this.writer.pragma('temp_store = MEMORY');
    // 64 MiB of pages per connection (default 2 MiB): with millions of orders, the inner pages
    // of the indexes the payment path probes stay in memory (measured at 10 M orders: 493 → 564/s)
    this.writer.pragma('cache_size = -65536');
    this.reader = new Database(path);
    this.reader.pragma('busy_timeout = 5000');
    this.reader.pragma('cache_size = -65536');
    this.writeExec = executor(this.writer);
    this.read = new SqlRead(this.afterFlush(executor(this.reader)));
  }

  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const store = new SqliteStore(path, options);
    store.writer.exec('BEGIN IMMEDIATE');
    try {
      await migrate(store.writeExec, 'sqlite');
      store.writer.exec('COMMIT');
    } catch (error) {
      store.writer.exec('ROLLBACK');
      throw error;
    }
    if (path !== ':memory:') {
      // checkpoints move to a worker thread; should it die, the writer checkpoints again itself
      store.writer.pragma('wal_autocheckpoint = 0');
      store.checkpointer = startCheckpointer(path);
      // WAL mode keeps the -wal file for as long as a connection is open, so one descriptor
      // serves every flush. Its directory entry is made durable once, here.
      store.walFd = openSync(`${path}-wal`, 'r');
      fdatasyncSync(store.walFd);
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return store;
  }

  /** Reads wait while a commit is being flushed, so they never see what is not yet durable. */
  private afterFlush(inner: SqlExecutor): SqlExecutor {
    const ready = async () => {
      while (this.flushing) await this.flushing.catch(() => undefined);
      if (this.failure) throw this.failure;
    };
    const gated = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (this.flushing || this.failure) await ready();
        return run(...args);
      };
    return {
      dialect: inner.dialect,
      all: gated(inner.all),
      get: gated(inner.get),
      run: gated(inner.run),
      defer: gated(inner.defer),
    };
  }

  /** Syncs the WAL file on the thread pool; a failure is permanent (see `failure`). */
  private async flush() {
    const fd = this.walFd;
    if (fd === null) return;
    const flushed = new Promise<void>((resolve, reject) => {
      this.syncWal(fd, (error) => (error ? reject(error) : resolve()));
    });
    this.flushing = flushed;
    try {
      await flushed;
    } catch (error) {
      this.failure = new Error(`the store cannot make commits durable (WAL sync failed): ${String(error)}`);
      throw this.failure;
    } finally {
      this.flushing = null;
    }
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Waits one turn of the event loop, so every request parsed in this turn joins the batch. */
  private schedule() {
    if (this.draining || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.commitBatch(this.queue.splice(0, groupCommitBatchMax));
    } catch (error) {
      // commitBatch answers its callers itself; anything left over is a bug, reported, not fatal
      process.emitWarning(`group commit failed: ${String(error)}`);
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: Job[]) {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const events: StoredEvent[] = [];
    let deliveries = false;
    const merchants = new Set<string>();
    try {
      // waits (busy_timeout) only while the checkpointer's rare RESTART holds the write lock
      this.writer.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    for (const job of batch) {
      this.writer.exec('SAVEPOINT unit');
      const tx = new SqlWrite(this.writeExec);
      try {
        const value = await job.fn(tx);
        this.writer.exec('RELEASE unit');
        events.push(...tx.appended);
        deliveries ||= tx.createdDeliveries;
        for (const id of tx.changedMerchants) merchants.add(id);
        outcomes.push({ ok: true, value });
      } catch (error) {
        this.writer.exec('ROLLBACK TO unit');
        this.writer.exec('RELEASE unit');
        outcomes.push({ ok: false, error });
      }
    }
    try {
      this.writer.exec('COMMIT');
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      for (const job of batch) job.reject(error);
      return;
    }
    try {
      await this.flush();
    } catch (error) {
      for (const job of batch) job.reject(error);
      this.queue.splice(0).forEach((job) => job.reject(error));
      // what reached the disk is unknown: no checkpoint may carry this commit into the database
      void this.checkpointer?.close();
      this.checkpointer = null;
      return;
    }
    this.afterCommit();
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
    if (events.length > 0) {
      const change: CommitChange = { merchantIds: [...merchants], deliveries, events };
      for (const listener of this.listeners) {
        // a listener's failure must not stop the store (the commit stands either way)
        try {
          listener(change);
        } catch (error) {
          process.emitWarning(`commit listener failed: ${String(error)}`);
        }
      }
    }
  }

  private afterCommit() {
    const checkpointer = this.checkpointer;
    if (checkpointer === null) return;
    if (checkpointer.stats().running) {
      checkpointer.committed();
      return;
    }
    this.writer.pragma('wal_autocheckpoint = 1000');
    this.checkpointer = null;
  }

  onCommit(listener: (change: CommitChange) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    while (this.draining || this.queue.length > 0 || this.scheduled) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await this.checkpointer?.close();
    this.checkpointer = null;
    if (this.walFd !== null) closeSync(this.walFd);
    this.walFd = null;
    this.reader.close();
    this.writer.close();
  }
}
