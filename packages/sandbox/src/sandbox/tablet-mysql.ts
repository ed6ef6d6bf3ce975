// The vtctld fake's view of a cluster's MariaDB: the tablets of a keyspace reach its database directly
// (not through the vtgate proxy, whose faults are vtgate's), and server errors become the MysqlError
// texts vttablet relays.

import { MysqlError } from '../vtctld/ddl';
import { PreflightFailure, type TabletMysql } from '../vtctld/mysql';
import { PreflightError, RowCountExceededError, type VtgateFake } from '../vtgate';

/** ERVitessMaxRowsExceeded, raised by go/mysql without a SQLSTATE. */
const MAX_ROWS_EXCEEDED = 10001;

function asMysqlError(err: unknown): unknown {
  if (err instanceof RowCountExceededError) return new MysqlError(MAX_ROWS_EXCEEDED, '', err.message);
  const e = err as { errno?: unknown; sqlState?: unknown; sqlMessage?: unknown };
  if (typeof e.errno === 'number' && typeof e.sqlMessage === 'string') {
    return new MysqlError(e.errno, typeof e.sqlState === 'string' ? e.sqlState : 'HY000', e.sqlMessage);
  }
  return err;
}

export function tabletMysql(vtgate: VtgateFake): TabletMysql {
  return {
    serves: (keyspace) => vtgate.keyspaces.includes(keyspace),
    getSchema: (keyspace) => vtgate.getSchema(keyspace),
    async executeFetch(keyspace, sql, { maxRows, account }) {
      try {
        return account === 'dba'
          ? await vtgate.executeFetchAsDba(keyspace, sql, { maxRows })
          : await vtgate.executeFetchAsApp(keyspace, sql, { maxRows });
      } catch (err) {
        throw asMysqlError(err);
      }
    },
    async preflight(keyspace, sqls) {
      try {
        return await vtgate.preflightSchemaChange(keyspace, sqls);
      } catch (err) {
        if (!(err instanceof PreflightError)) throw err;
        const cause = asMysqlError(err.cause);
        if (cause instanceof MysqlError) throw new PreflightFailure(err.index, cause);
        throw cause;
      }
    },
  };
}
