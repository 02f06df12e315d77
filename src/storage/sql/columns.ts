import { assert } from '../../lib/assert.ts';
import type { Row, SqlExecutor, SqlValue } from './executor.ts';

/** Typed column reads: a row's types are checked once, here, for every module's mapping. */
export function str(row: Row, key: string): string {
  const value = row[key];
  assert(typeof value === 'string', `column ${key} is text`);
  return value;
}

export function num(row: Row, key: string): number {
  const value = row[key];
  assert(typeof value === 'number' && Number.isSafeInteger(value), `column ${key} is an integer`);
  return value;
}

export function strOrNull(row: Row, key: string): string | null {
  return row[key] === null || row[key] === undefined ? null : str(row, key);
}

export function numOrNull(row: Row, key: string): number | null {
  return row[key] === null || row[key] === undefined ? null : num(row, key);
}

/** The base of every module's SQL class: one executor, and reads mapped through a row mapper. */
export class SqlQueries {
  constructor(protected readonly db: SqlExecutor) {}

  protected async one<T>(sql: string, params: SqlValue[], map: (r: Row) => T) {
    const row = await this.db.get(sql, params);
    return row === undefined ? undefined : map(row);
  }

  protected async many<T>(sql: string, params: SqlValue[], map: (r: Row) => T) {
    return (await this.db.all(sql, params)).map(map);
  }
}

/** `WHERE a = ? AND b < ?` from the conditions whose value is given (undefined ones are skipped). */
export function whereClause(conditions: readonly (readonly [string, SqlValue | undefined])[]) {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const [clause, value] of conditions) {
    if (value === undefined) continue;
    clauses.push(clause);
    params.push(value);
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}
