// The TabletExecutor's execute step against the sandbox's MariaDB: PreflightSchema on a scratch copy
// of the keyspace's database, then each statement on the database itself. Every shard master of a
// keyspace shares that one database, so a statement runs once and its outcome is every master's.

import type { Classified } from './ddl';
import { PreflightFailure, syncKeyspaceSchema, type TabletMysql } from './mysql';
import { type ExecuteResult, mysqlRpcError, noChangeError, sameSchema, startResult } from './schema-change';
import type { Topology } from './topo/topology';
import type { Tablet } from './topo/types';
import { rpc } from './wrangler/tmc';

export async function executeOnMysql(
  topo: Topology,
  mysql: TabletMysql,
  keyspace: string,
  masters: Tablet[],
  sqls: string[],
  parsed: Classified[],
): Promise<ExecuteResult> {
  const { result, finish } = startResult(sqls);
  try {
    rpc(masters[0]!);
    const steps = await mysql.preflight(keyspace, sqls);
    for (const [i, step] of steps.entries()) {
      const unchanged = sameSchema(step.before, step.after) ? noChangeError(sqls[i]!, parsed[i]!) : null;
      if (unchanged) {
        result.ExecutorErr = unchanged;
        return finish();
      }
    }
  } catch (err) {
    result.ExecutorErr =
      err instanceof PreflightFailure ? mysqlRpcError(err.error, sqls[err.index]!) : (err as Error).message;
    return finish();
  }
  try {
    for (const [i, sql] of sqls.entries()) {
      result.CurSQLIndex = i;
      result.FailedShards = [];
      result.SuccessShards = [];
      let outcome: unknown; // undefined: not run yet; null: ran fine; else the server's error
      for (const master of masters) {
        try {
          rpc(master);
          if (outcome === undefined) {
            outcome = await mysql.executeFetch(keyspace, sql, { maxRows: 10_000, account: 'dba' }).then(
              () => null,
              (err: unknown) => err,
            );
          }
          if (outcome !== null) throw outcome;
          result.SuccessShards.push({ Shard: master.shard, Result: {}, Position: '' });
        } catch (err) {
          result.FailedShards.push({ Shard: master.shard, Err: mysqlRpcError(err, sql) });
        }
      }
      if (result.FailedShards.length > 0) break;
    }
  } finally {
    // The replicas see the change through replication: every tablet record takes the new schema.
    await syncKeyspaceSchema(topo, mysql, keyspace).catch(() => undefined);
  }
  return finish();
}
