import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type Platform, type PlatformOptions } from '../../src/main.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when QRPAY_TEST_PG_URL is set (CI sets it). */
export function storeKinds(): StoreKind[] {
  return process.env['QRPAY_TEST_PG_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];
}

export const testAdminKey = 'qrp_admin_test-operator-key-0123456789';

let schemaCounter = 0;
export function uniqueSchema(): string {
  schemaCounter += 1;
  return `qrpay_t_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
}

export interface TestPlatform extends Platform {
  kind: StoreKind;
  dataDir: string;
  /** Stops the platform and removes everything it made (temp folder, PostgreSQL schema). */
  destroy(): Promise<void>;
}

/** A real platform on a real store (a fresh SQLite file or a fresh PostgreSQL schema). */
export async function startTestPlatform(
  kind: StoreKind,
  extra: Partial<PlatformOptions> = {},
): Promise<TestPlatform> {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'qrpay-test-'));
  const pgSchema = kind === 'postgres' ? (extra.pgSchema ?? uniqueSchema()) : undefined;
  const platform = await startPlatform({
    adminKey: testAdminKey,
    ...extra,
    dataDir,
    dbUrl: kind === 'postgres' ? process.env['QRPAY_TEST_PG_URL'] : undefined,
    pgSchema,
  });
  return {
    ...platform,
    kind,
    dataDir,
    async destroy() {
      await platform.close();
      if (pgSchema) await dropSchema(pgSchema);
      if (!extra.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropSchema(schema: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env['QRPAY_TEST_PG_URL'] });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
