// schemamanager.Run with the TabletExecutor, as POST /api/schema/apply and ApplySchema drive it:
// read (split on `;`), open (one master per shard), validate (DDL only, big-change guard),
// execute (preflight on the first master, then every master), with the UIController's texts.

import { applyStatement, type Classified, classifyStatement, ddlDisplay, MysqlError } from './ddl';
import { goMarshal, goMarshalIndent } from './encoding/go-json';
import { syncKeyspaceSchema, type TabletMysql } from './mysql';
import { executeOnMysql } from './schema-change-mysql';
import type { Topology } from './topo/topology';
import type { SchemaDefinition, Tablet } from './topo/types';
import { dbName, rpc } from './wrangler/tmc';

export interface ExecuteResult {
  FailedShards: { Shard: string; Err: string }[] | null;
  SuccessShards: { Shard: string; Result: Record<string, never>; Position: string }[] | null;
  CurSQLIndex: number;
  Sqls: string[];
  ExecutorErr: string;
  TotalTimeSpent: number;
}

export interface SchemaChangeOptions {
  allowLongUnavailability?: boolean;
  /** When it serves the keyspace, the change really runs there (else on the in-memory model). */
  mysql?: TabletMysql;
}

/** An ExecuteResult before execution, and the stopwatch that fills TotalTimeSpent. */
export function startResult(sqls: string[]): { result: ExecuteResult; finish(): ExecuteResult } {
  const started = process.hrtime.bigint();
  const result: ExecuteResult = {
    FailedShards: null,
    SuccessShards: null,
    CurSQLIndex: 0,
    Sqls: sqls,
    ExecutorErr: '',
    TotalTimeSpent: 0,
  };
  return {
    result,
    finish() {
      result.TotalTimeSpent = Number(process.hrtime.bigint() - started);
      return result;
    },
  };
}

/** The tablet's error for a failed statement, as vttablet relays MySQL's. */
export function mysqlRpcError(err: unknown, sql: string): string {
  if (err instanceof MysqlError)
    return `rpc error: code = Unknown desc = ${err.message} during query: ${sql}`;
  return (err as Error).message;
}

/**
 * Runs the change; `write` receives the UIController's pieces in order. Returns the error that
 * schemamanager.Run returns (null on success); the HTTP handler appends it as `<error>\n`.
 */
export async function runSchemaChange(
  topo: Topology,
  keyspace: string,
  sqlText: string,
  write: (text: string) => void,
  options: SchemaChangeOptions = {},
): Promise<string | null> {
  const sqls = sqlText
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  write(`OnReadSuccess, sqls: [${sqls.join(' ')}]\n`);
  if (sqls.length === 0) return null;

  const opened = openExecutor(topo, keyspace);
  if (typeof opened === 'string') return opened;
  const masters = opened;
  const mysql = options.mysql?.serves(keyspace) ? options.mysql : undefined;
  if (mysql && masters[0]!.reachable) {
    // The big-change guard reads the first master's row counts: take them from the live database.
    try {
      await syncKeyspaceSchema(topo, mysql, keyspace);
    } catch (err) {
      return `unable to get schema of keyspace: ${keyspace}, error: ${(err as Error).message}`;
    }
  }

  const validation = validate(sqls, masters[0]!, options);
  if (typeof validation === 'string') {
    write(`OnValidationFail, error: ${validation}\n`);
    return validation;
  }
  write(`OnValidationSuccess, sqls: [${sqls.join(' ')}]\n`);

  const result = mysql
    ? await executeOnMysql(topo, mysql, keyspace, masters, sqls, validation)
    : execute(topo, masters, sqls, validation);
  write(`Executor succeeds: ${goMarshal(result)}`);
  if (result.ExecutorErr !== '' || (result.FailedShards?.length ?? 0) > 0) {
    return `schema change failed, ExecuteResult: ${goMarshalIndent(result)}`;
  }
  return null;
}

function openExecutor(topo: Topology, keyspace: string): Tablet[] | string {
  let shards: string[];
  try {
    shards = topo.getShardNames(keyspace);
  } catch (err) {
    return `unable to get shard names for keyspace: ${keyspace}, error: ${(err as Error).message}`;
  }
  const masters: Tablet[] = [];
  for (const shard of shards) {
    const si = topo.findShard(keyspace, shard);
    if (!si)
      return `unable to get shard info, keyspace: ${keyspace}, shard: ${shard}, error: node doesn't exist`;
    if (!si.masterAlias) return `shard: ${shard} does not have a master`;
    try {
      masters.push(topo.getTablet(si.masterAlias));
    } catch (err) {
      return `unable to get master tablet info, keyspace: ${keyspace}, shard: ${shard}, error: ${(err as Error).message}`;
    }
  }
  if (masters.length === 0) return `keyspace: ${keyspace} does not contain any master tablets`;
  return masters;
}

function validate(sqls: string[], first: Tablet, options: SchemaChangeOptions): Classified[] | string {
  const parsed: Classified[] = [];
  for (const sql of sqls) {
    const c = classifyStatement(sql);
    if (c.kind === 'error') return `failed to parse sql: ${sql}, got error: ${c.message}`;
    if (c.kind === 'other') return `schema change works for DDLs only, but get non DDL statement: ${sql}`;
    parsed.push(c);
  }
  try {
    rpc(first);
  } catch (err) {
    return (err as Error).message;
  }
  if (options.allowLongUnavailability) return parsed;
  const rows = new Map(first.schema.tables.map((t) => [t.name, t.rowCount]));
  for (const c of parsed) {
    if (c.kind !== 'ddl' || c.action === 'drop' || c.action === 'create' || c.action === 'truncate') continue;
    const count = rows.get(c.tables[0]!);
    if (count === undefined) continue;
    const prefix = `big schema change detected. Disable check with -allow_long_unavailability. ddl: ${ddlDisplay(c)}`;
    if (count > 100_000 && c.action === 'alter')
      return `${prefix} alters a table with more than 100 thousand rows`;
    if (count > 2_000_000) return `${prefix} changes a table with more than 2 million rows`;
  }
  return parsed;
}

export function sameSchema(a: SchemaDefinition, b: SchemaDefinition): boolean {
  return (
    a.tables.length === b.tables.length &&
    a.tables.every((t, i) => t.schema === b.tables[i]!.schema && t.name === b.tables[i]!.name)
  );
}

/** `Schema change: '<sql>' does not introduce any table definition change.` unless DROP ... IF EXISTS. */
export function noChangeError(sql: string, stmt: Classified): string | null {
  if (stmt.kind === 'ddl' && stmt.action === 'drop' && stmt.ifExists) return null;
  return `Schema change: '${sql}' does not introduce any table definition change.`;
}

function execute(topo: Topology, masters: Tablet[], sqls: string[], parsed: Classified[]): ExecuteResult {
  const { result, finish } = startResult(sqls);
  // Preflight: every statement, in order, on a scratch copy of the first master's schema.
  const first = masters[0]!;
  try {
    rpc(first);
    let before = first.schema;
    for (let i = 0; i < sqls.length; i++) {
      const c = parsed[i]!;
      let after: SchemaDefinition;
      try {
        after = applyStatement(before, c, dbName(first));
      } catch (err) {
        result.ExecutorErr = mysqlRpcError(err, sqls[i]!);
        return finish();
      }
      const unchanged = sameSchema(before, after) ? noChangeError(sqls[i]!, c) : null;
      if (unchanged) {
        result.ExecutorErr = unchanged;
        return finish();
      }
      before = after;
    }
  } catch (err) {
    result.ExecutorErr = (err as Error).message;
    return finish();
  }
  for (let i = 0; i < sqls.length; i++) {
    result.CurSQLIndex = i;
    result.FailedShards = [];
    result.SuccessShards = [];
    for (const master of masters) {
      try {
        rpc(master);
        const next = applyStatement(master.schema, parsed[i]!, dbName(master));
        replicate(topo, master, parsed[i]!, next);
        result.SuccessShards.push({ Shard: master.shard, Result: {}, Position: '' });
      } catch (err) {
        result.FailedShards.push({ Shard: master.shard, Err: mysqlRpcError(err, sqls[i]!) });
      }
    }
    if (result.FailedShards.length > 0) break;
  }
  return finish();
}

/** The master's change reaches its replicas through replication; tablets sharing a schema keep sharing it. */
function replicate(topo: Topology, master: Tablet, stmt: Classified, masterNext: SchemaDefinition): void {
  const translated = new Map<SchemaDefinition, SchemaDefinition>([[master.schema, masterNext]]);
  for (const t of topo.tabletsInShard(master.keyspace, master.shard)) {
    let next = translated.get(t.schema);
    if (!next) {
      try {
        next = applyStatement(t.schema, stmt, dbName(t));
      } catch {
        next = t.schema; // a diverged replica would break replication; the sandbox leaves it as is
      }
      translated.set(t.schema, next);
    }
    t.schema = next;
  }
}
