/**
 * The little that differs between SQLite and PostgreSQL drivers. Statements are written with `?`
 * placeholders; the PostgreSQL executor numbers them. Integers come back as JS numbers (the
 * PostgreSQL executor parses BIGINT and asserts it is a safe integer).
 */
export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

export interface SqlExecutor {
  /**
   * Where a round trip costs (PostgreSQL over a socket), a write of several steps is sent as one
   * statement; in-process SQLite runs the steps one by one.
   */
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
  get(sql: string, params: readonly SqlValue[]): Promise<Row | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
  /**
   * A write whose outcome the caller does not wait for. PostgreSQL sends it at once, behind the
   * statements before it, and the transaction checks it before it commits (a failure still fails
   * the whole transaction, at the latest at commit); SQLite simply runs it. `then` gets its rows.
   */
  defer(sql: string, params: readonly SqlValue[], then?: (rows: Row[]) => void): Promise<void>;
}
