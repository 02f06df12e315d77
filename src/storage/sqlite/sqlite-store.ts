import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommitChange, Store, StoredEvent, WriteTx } from '../../app/ports.ts';
import { groupCommitBatchMax } from '../../lib/limits.ts';
import type { Row, SqlExecutor, SqlValue } from '../sql/executor.ts';
import { migrate } from '../sql/migrate.ts';
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
  };
}

interface Job {
  fn: (tx: WriteTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged
 * payment survives a power cut. One connection writes and one reads (readers see only committed
 * data). Writes that arrive together are committed together (group commit): each caller's work
 * runs in its own savepoint, so one caller's failure rolls back only its own work, and one fsync
 * makes the whole batch durable before any caller is answered.
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

  private constructor(path: string) {
    this.writer = new Database(path);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma('synchronous = FULL');
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('busy_timeout = 5000');
    this.writer.pragma('temp_store = MEMORY');
    this.reader = new Database(path);
    this.reader.pragma('busy_timeout = 5000');
    this.writeExec = executor(this.writer);
    this.read = new SqlRead(executor(this.reader));
  }

  static async open(path: string): Promise<SqliteStore> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const store = new SqliteStore(path);
    store.writer.exec('BEGIN IMMEDIATE');
    try {
      await migrate(store.writeExec, 'sqlite');
      store.writer.exec('COMMIT');
    } catch (error) {
      store.writer.exec('ROLLBACK');
      throw error;
    }
    return store;
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
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
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: Job[]) {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const events: StoredEvent[] = [];
    let deliveries = false;
    const merchants = new Set<string>();
    this.writer.exec('BEGIN IMMEDIATE');
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
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
    if (events.length > 0) {
      const change: CommitChange = { merchantIds: [...merchants], deliveries, events };
      for (const listener of this.listeners) listener(change);
    }
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
    this.reader.close();
    this.writer.close();
  }
}
