import { describe, expect, it } from 'vitest';
import { parseSchemaApplyOutput, splitSql } from '../src/upstreams/vtctld/schema-apply';

const CREATE = 'CREATE TABLE t1 (id bigint, primary key(id))';
const executed = (result: object) =>
  `Executor succeeds: ${JSON.stringify({
    FailedShards: [],
    SuccessShards: [{ Shard: '0', Result: {}, Position: '' }],
    CurSQLIndex: 0,
    Sqls: [CREATE],
    ExecutorErr: '',
    TotalTimeSpent: 41234567,
    ...result,
  })}`;

describe('parseSchemaApplyOutput', () => {
  it('reads a successful change (reference 2.9 example)', () => {
    const text = `OnReadSuccess, sqls: [${CREATE}]\nOnValidationSuccess, sqls: [${CREATE}]\n${executed({})}`;
    const out = parseSchemaApplyOutput(text, CREATE);
    expect(out).toMatchObject({ ok: true, error: '', stage: 'done', sqls: [CREATE], text });
    expect(out.result?.SuccessShards).toHaveLength(1);
  });

  it('reports a non-DDL statement from OnValidationFail, once', () => {
    const err = 'schema change works for DDLs only, but get non DDL statement: select 1';
    const text = `OnReadSuccess, sqls: [select 1]\nOnValidationFail, error: ${err}\n${err}\n`;
    expect(parseSchemaApplyOutput(text, 'select 1')).toMatchObject({
      ok: false,
      stage: 'validation',
      error: err,
    });
  });

  it('treats empty SQL as nothing to do', () => {
    expect(parseSchemaApplyOutput('OnReadSuccess, sqls: []\n', ' ; ')).toMatchObject({ ok: true, sqls: [] });
  });

  it('reports a shard without a master (executor open failure)', () => {
    const text = `OnReadSuccess, sqls: [${CREATE}]\nshard: -80 does not have a master\n`;
    expect(parseSchemaApplyOutput(text, CREATE)).toMatchObject({
      ok: false,
      stage: 'open',
      error: 'shard: -80 does not have a master',
    });
  });

  it('reports an unknown keyspace', () => {
    const msg =
      "unable to get shard names for keyspace: foo, error: node doesn't exist: keyspaces/foo/shards";
    const text = `OnReadSuccess, sqls: [${CREATE}]\n${msg}\n`;
    expect(parseSchemaApplyOutput(text, CREATE)).toMatchObject({ ok: false, error: msg });
  });

  it('reports failed shards even though "Executor succeeds" was printed', () => {
    const result = { FailedShards: [{ Shard: '-80', Err: 'table t1 already exists' }], SuccessShards: [] };
    const text =
      `OnReadSuccess, sqls: [${CREATE}]\nOnValidationSuccess, sqls: [${CREATE}]\n${executed(result)}` +
      `schema change failed, ExecuteResult: ${JSON.stringify({ ...result, ExecutorErr: '' }, null, 2)}\n`;
    const out = parseSchemaApplyOutput(text, CREATE);
    expect(out).toMatchObject({ ok: false, stage: 'execution', error: 'shard -80: table t1 already exists' });
  });

  it('reports an executor error (preflight found no change)', () => {
    const err = `Schema change: '${CREATE}' does not introduce any table definition change.`;
    const result = { FailedShards: null, SuccessShards: null, ExecutorErr: err };
    const text =
      `OnReadSuccess, sqls: [${CREATE}]\nOnValidationSuccess, sqls: [${CREATE}]\n${executed(result)}` +
      `schema change failed, ExecuteResult: ${JSON.stringify(result, null, 2)}\n${err}\n`;
    expect(parseSchemaApplyOutput(text, CREATE)).toMatchObject({ ok: false, stage: 'execution', error: err });
  });

  it('skips SQL echoes that span lines and contain brackets', () => {
    const sql = "CREATE TABLE t2 (\n  id bigint,\n  tag varchar(8) DEFAULT '[x]'\n)";
    const text = `OnReadSuccess, sqls: [${sql}]\nOnValidationSuccess, sqls: [${sql}]\n${executed({ Sqls: [sql] })}`;
    expect(parseSchemaApplyOutput(text, sql)).toMatchObject({ ok: true });
  });

  it('ignores info log lines but not trailing error text', () => {
    const log = 'I0501 12:00:00.123456 tablet_executor.go:120] executing on 2 shards';
    const ok = `OnReadSuccess, sqls: [${CREATE}]\nOnValidationSuccess, sqls: [${CREATE}]\n${log}\n${executed({})}`;
    expect(parseSchemaApplyOutput(ok, CREATE).ok).toBe(true);
    expect(parseSchemaApplyOutput(`${ok}\nunexpected EOF\n`, CREATE)).toMatchObject({
      ok: false,
      error: 'unexpected EOF',
    });
  });

  it('fails an answer that never started', () => {
    expect(parseSchemaApplyOutput('', CREATE)).toMatchObject({ ok: false, stage: 'read' });
    expect(parseSchemaApplyOutput('403 Forbidden\n', CREATE)).toMatchObject({
      ok: false,
      error: '403 Forbidden',
    });
  });

  it('splits SQL the way vtctld does', () => {
    expect(splitSql(' a ;; b;\n')).toEqual(['a', 'b']);
  });
});
