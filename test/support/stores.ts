export type StoreKind = 'sqlite' | 'postgres';

/**
 * The stores a contract test runs against: SQLite, plus PostgreSQL when QRPAY_TEST_PG_URL is set;
 * `npm run test:pg` sets QRPAY_TEST_STORES=postgres to run the PostgreSQL half alone.
 */
export function storeKinds(): StoreKind[] {
  if (process.env['QRPAY_TEST_STORES'] === 'postgres') return ['postgres'];
  return process.env['QRPAY_TEST_PG_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];
}

export const testAdminKey = 'qrp_admin_test-operator-key-0123456789';

let schemaCounter = 0;
export function uniqueSchema(): string {
  schemaCounter += 1;
  return `qrpay_t_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
}

export async function dropSchema(schema: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env['QRPAY_TEST_PG_URL'] });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

export async function createSchema(schema: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env['QRPAY_TEST_PG_URL'] });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await client.end();
}

/** A fresh real store of the given kind (a temporary SQLite file or its own PostgreSQL schema). */
export async function openTestStore(kind: StoreKind, prefix = 'qrpay-store-') {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  if (kind === 'sqlite') {
    const { SqliteStore } = await import('../../src/storage/sqlite/sqlite-store.ts');
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const store = await SqliteStore.open(join(dir, 'qrpay.db'));
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { PostgresStore } = await import('../../src/storage/postgres/postgres-store.ts');
  const schema = uniqueSchema();
  const store = await PostgresStore.open(process.env['QRPAY_TEST_PG_URL'] ?? '', { schema });
  return { store, cleanup: () => dropSchema(schema) };
}
