// The demo's tables for the vtctld fake's in-memory model. The CREATE statements are the vtgate fake's
// (src/vtgate/demo-schema.ts), so GetSchema shows the same tables with or without MariaDB behind it,
// and the row counts are the rows the vtgate fake seeds.

import { applyStatement, classifyStatement } from '../vtctld/ddl';
import { EMPTY_DATABASE_SCHEMA } from '../vtctld/topo/topology';
import type { SchemaDefinition, TableDefinition } from '../vtctld/topo/types';
import { DEMO_COUNTS } from '../vtgate/demo-data';
import { DEMO_BIG_TABLE_ROWS, DEMO_TABLES } from '../vtgate/demo-schema';
import type { TableSpec } from '../vtgate/spec';

/** Runs the CREATE statements through the DDL model, then sets the row counts (InnoDB-like sizes). */
function definitions(specs: TableSpec[], rows: Record<string, number>): TableDefinition[] {
  let sd: SchemaDefinition = { databaseSchema: EMPTY_DATABASE_SCHEMA, tables: [] };
  for (const t of specs) sd = applyStatement(sd, classifyStatement(t.createSql), 'vt_demo');
  return sd.tables.map((t) => {
    if (t.type === 'VIEW') return t;
    const rowCount = rows[t.name] ?? 0;
    return { ...t, rowCount, dataLength: 16384 * Math.max(1, Math.ceil(rowCount / 120)) };
  });
}

export function commerceTables(bigTableRows = DEMO_BIG_TABLE_ROWS): TableDefinition[] {
  return definitions(DEMO_TABLES.commerce, {
    ...DEMO_COUNTS,
    customer_seq: 1,
    all_types: 5,
    big_table: bigTableRows,
  });
}

/** The sharded customer keyspace: each shard holds its share of the rows. */
export function customerTables(rowsPerShard: number): TableDefinition[] {
  return definitions(DEMO_TABLES.customer, { customer: rowsPerShard, corder: rowsPerShard * 2 });
}

export function lookupTables(): TableDefinition[] {
  return definitions(DEMO_TABLES.lookup, { customer_email_lookup: DEMO_COUNTS.customer });
}

export const COMMERCE_VSCHEMA = {
  tables: {
    all_types: {},
    big_table: {},
    corder: {},
    customer: {},
    customer_seq: { type: 'sequence' },
    product: {},
  },
};

export const CUSTOMER_VSCHEMA = {
  sharded: true,
  vindexes: { hash: { type: 'hash' } },
  tables: {
    corder: { columnVindexes: [{ column: 'customer_id', name: 'hash' }] },
    customer: {
      columnVindexes: [{ column: 'customer_id', name: 'hash' }],
      autoIncrement: { column: 'customer_id', sequence: 'customer_seq' },
    },
  },
};

export const LOOKUP_VSCHEMA = { tables: { customer_email_lookup: {} } };
