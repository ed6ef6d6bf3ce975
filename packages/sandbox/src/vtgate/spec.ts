// What a vtgate fake serves: keyspaces (one database each), their tables and the rows to seed.

export type SqlValue = string | number | bigint | boolean | null | Buffer | Date;
export type Row = Record<string, SqlValue>;

export interface TableSpec {
  name: string;
  /** A CREATE TABLE or CREATE VIEW statement; views must come after the tables they read. */
  createSql: string;
  /** Extra generated rows added by seedRows after the explicit rows, e.g. for big tables. */
  generateRows?: number;
}

export interface KeyspaceSpec {
  /** Also the database name, so it is always quoted with backticks. */
  name: string;
  tables: TableSpec[];
  /** Explicit rows by table name, inserted in the order of `tables`. */
  rows?: Record<string, Row[]>;
}
