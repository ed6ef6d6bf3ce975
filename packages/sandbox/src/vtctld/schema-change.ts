// schemamanager.Run with the TabletExecutor, as POST /api/schema/apply and ApplySchema drive it:
// read (split on `;`), open (one master per shard), validate (DDL only, big-change guard),
// execute (preflight on the first master, then every master), with the UIController's texts.

import { applyStatement, type Classified, classifyStatement, ddlDisplay, MysqlError } from './ddl';
import { goMarshal, goMarshalIndent } from './encoding/go-json';
import type { Topology } from './topo/topology';
import type { SchemaDefinition, Tablet } from './topo/types';
import { dbName, rpc } from './wrangler/tmc';

interface ExecuteResult {
  FailedShards: { Shard: string; Err: string }[] | null;
  SuccessShards: { Shard: string; Result: Record<string, never>; Position: string }[] | null;
  CurSQLIndex: number;
  Sqls: string[];
  ExecutorErr: string;
  TotalTimeSpent: number;
}

export interface SchemaChangeOptions {
  allowLongUnavailability?: boolean;
}

/** The tablet's error for a failed statement, as vttablet relays MySQL's. */
function mysqlRpcError(err: unknown, sql: string): string {
  if (err instanceof MysqlError)
    return `rpc error: code = Unknown desc = ${err.message} during query: ${sql}`;
  return (err as Error).message;
}

/**
 * Runs the change; `write` receives the UIController's pieces in order. Returns the error that
 * schemamanager.Run returns (null on success); the HTTP handler appends it as `<error>\n`.
 */
export function runSchemaChange(
  topo: Topology,
  keyspace: string,
  sqlText: string,
  write: (text: string) => void,
  options: SchemaChangeOptions = {},
): string | null {
  const sqls = sqlText
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  write(`OnReadSuccess, sqls: [${sqls.join(' ')}]\n`);
  if (sqls.length === 0) return null;

  const opened = openExecutor(topo, keyspace);
  if (typeof opened === 'string') return opened;
  const masters = opened;

  const validation = validate(sqls, masters[0]!, options);
  if (typeof validation === 'string') {
    write(`OnValidationFail, error: ${validation}\n`);
    return validation;
  }
  write(`OnValidationSuccess, sqls: [${sqls.join(' ')}]\n`);

  const result = execute(topo, masters, sqls, validation);
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

function sameSchema(a: SchemaDefinition, b: SchemaDefinition): boolean {
  return (
    a.tables.length === b.tables.length &&
    a.tables.every((t, i) => t.schema === b.tables[i]!.schema && t.name === b.tables[i]!.name)
  );
}

function execute(topo: Topology, masters: Tablet[], sqls: string[], parsed: Classified[]): ExecuteResult {
  const started = process.hrtime.bigint();
  const result: ExecuteResult = {
    FailedShards: null,
    SuccessShards: null,
    CurSQLIndex: 0,
    Sqls: sqls,
    ExecutorErr: '',
    TotalTimeSpent: 0,
  };
  const finish = () => {
    result.TotalTimeSpent = Number(process.hrtime.bigint() - started);
    return result;
  };
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
      if (sameSchema(before, after) && !(c.kind === 'ddl' && c.action === 'drop' && c.ifExists)) {
        result.ExecutorErr = `Schema change: '${sqls[i]}' does not introduce any table definition change.`;
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
