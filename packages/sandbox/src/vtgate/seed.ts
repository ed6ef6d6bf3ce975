// Creating keyspace databases, their users and rows: explicit rows in multi-row INSERT batches, and
// generated rows with INSERT ... SELECT over MariaDB's SEQUENCE engine (100k rows in well under a second).

import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import type { KeyspaceSpec, Row, SqlValue } from './spec';
import { grantDatabase, quoteIdent, quoteString } from './sql';

type Db = Connection | Pool;

const INSERT_BATCH = 500;
const GENERATE_CHUNK = 50_000;

const APP_PRIVILEGES =
  'SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, CREATE VIEW, SHOW VIEW, ' +
  'CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE ROUTINE, ALTER ROUTINE, TRIGGER, REFERENCES';

export interface Account {
  user: string;
  password: string;
}

/** The app account sees only the keyspace databases; the dba account may do anything, like vt_dba. */
export async function createAccounts(db: Db, app: Account, dba: Account, databases: string[]): Promise<void> {
  for (const { user, password } of [app, dba]) {
    await db.query(`CREATE OR REPLACE USER ${quoteString(user)}@'%' IDENTIFIED BY ${quoteString(password)}`);
  }
  for (const name of databases) {
    await db.query(`GRANT ${APP_PRIVILEGES} ON ${grantDatabase(name)}.* TO ${quoteString(app.user)}@'%'`);
  }
  await db.query(`GRANT ALL PRIVILEGES ON *.* TO ${quoteString(dba.user)}@'%' WITH GRANT OPTION`);
  // mariadb-install-db leaves a password-less root on TCP; keep only the one behind our private socket.
  const [roots] = await db.query<RowDataPacket[]>(
    "SELECT Host AS host FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost'",
  );
  for (const { host } of roots) await db.query(`DROP USER IF EXISTS 'root'@${quoteString(String(host))}`);
}

function sqlValue(value: SqlValue): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Inserts rows in multi-row batches; missing columns of a row get NULL. */
export async function insertRows(db: Db, database: string, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const target = `${quoteIdent(database)}.${quoteIdent(table)}`;
  const columnList = columns.map(quoteIdent).join(', ');
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH).map((row) => columns.map((c) => sqlValue(row[c] ?? null)));
    await db.query(`INSERT INTO ${target} (${columnList}) VALUES ?`, [batch]);
  }
}

export async function createKeyspace(db: Db, spec: KeyspaceSpec): Promise<void> {
  const database = quoteIdent(spec.name);
  await db.query(`CREATE DATABASE IF NOT EXISTS ${database} DEFAULT CHARACTER SET utf8mb4`);
  await db.query(`USE ${database}`);
  for (const table of spec.tables) await db.query(table.createSql);
  for (const table of spec.tables) {
    const rows = spec.rows?.[table.name];
    if (rows) await insertRows(db, spec.name, table.name, rows);
  }
  for (const table of spec.tables) {
    if (table.generateRows) await seedRows(db, spec.name, table.name, table.generateRows);
  }
}

interface ColumnInfo {
  name: string;
  dataType: string;
  columnType: string;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
  nullable: boolean;
  key: string;
  extra: string;
}

interface GenerationContext {
  /** Row count before this run, so generated strings do not repeat earlier runs' values. */
  offset: number;
  /** MAX() of each integer key column, so generated keys continue after existing rows. */
  maxima: Map<string, number>;
  jsonColumns: Set<string>;
}

const S = 's.seq';

function countValues(columnType: string): number {
  return Math.max(1, columnType.match(/'(?:[^']|'')*'/g)?.length ?? 1);
}

/** A SQL expression of the sequence number that fits the column; unique where the column is a key. */
function generator(c: ColumnInfo, ctx: GenerationContext): string {
  const unique = c.key === 'PRI' || c.key === 'UNI';
  const unsigned = /unsigned/i.test(c.columnType);
  const ranged = (max: number) =>
    unique ? `(${ctx.maxima.get(c.name) ?? 0} + ${S})` : `(${S} * 7919 % ${max})`;
  const text = (len: number) => `LEFT(CONCAT(${quoteString(c.name)}, '-', ${ctx.offset} + ${S}), ${len})`;
  switch (c.dataType) {
    case 'tinyint':
      return /^tinyint\(1\)/i.test(c.columnType) ? `(${S} % 2)` : ranged(unsigned ? 255 : 127);
    case 'smallint':
      return ranged(unsigned ? 65535 : 32767);
    case 'mediumint':
      return ranged(8388607);
    case 'int':
    case 'bigint':
      return ranged(100_000);
    case 'decimal': {
      const whole = Math.min((c.precision ?? 10) - (c.scale ?? 0), 6);
      return `(${S} % ${10 ** whole} + (${S} % 100) / 100)`;
    }
    case 'float':
    case 'double':
      return `ROUND(RAND(${S}) * 1000, 3)`;
    case 'date':
      return `DATE_ADD('2020-01-01', INTERVAL ${S} % 3650 DAY)`;
    case 'datetime':
    case 'timestamp':
      return `TIMESTAMPADD(SECOND, ${S} * 7919 % 157680000, '2020-01-01 00:00:00')`;
    case 'time':
      return `SEC_TO_TIME(${S} % 86400)`;
    case 'year':
      return `(1901 + ${S} % 254)`;
    case 'enum':
      return `(1 + ${S} % ${countValues(c.columnType)})`;
    case 'set':
      return `(${S} % ${2 ** Math.min(countValues(c.columnType), 30)})`;
    case 'bit':
      return `(${S} % ${2 ** Math.min(c.precision ?? 1, 30)})`;
    case 'binary':
      return unique ? text(c.maxLength ?? 16) : `UNHEX(MD5(${S}))`;
    case 'tinyblob':
    case 'blob':
    case 'mediumblob':
    case 'longblob':
      return `UNHEX(MD5(${ctx.offset} + ${S}))`;
    case 'char':
    case 'varchar':
    case 'varbinary':
    case 'tinytext':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      if (ctx.jsonColumns.has(c.name)) return `JSON_OBJECT('n', ${S}, 'even', ${S} % 2 = 0)`;
      return text(Math.min(c.maxLength ?? 255, 255));
    default:
      if (c.nullable) return 'NULL';
      throw new Error(`seedRows cannot generate values for ${c.name} (${c.columnType})`);
  }
}

async function describe(db: Db, database: string, table: string): Promise<ColumnInfo[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType,
            CHARACTER_MAXIMUM_LENGTH AS maxLength, COALESCE(NUMERIC_PRECISION, DATETIME_PRECISION) AS precision_,
            NUMERIC_SCALE AS scale, IS_NULLABLE AS nullable, COLUMN_KEY AS k, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [database, table],
  );
  if (rows.length === 0) throw new Error(`seedRows: table ${database}.${table} does not exist`);
  return rows.map((r) => ({
    name: String(r.name),
    dataType: String(r.dataType).toLowerCase(),
    columnType: String(r.columnType),
    maxLength: r.maxLength === null ? null : Number(r.maxLength),
    precision: r.precision_ === null ? null : Number(r.precision_),
    scale: r.scale === null ? null : Number(r.scale),
    nullable: r.nullable === 'YES',
    key: String(r.k),
    extra: String(r.extra).toLowerCase(),
  }));
}

async function context(
  db: Db,
  database: string,
  table: string,
  columns: ColumnInfo[],
): Promise<GenerationContext> {
  const target = `${quoteIdent(database)}.${quoteIdent(table)}`;
  const intKeys = columns.filter(
    (c) =>
      (c.key === 'PRI' || c.key === 'UNI') && /int$/.test(c.dataType) && !c.extra.includes('auto_increment'),
  );
  const select = [
    'COUNT(*) AS n',
    ...intKeys.map((c, i) => `COALESCE(MAX(${quoteIdent(c.name)}), 0) AS m${i}`),
  ].join(', ');
  const [[counts]] = await db.query<RowDataPacket[]>(`SELECT ${select} FROM ${target}`);
  const maxima = new Map(intKeys.map((c, i) => [c.name, Number(counts?.[`m${i}`] ?? 0)]));
  // MariaDB stores JSON as LONGTEXT guarded by a json_valid() check: find those columns by their check.
  const [checks] = await db.query<RowDataPacket[]>(
    'SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
    [database, table],
  );
  const jsonColumns = new Set(
    checks.flatMap((r) => [...String(r.clause).matchAll(/json_valid\(`([^`]+)`\)/gi)].map((m) => m[1]!)),
  );
  return { offset: Number(counts?.n ?? 0), maxima, jsonColumns };
}

async function assertSequenceEngine(db: Db): Promise<void> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT 1 FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE' AND SUPPORT IN ('YES', 'DEFAULT')",
  );
  if (rows.length === 0) throw new Error('seedRows needs the SEQUENCE storage engine of MariaDB 10.0+');
}

/**
 * Appends n generated rows to database.table, chunk by chunk, deriving each column's values from its
 * type (auto-increment and generated columns are left to the server; nullable ones get some NULLs).
 * Returns the number of rows inserted.
 */
export async function seedRows(db: Db, database: string, table: string, n: number): Promise<number> {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`seedRows: row count must be a whole number, got ${n}`);
  if (n === 0) return 0;
  await assertSequenceEngine(db);
  const all = await describe(db, database, table);
  const columns = all.filter(
    (c) => !c.extra.includes('auto_increment') && !/generated|virtual|persistent|stored/.test(c.extra),
  );
  const ctx = await context(db, database, table, columns);
  const target = `${quoteIdent(database)}.${quoteIdent(table)}`;
  const exprs = columns.map((c) => {
    const expr = generator(c, ctx);
    return c.nullable && c.key === '' && expr !== 'NULL' ? `IF(${S} % 10 = 0, NULL, ${expr})` : expr;
  });
  // A table of nothing but an auto-increment key still takes rows: insert NULL into the key.
  const autoKey = columns.length === 0 ? all.find((c) => c.extra.includes('auto_increment')) : undefined;
  if (autoKey) {
    columns.push(autoKey);
    exprs.push('NULL');
  }
  const columnList = columns.map((c) => quoteIdent(c.name)).join(', ');
  let inserted = 0;
  for (let start = 1; start <= n; start += GENERATE_CHUNK) {
    const end = Math.min(n, start + GENERATE_CHUNK - 1);
    const [result] = await db.query(
      `INSERT INTO ${target} (${columnList}) SELECT ${exprs.join(', ')} FROM ${quoteIdent(database)}.seq_${start}_to_${end} s`,
    );
    inserted += (result as { affectedRows: number }).affectedRows;
  }
  return inserted;
}
