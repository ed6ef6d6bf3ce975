// vtgate over the MySQL protocol: one mysql2 pool per cluster for statements, and a small second pool
// for `KILL QUERY`, so a cancel never waits behind the queries it is meant to stop.
import mysql, { type Pool, type PoolConnection } from 'mysql2';
import type { VtgateConfig } from '../../config';
import { AppError } from '../../http/app-error';
import { toUpstreamError } from './errors';

export type TabletType = 'primary' | 'replica' | 'rdonly';

export interface Target {
  keyspace: string;
  tabletType?: TabletType;
  shard?: string;
}

/** A pooled connection pointed at a target. `done` returns it, or destroys it when its session changed. */
export interface Lease {
  connection: PoolConnection;
  threadId: number;
  done(reuse: boolean): void;
}

export interface VtgateClient {
  readonly cluster: string;
  readonly flavor: 'vitess' | 'mysql';
  /** A connection whose default keyspace is the target (`USE`). Rejects with UpstreamError or a 404. */
  lease(target: Target): Promise<Lease>;
  /** `KILL QUERY <threadId>` on a connection of its own. */
  killQuery(threadId: number): Promise<void>;
  /** A short query on any pooled connection (schema reads). */
  query<T>(sql: string | { sql: string; rowsAsArray?: boolean }, values?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

// A keyspace name as Vitess allows it; anything else never reaches a `USE`.
const KEYSPACE = /^[A-Za-z0-9_-]{1,64}$/;
const SHARD = /^[0-9a-fA-F]*-[0-9a-fA-F]*$|^0$/;

export function createVtgateClient(cluster: string, config: VtgateConfig): VtgateClient {
  const common = {
    connectTimeout: config.connectTimeoutMs,
    // Text results stay text: the console shows what the server sent, digit for digit.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
    enableKeepAlive: true,
  } as const;
  const pool: Pool = mysql.createPool({
    uri: config.url,
    ...common,
    connectionLimit: config.poolSize,
    // Past this many waiting requests a new one fails at once instead of queueing without bound.
    queueLimit: config.poolSize * 8,
    maxIdle: Math.min(config.poolSize, 4),
    idleTimeout: 60_000,
  });
  const killPool: Pool = mysql.createPool({
    uri: config.dbaUrl ?? config.url,
    ...common,
    connectionLimit: 2,
    maxIdle: 1,
  });
  const fail = (err: unknown) => toUpstreamError(err, cluster);

  const useStatement = (target: Target): string => {
    if (!KEYSPACE.test(target.keyspace)) {
      throw new AppError(400, 'VALIDATION', `keyspace "${target.keyspace}" is not a keyspace name`);
    }
    if (target.shard !== undefined && !SHARD.test(target.shard)) {
      throw new AppError(400, 'VALIDATION', `shard "${target.shard}" is not a shard name such as -80 or 0`);
    }
    // A MySQL standing in for vtgate has one database per keyspace and no tablet types or shards.
    if (config.flavor === 'mysql') return `USE ${mysql.escapeId(target.keyspace)}`;
    const shard = target.shard ? `:${target.shard}` : '';
    const type = target.tabletType ? `@${target.tabletType}` : '';
    return `USE ${mysql.escapeId(`${target.keyspace}${shard}${type}`)}`;
  };

  return {
    cluster,
    flavor: config.flavor,
    async lease(target) {
      const use = useStatement(target);
      const connection = await new Promise<PoolConnection>((resolve, reject) =>
        pool.getConnection((err, conn) => (err ? reject(fail(err)) : resolve(conn))),
      );
      try {
        await new Promise<void>((resolve, reject) =>
          connection.query(use, (err) => (err ? reject(err) : resolve())),
        );
      } catch (err) {
        connection.destroy();
        throw unknownKeyspace(err, target.keyspace, cluster) ?? fail(err);
      }
      let returned = false;
      return {
        connection,
        threadId: connection.threadId ?? 0,
        done(reuse) {
          if (returned) return;
          returned = true;
          if (reuse) connection.release();
          else connection.destroy();
        },
      };
    },
    async killQuery(threadId) {
      try {
        await killPool.promise().query(`KILL QUERY ${Math.trunc(threadId)}`);
      } catch (err) {
        // The query may have ended (and its thread gone) between the decision and the kill.
        if ((err as { errno?: number }).errno === 1094) return;
        throw fail(err);
      }
    },
    async query<T>(sql: string | { sql: string; rowsAsArray?: boolean }, values?: unknown[]) {
      try {
        const [rows] = await pool.promise().query(typeof sql === 'string' ? { sql } : sql, values);
        return rows as T;
      } catch (err) {
        throw fail(err);
      }
    },
    async close() {
      await Promise.allSettled([pool.promise().end(), killPool.promise().end()]);
    },
  };
}

// MariaDB answers 1049 (unknown database) or 1044 (no access to it); vtgate 1049 or 1105 "unknown keyspace".
function unknownKeyspace(err: unknown, keyspace: string, cluster: string): AppError | undefined {
  const e = err as { errno?: number; message?: string };
  if (e.errno === 1049 || e.errno === 1044 || /unknown (database|keyspace)/i.test(e.message ?? '')) {
    return new AppError(
      404,
      'KEYSPACE_NOT_FOUND',
      `vtgate of cluster ${cluster} serves no keyspace "${keyspace}"`,
    );
  }
  return undefined;
}
