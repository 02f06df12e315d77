import type { SqlExecutor } from './executor.ts';
import { type Dialect, migrations } from './schema.ts';

/** Applies the migrations not yet recorded. The caller runs this inside one transaction. */
export async function migrate(db: SqlExecutor, dialect: Dialect): Promise<number[]> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)',
    [],
  );
  const done = new Set((await db.all('SELECT version FROM schema_migrations', [])).map((r) => Number(r['version'])));
  const applied: number[] = [];
  for (const migration of migrations(dialect)) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements) await db.run(statement, []);
    await db.run('INSERT INTO schema_migrations (version, applied_at_ms) VALUES (?, ?)', [
      migration.version,
      Date.now(),
    ]);
    applied.push(migration.version);
  }
  return applied;
}
