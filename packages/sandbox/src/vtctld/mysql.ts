// The MySQL behind the tablets, when the sandbox has one: a MariaDB per cluster with one database per
// keyspace, shared by every shard and tablet of that keyspace. Commands that reach mysqld through a
// tablet (GetSchema, ApplySchema, ExecuteFetchAs*) use it; without it the in-memory DDL model answers.

import type { FetchResult } from '../vtgate/fetch';
import type { MysqlError } from './ddl';
import type { Topology } from './topo/topology';
import type { SchemaDefinition } from './topo/types';

export type { FetchResult };

export interface TabletMysql {
  /** Whether this keyspace has a database here; other keyspaces stay on the in-memory model. */
  serves(keyspace: string): boolean;
  /** GetSchema of the keyspace's database, views included. */
  getSchema(keyspace: string): Promise<SchemaDefinition>;
  /** One statement; server errors are thrown as MysqlError (`Row count exceeded N` included). */
  executeFetch(
    keyspace: string,
    sql: string,
    options: { maxRows: number; account: 'dba' | 'app' },
  ): Promise<FetchResult>;
  /** PreflightSchema on a scratch copy: schema before/after each statement, or PreflightFailure. */
  preflight(
    keyspace: string,
    sqls: string[],
  ): Promise<{ before: SchemaDefinition; after: SchemaDefinition }[]>;
}

/** Statement `index` of a preflight failed with the server's error. */
export class PreflightFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: MysqlError,
  ) {
    super(error.message);
  }
}

/**
 * Reads the keyspace's live schema into every tablet record of that keyspace, so commands that work
 * on the records (ValidateSchema*, the big-change guard) agree with what GetSchema shows.
 */
export async function syncKeyspaceSchema(
  topo: Topology,
  mysql: TabletMysql,
  keyspace: string,
): Promise<SchemaDefinition> {
  const live = await mysql.getSchema(keyspace);
  const sd: SchemaDefinition = Object.freeze({ databaseSchema: live.databaseSchema, tables: live.tables });
  for (const t of topo.tablets.values()) if (t.keyspace === keyspace) t.schema = sd;
  return sd;
}

/** Before a command compares tablet records' schemas: refresh them when MySQL serves the keyspace. */
export async function refreshServedSchema(
  topo: Topology,
  mysql: TabletMysql | undefined,
  keyspace: string,
): Promise<void> {
  if (mysql?.serves(keyspace) && topo.keyspaces.has(keyspace))
    await syncKeyspaceSchema(topo, mysql, keyspace);
}
