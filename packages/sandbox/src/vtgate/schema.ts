// GetSchema as a vttablet computes it, read from the live MariaDB: SHOW CREATE text, columns,
// primary key, table type and the information_schema size estimates.

import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import { quoteIdent } from './sql';

/** Same shape as the vtctld fake's TableDefinition, so it can take these as they are. */
export interface TableDefinition {
  name: string;
  schema: string;
  columns: string[];
  primaryKeyColumns: string[];
  type: 'BASE TABLE' | 'VIEW';
  /** information_schema estimates (InnoDB samples them), as Vitess reports them too. */
  dataLength: number;
  rowCount: number;
}

export interface SchemaDefinition {
  /** With Vitess's `{{.DatabaseName}}` placeholder in place of the database name. */
  databaseSchema: string;
  /** Sorted by name. */
  tables: TableDefinition[];
}

export async function getSchema(pool: Pool | Connection, database: string): Promise<SchemaDefinition> {
  const [[db]] = await pool.query<RowDataPacket[]>(`SHOW CREATE DATABASE ${quoteIdent(database)}`);
  const createDb = String(db?.['Create Database'] ?? '');
  const [tables] = await pool.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, COALESCE(TABLE_ROWS, 0) AS row_count,
            COALESCE(DATA_LENGTH, 0) AS data_length
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
    [database],
  );
  const [columns] = await pool.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [database],
  );
  const [keys] = await pool.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = ? AND INDEX_NAME = 'PRIMARY' ORDER BY TABLE_NAME, SEQ_IN_INDEX`,
    [database],
  );
  const group = (rows: RowDataPacket[]) => {
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(String(r.t), [...(map.get(String(r.t)) ?? []), String(r.c)]);
    return map;
  };
  const columnsByTable = group(columns);
  const keysByTable = group(keys);
  const definitions: TableDefinition[] = [];
  for (const t of tables) {
    const name = String(t.name);
    const view = t.type === 'VIEW';
    const [[show]] = await pool.query<RowDataPacket[]>(
      `SHOW CREATE ${view ? 'VIEW' : 'TABLE'} ${quoteIdent(database)}.${quoteIdent(name)}`,
    );
    definitions.push({
      name,
      // vttablet strips the counter too, or every insert would look like a schema change.
      schema: String(show?.[view ? 'Create View' : 'Create Table'] ?? '').replace(/ AUTO_INCREMENT=\d+/, ''),
      columns: columnsByTable.get(name) ?? [],
      primaryKeyColumns: keysByTable.get(name) ?? [],
      type: view ? 'VIEW' : 'BASE TABLE',
      dataLength: Number(t.data_length),
      rowCount: Number(t.row_count),
    });
  }
  return { databaseSchema: createDb.replace(quoteIdent(database), '{{.DatabaseName}}'), tables: definitions };
}
