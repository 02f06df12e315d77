import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type Platform, type PlatformOptions } from '../../src/main.ts';

import { dropSchema, storeKinds, testAdminKey, uniqueSchema, type StoreKind } from './stores.ts';

export { dropSchema, storeKinds, testAdminKey, uniqueSchema, type StoreKind };

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

