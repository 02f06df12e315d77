/**
 * The schema, written once for both dialects. Only column types and the auto-increment key
 * differ; everything else is SQL that SQLite, PostgreSQL and the Postgres-compatible distributed
 * databases all run. Migrations are numbered; each runs once, recorded in schema_migrations.
 */
import { allMigrations } from './migrations/index.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface ColumnTypes {
  int: string;
  text: string;
  serial: string;
}

export interface Migration {
  version: number;
  statements: string[];
}

function types(dialect: Dialect): ColumnTypes {
  return dialect === 'sqlite'
    ? { int: 'INTEGER', text: 'TEXT', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }
    : { int: 'BIGINT', text: 'TEXT', serial: 'BIGSERIAL PRIMARY KEY' };
}

export function migrations(dialect: Dialect): Migration[] {
  const t = types(dialect);
  const list = allMigrations.map((make) => make(t));
  list.sort((a, b) => a.version - b.version);
  return list;
}
