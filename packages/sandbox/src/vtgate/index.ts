// The vtgate fake: a throwaway MariaDB on loopback that speaks the MySQL protocol like vtgate does,
// one database per keyspace, seeded with the demo data set. See README.md for what differs from vtgate.

import { randomBytes } from 'node:crypto';
import mysql, { type Pool } from 'mysql2/promise';
import { demoKeyspaces } from './demo-data';
import { executeFetch, type FetchResult } from './fetch';
import { type PreflightStep, preflightSchemaChange } from './preflight';
import { getSchema, type SchemaDefinition } from './schema';
import { createAccounts, createKeyspace, seedRows } from './seed';
import { startMariadb } from './server';
import type { KeyspaceSpec } from './spec';
import { assertKeyspaceName, quoteIdent } from './sql';

export { findMariadb, MARIADB_INSTALL_HINT, MariadbNotInstalledError, requireMariadb } from './binaries';
export { clusterKeyspaces, DEMO_COUNTS, demoKeyspaces, stagingKeyspaces } from './demo-data';
export * from './demo-schema';
export { type FetchResult, formatFetchJson, RowCountExceededError, type VtField } from './fetch';
export { PreflightError, type PreflightStep } from './preflight';
export type { SchemaDefinition, TableDefinition } from './schema';
export type { KeyspaceSpec, Row, SqlValue, TableSpec } from './spec';

export interface VtgateFakeOptions {
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Default: the demo keyspaces `commerce` and `customer` with their rows. */
  keyspaces?: KeyspaceSpec[];
  /** The application account in `url`; default `vtdeck` with a random password. */
  user?: string;
  password?: string;
  /** The all-privileges account used by executeFetchAsDba; default `vtdeck_dba` with a random password. */
  dbaUser?: string;
  dbaPassword?: string;
}

export interface VtgateFake {
  /** `mysql://user:password@host:port` for the application account; no default database. */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  dba: { user: string; password: string };
  /** PID of mariadbd. */
  pid: number;
  /** The private temp dir holding the datadir and socket; gone after close(). */
  tempDir: string;
  keyspaces: string[];
  /** The database serving a keyspace (its own name); throws for a keyspace this fake does not serve. */
  databaseFor(keyspace: string): string;
  /** Appends n generated rows to a table of a keyspace; resolves to the rows inserted. */
  seedRows(keyspace: string, table: string, n: number): Promise<number>;
  /** vtctl ExecuteFetchAsDba against the keyspace's database; more than maxRows rows is an error. */
  executeFetchAsDba(keyspace: string, sql: string, options?: { maxRows?: number }): Promise<FetchResult>;
  /** vtctl ExecuteFetchAsApp: the same, with the application account. */
  executeFetchAsApp(keyspace: string, sql: string, options?: { maxRows?: number }): Promise<FetchResult>;
  /**
   * vttablet's PreflightSchema: the statements run on a scratch copy of the keyspace's schema; the
   * schema before and after each one. A failing statement throws PreflightError naming its index.
   */
  preflightSchemaChange(keyspace: string, sqls: string[]): Promise<PreflightStep[]>;
  /** Drops and re-seeds the keyspace databases (the start data set); other databases stay. */
  resetData(): Promise<void>;
  /** vtctl GetSchema of the keyspace's database, views included (filter with the vtctld fake's rules). */
  getSchema(keyspace: string): Promise<SchemaDefinition>;
  /** Stops mariadbd (SIGTERM, then SIGKILL) and removes its temp dir. Safe to call twice. */
  close(): Promise<void>;
}

function secret(): string {
  return randomBytes(12).toString('base64url');
}

export async function startVtgateFake(options: VtgateFakeOptions = {}): Promise<VtgateFake> {
  const specs = options.keyspaces ?? demoKeyspaces();
  for (const spec of specs) assertKeyspaceName(spec.name);
  const names = specs.map((s) => s.name);
  if (new Set(names).size !== names.length)
    throw new Error(`duplicate keyspace names in ${names.join(', ')}`);
  const app = { user: options.user ?? 'vtdeck', password: options.password ?? secret() };
  const dba = { user: options.dbaUser ?? 'vtdeck_dba', password: options.dbaPassword ?? secret() };

  const server = await startMariadb({ host: options.host, port: options.port });
  const pools = new Map<string, Pool>();
  try {
    const root = await mysql.createConnection({ socketPath: server.socket, user: 'root' });
    try {
      for (const spec of specs) await createKeyspace(root, spec);
      await createAccounts(root, app, dba, names);
    } finally {
      await root.end();
    }
  } catch (err) {
    await server.stop();
    throw err;
  }

  const databaseFor = (keyspace: string): string => {
    if (!names.includes(keyspace)) {
      throw new Error(`unknown keyspace ${JSON.stringify(keyspace)}: this vtgate serves ${names.join(', ')}`);
    }
    return keyspace;
  };
  const connection = { host: server.host, port: server.port, dateStrings: true, supportBigNumbers: true };
  const poolFor = (keyspace: string, account: { user: string; password: string }): Pool => {
    const database = databaseFor(keyspace);
    const key = `${account.user}/${database}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = mysql.createPool({
        ...connection,
        user: account.user,
        password: account.password,
        database,
        connectionLimit: 4,
        bigNumberStrings: true,
      });
      pools.set(key, pool);
    }
    return pool;
  };
  const dbaPool = (keyspace: string) => poolFor(keyspace, dba);
  const closePools = async () => {
    const all = [...pools.values()];
    pools.clear();
    await Promise.allSettled(all.map((p) => p.end()));
  };

  let closing: Promise<void> | undefined;
  const credentials = `${encodeURIComponent(app.user)}:${encodeURIComponent(app.password)}`;
  return {
    url: `mysql://${credentials}@${server.host}:${server.port}`,
    host: server.host,
    port: server.port,
    user: app.user,
    password: app.password,
    dba,
    pid: server.pid,
    tempDir: server.dir,
    keyspaces: names,
    databaseFor,
    seedRows: (keyspace, table, n) => seedRows(dbaPool(keyspace), databaseFor(keyspace), table, n),
    executeFetchAsDba: (keyspace, sql, opts) => executeFetch(dbaPool(keyspace), sql, opts?.maxRows ?? 10_000),
    executeFetchAsApp: (keyspace, sql, opts) =>
      executeFetch(poolFor(keyspace, app), sql, opts?.maxRows ?? 10_000),
    getSchema: (keyspace) => getSchema(dbaPool(keyspace), databaseFor(keyspace)),
    async preflightSchemaChange(keyspace, sqls) {
      const database = databaseFor(keyspace);
      // Its own connection: the scratch database becomes its default, which a pooled one must not keep.
      const conn = await mysql.createConnection({ ...connection, user: dba.user, password: dba.password });
      try {
        return await preflightSchemaChange(conn, database, sqls);
      } finally {
        await conn.end();
      }
    },
    async resetData() {
      await closePools();
      const root = await mysql.createConnection({ socketPath: server.socket, user: 'root' });
      try {
        for (const spec of specs) {
          await root.query(`DROP DATABASE IF EXISTS ${quoteIdent(spec.name)}`);
          await createKeyspace(root, spec);
        }
      } finally {
        await root.end();
      }
    },
    close: () => {
      closing ??= (async () => {
        await closePools();
        await server.stop();
      })();
      return closing;
    },
  };
}
