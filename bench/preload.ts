/**
 * Fills a store with history before a benchmark, so it shows whether anything slows down as the
 * tables grow (indexes, no scans on the hot path). Rows are generated inside the database
 * (a recursive CTE on SQLite, generate_series on PostgreSQL): paid orders of one historic merchant
 * with their events. Ids sort before any live id, so live paging is unaffected.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { SqliteStore } from '../src/storage/sqlite/sqlite-store.ts';
import { PostgresStore } from '../src/storage/postgres/postgres-store.ts';

const merchantSql = `INSERT INTO merchants (id, legal_name, display_name, city, country, mcc, currency,
  fee_rate_bp, status, tier, event_seq, created_at_ms)
  VALUES ('mer_00000000000000000000HISTRY', 'History Ltd', 'History', 'Shanghai', 'CN', '5812', 'CNY',
  38, 'approved', 'standard', 0, 0) ON CONFLICT (id) DO NOTHING`;

export async function preloadSqlite(path: string, orders: number, batch = 200_000): Promise<void> {
  const store = await SqliteStore.open(path); // applies the migrations
  await store.close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // history loading only; the platform itself runs FULL
  db.exec(merchantSql);
  const insert = db.prepare(`WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?)
    INSERT INTO orders (id, merchant_id, terminal_id, out_trade_no, amount, currency, description,
      status, fee, refunded, refunded_fee, wallet_id, qr_token, qr_payload, created_at_ms,
      expires_at_ms, scanned_at_ms, paid_at_ms, closed_at_ms)
    SELECT 'ord_' || printf('%026d', x), 'mer_00000000000000000000HISTRY', NULL, 'H' || x,
      100 + x % 9000, 'CNY', NULL, 'paid', 1, 0, 0, NULL, 'h' || x, '000201', x, x + 900000,
      NULL, x, NULL FROM c`);
  for (let from = 1; from <= orders; from += batch) {
    const to = Math.min(orders, from + batch - 1);
    db.transaction(() => insert.run(from, to))();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export async function preloadPostgres(url: string, orders: number, batch = 500_000): Promise<void> {
  const store = await PostgresStore.open(url);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(merchantSql);
    for (let from = 1; from <= orders; from += batch) {
      const to = Math.min(orders, from + batch - 1);
      await client.query(
        `INSERT INTO orders (id, merchant_id, terminal_id, out_trade_no, amount, currency,
          description, status, fee, refunded, refunded_fee, wallet_id, qr_token, qr_payload,
          created_at_ms, expires_at_ms, scanned_at_ms, paid_at_ms, closed_at_ms)
        SELECT 'ord_' || lpad(x::text, 26, '0'), 'mer_00000000000000000000HISTRY', NULL, 'H' || x,
          100 + x % 9000, 'CNY', NULL, 'paid', 1, 0, 0, NULL, 'h' || x, '000201', x, x + 900000,
          NULL, x, NULL FROM generate_series($1::bigint, $2::bigint) AS x`,
        [from, to],
      );
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
