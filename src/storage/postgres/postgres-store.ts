import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { assert } from '../../lib/assert.ts';
import type { CommitChange, Store, WriteTx } from '../../app/ports.ts';
import type { Row, SqlExecutor, SqlValue } from '../sql/executor.ts';
import { migrate } from '../sql/migrate.ts';
import { SqlRead, SqlWrite } from '../sql/sql-tx.ts';

// BIGINT (int8) and COUNT come back as JS numbers; a value beyond 2^53 would be a bug upstream.
pg.types.setTypeParser(20, (text: string) => {
  const value = Number(text);
  assert(Number.isSafeInteger(value), `int8 ${text} is a safe integer`);
  return value;
});

const numbered = new Map<string, { text: string; name: string }>();
/**
 * `?` placeholders → `$1, $2, …` (our statements never contain a literal question mark), and a
 * stable name, so each connection parses and plans a statement once (a named prepared statement).
 */
function toPg(sql: string): { text: string; name: string } {
  let entry = numbered.get(sql);
  if (entry === undefined) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    entry = { text, name: `q${numbered.size}` };
    numbered.set(sql, entry);
  }
  return entry;
}

type Queryable = pg.Pool | pg.PoolClient;

function send(db: Queryable, sql: string, params: readonly SqlValue[]) {
  const { text, name } = toPg(sql);
  // DDL (migrations) cannot be prepared; everything with parameters or DML can.
  const prepared = !/^\s*(CREATE|ALTER|DROP)\b/i.test(text);
  return db.query<Row>(prepared ? { text, name, values: params as SqlValue[] } : { text, values: params as SqlValue[] });
}

/** Reads outside transactions, on whichever pooled connection is free. */
function poolExecutor(db: Queryable): SqlExecutor {
  return {
    dialect: 'postgres',
    all: async (sql, params) => (await send(db, sql, params)).rows,
    get: async (sql, params) => (await send(db, sql, params)).rows[0],
    run: async (sql, params) => (await send(db, sql, params)).rowCount ?? 0,
    defer: async (sql, params, then) => then?.((await send(db, sql, params)).rows),
  };
}

/**
 * One transaction on one connection in pipeline mode: statements go out as soon as they are
 * issued, without waiting for the answers to the ones before them. BEGIN travels with the first
 * statement, deferred writes with whatever follows them, and NOTIFY with COMMIT, so a transaction
 * costs about one round trip per statement whose answer the code needs, not one per statement.
 * PostgreSQL runs them in order; after a failure it refuses the rest of the transaction (25P02),
 * and that failure, not the refusals behind it, is what the caller gets.
 */
class PipelinedTx {
  private readonly pending: Promise<unknown>[] = [];
  private failure: { error: unknown } | null = null;
  private corked = false;
  readonly executor: SqlExecutor;

  constructor(private readonly client: pg.PoolClient) {
    this.coalesce();
    this.track(client.query('BEGIN'));
    const awaited = async (sql: string, params: readonly SqlValue[]) => {
      try {
        this.coalesce();
        return await send(client, sql, params);
      } catch (error) {
        // after a failure PostgreSQL refuses the rest (25P02, or 26000 for a statement whose
        // preparation was refused): the earlier (deferred) failure is the one to report
        await Promise.all(this.pending);
        throw this.failure ? this.failure.error : error;
      }
    };
    this.executor = {
      dialect: 'postgres',
      all: async (sql, params) => (await awaited(sql, params)).rows,
      get: async (sql, params) => (await awaited(sql, params)).rows[0],
      run: async (sql, params) => (await awaited(sql, params)).rowCount ?? 0,
      defer: async (sql, params, then) => {
        this.coalesce();
        const answer = send(client, sql, params);
        this.track(answer);
        this.track(answer.then((result) => then?.(result.rows)));
      },
    };
  }

  /**
   * Everything this transaction sends until the event loop's next turn leaves in one socket
   * write: each write to a loopback socket wakes the server process, and on a small machine those
   * wake-ups, not the statements, were the cost.
   */
  private coalesce() {
    if (this.corked) return;
    const stream = (this.client as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } }).connection.stream;
    stream.cork();
    this.corked = true;
    setImmediate(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  private track(answer: Promise<unknown>) {
    this.pending.push(answer.catch((error: unknown) => {
      this.failure ??= { error };
    }));
  }

  /**
   * Sends NOTIFY (when `notification` names one) and COMMIT behind everything else, then checks
   * it all. The notification is decided after the deferred writes answered: they fill in the
   * events appended and whether webhook deliveries were created.
   */
  async commit(notification: () => string | null) {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure.error;
    const payload = notification();
    this.coalesce();
    const notified = payload === null
      ? null
      : this.client.query({ text: 'SELECT pg_notify($1, $2)', values: [channel, payload] });
    const committed = this.client.query('COMMIT');
    // both are answered (or both fail, on a lost connection): wait for both, report the first
    const [notifiedResult, committedResult] = await Promise.allSettled([notified, committed]);
    if (notifiedResult.status === 'rejected') throw notifiedResult.reason;
    if (committedResult.status === 'rejected') throw committedResult.reason;
    const result = committedResult.value;
    // COMMIT of a transaction that failed is answered "ROLLBACK", not with an error
    if (result.command !== 'COMMIT') throw new Error(`the transaction did not commit (${result.command})`);
  }

  /** Waits until every statement sent has been answered (before ROLLBACK and release). */
  async settle() {
    await Promise.all(this.pending);
  }
}

/** NOTIFY payloads are at most 8,000 bytes: name up to 100 merchants, else say 'all'. */
const notifyMerchantsMax = 100;

/** `n` names the node that committed: it has told its own listeners already. */
function changePayload(tx: SqlWrite, node: string): string {
  const merchants = [...tx.changedMerchants];
  const names = merchants.length <= notifyMerchantsMax ? merchants : '*';
  return JSON.stringify({ m: names, d: tx.createdDeliveries, n: node });
}

function parseChange(payload: string | undefined): CommitChange & { node: string | null } {
  try {
    const parsed = JSON.parse(payload ?? '') as { m?: unknown; d?: unknown; n?: unknown };
    const ids = Array.isArray(parsed.m) ? parsed.m.filter((x): x is string => typeof x === 'string') : 'all';
    const node = typeof parsed.n === 'string' ? parsed.n : null;
    return { merchantIds: ids, deliveries: parsed.d !== false, node };
  } catch {
    // an old or foreign notification: look at all
    return { merchantIds: 'all', deliveries: true, node: null };
  }
}

const retryableCodes = new Set(['40001', '40P01']); // serialization failure, deadlock
const writeAttemptsMax = 5;
const channel = 'qrpay_events';

/**
 * The production store: PostgreSQL, shared by every `qrpay serve` node. Transactions run at READ
 * COMMITTED; the statements that decide money (conditional debits, status changes guarded by the
 * expected status, the per-merchant event sequence row) are safe there by row locks. A commit that
 * appended events notifies every node (LISTEN/NOTIFY), which then reads the outbox.
 */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly read: SqlRead;
  private readonly listeners = new Set<(change: CommitChange) => void>();
  private listenClient: pg.Client | null = null;
  /** This store's name in notifications, so it skips its own (it told its listeners directly). */
  private readonly node = randomUUID();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly schema: string | null,
  ) {
    this.read = new SqlRead(poolExecutor(pool));
  }

  static async open(url: string, options: { schema?: string; poolSize?: number } = {}) {
    const schema = options.schema ?? null;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? Number(process.env['QRPAY_PG_POOL'] ?? 8),
      // statements are sent without waiting for the answers before them (see PipelinedTx)
      pipeline: true,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on the next checkout.
    });
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    const store = new PostgresStore(pool, url, schema);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(72853)'); // one migrator at a time
      await migrate(poolExecutor(client), 'postgres');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    await store.listen();
    return store;
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => {
      // Reconnect below; until then, the push hub's poll fallback keeps streams moving.
      this.listenClient = null;
    });
    client.on('notification', (message) => {
      const { node, ...change } = parseChange(message.payload);
      if (node !== this.node) this.notify(change);
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    this.listenClient = client;
  }

  /** A listener's failure must not turn a committed write into a reported failure. */
  private notify(change: CommitChange) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        process.emitWarning(`commit listener failed: ${String(error)}`);
      }
    }
  }

  async write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const pipe = new PipelinedTx(client);
      const tx = new SqlWrite(pipe.executor);
      try {
        const value = await fn(tx);
        // the notification is sent in the transaction, so it goes out only if the commit does
        await pipe.commit(() => (tx.appendedEvents ? changePayload(tx, this.node) : null));
        client.release();
        if (tx.appendedEvents) {
          const merchantIds = [...tx.changedMerchants];
          this.notify({ merchantIds, deliveries: tx.createdDeliveries, events: tx.appended });
        }
        return value;
      } catch (error) {
        await pipe.settle();
        await client.query('ROLLBACK').catch(() => undefined);
        // a connection not back to idle (lost, or mid-transaction) is closed, not reused
        client.release(client.getTransactionStatus?.() === 'I' ? undefined : true);
        const code = (error as { code?: string }).code;
        if (code && retryableCodes.has(code) && attempt < writeAttemptsMax) continue;
        throw error;
      }
    }
  }

  onCommit(listener: (change: CommitChange) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Drops the test schema (only for schemas this store was opened with). */
  async dropSchema() {
    assert(this.schema !== null, 'only a store opened on its own schema drops it');
    await this.pool.query(`DROP SCHEMA ${pg.escapeIdentifier(this.schema)} CASCADE`);
  }

  async close() {
    await this.listenClient?.end().catch(() => undefined);
    this.listenClient = null;
    await this.pool.end();
  }
}
