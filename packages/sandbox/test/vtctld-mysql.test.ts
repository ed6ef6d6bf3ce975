// The vtctld fake with the cluster's MariaDB behind its tablets: schema/apply and ApplySchema really run
// DDL, GetSchema reads the live database (also changes made through vtgate), ExecuteFetchAs* return
// its rows in vtctl's formats.

import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, type VtctldFake } from '../src/index';
import { findMariadb, MARIADB_INSTALL_HINT, type VtgateFake } from '../src/vtgate';
import { vtctl } from './vtctld-helpers';

let sandbox: Sandbox;
let fake: VtctldFake;
let vtgate: VtgateFake;
let vtgateUrl: string;
beforeAll(async () => {
  if (!findMariadb()) throw new Error(MARIADB_INSTALL_HINT);
  sandbox = await startSandbox({ clusters: ['prod'], parts: { kube: false, routers: false } });
  const prod = sandbox.cluster('prod');
  if (!prod.vtgate.available) throw new Error(prod.vtgate.reason);
  fake = prod.vtctld.fake;
  vtgate = prod.vtgate.fake;
  vtgateUrl = prod.vtgate.url;
}, 30_000);
afterAll(() => sandbox.close());

async function apply(keyspace: string, sql: string): Promise<string> {
  const res = await fetch(`${fake.url}/api/schema/apply`, {
    method: 'POST',
    body: JSON.stringify({ Keyspace: keyspace, SQL: sql }),
  });
  expect(res.status).toBe(200);
  return res.text();
}

async function tableNames(alias: string): Promise<string[]> {
  return (await vtctl(fake, 'GetSchema', '-table_names_only', alias)).Output.split('\n').filter(Boolean);
}

describe('schema changes on MariaDB', () => {
  it('starts with the tablet records holding the live schema', async () => {
    expect(await tableNames('zone1-100')).toEqual([
      'all_types',
      'big_table',
      'corder',
      'customer',
      'customer_seq',
      'product',
    ]);
    const product = JSON.parse((await vtctl(fake, 'GetSchema', '-tables=product', 'zone2-102')).Output)
      .table_definitions[0];
    expect(product.schema).toBe(
      (await vtgate.getSchema('commerce')).tables.find((t) => t.name === 'product')!.schema,
    );
  });

  it('schema/apply creates the table in MariaDB and GetSchema shows it on every tablet', async () => {
    const body = await apply(
      'commerce',
      'CREATE TABLE t_apply (id bigint NOT NULL, note varchar(20), PRIMARY KEY (id))',
    );
    expect(body).toMatch(
      /^OnReadSuccess, sqls: \[CREATE TABLE t_apply .*\]\nOnValidationSuccess, sqls: \[.*\]\nExecutor succeeds: \{"FailedShards":\[\],"SuccessShards":\[\{"Shard":"0","Result":\{\},"Position":""\}\],"CurSQLIndex":0,.*"ExecutorErr":"","TotalTimeSpent":\d+\}$/,
    );
    const live = await vtgate.executeFetchAsDba('commerce', "SHOW TABLES LIKE 't_apply'");
    expect(live.rows).toEqual([['t_apply']]);
    for (const alias of ['zone1-100', 'zone1-101', 'zone2-102'])
      expect(await tableNames(alias)).toContain('t_apply');
    const t = JSON.parse((await vtctl(fake, 'GetSchema', '-tables=t_apply', 'zone1-101')).Output)
      .table_definitions[0];
    expect(t).toMatchObject({ columns: ['id', 'note'], primary_key_columns: ['id'], type: 'BASE TABLE' });
    expect(t.schema).toContain('`note` varchar(20) DEFAULT NULL');
    expect((await vtctl(fake, 'ValidateSchemaKeyspace', 'commerce')).Error).toBe('');
  });

  it('runs each statement once for a sharded keyspace, reported for every shard', async () => {
    const body = await apply('customer', 'ALTER TABLE customer ADD COLUMN nickname varchar(32)');
    expect(body).toContain(
      '"SuccessShards":[{"Shard":"-80","Result":{},"Position":""},{"Shard":"80-","Result":{},"Position":""}]',
    );
    const customer = JSON.parse((await vtctl(fake, 'GetSchema', '-tables=customer', 'zone2-300')).Output)
      .table_definitions[0];
    expect(customer.columns).toEqual(['customer_id', 'email', 'nickname']);
  });

  it('preflights on a scratch copy: MariaDB errors and no-op changes stop it before anything runs', async () => {
    const exists = await apply('commerce', 'CREATE TABLE t_first (id int); CREATE TABLE product (id int)');
    expect(exists).toContain(
      `"FailedShards":null,"SuccessShards":null,"CurSQLIndex":0,"Sqls":["CREATE TABLE t_first (id int)","CREATE TABLE product (id int)"],"ExecutorErr":"rpc error: code = Unknown desc = Table 'product' already exists (errno 1050) (sqlstate 42S01) during query: CREATE TABLE product (id int)"`,
    );
    expect(exists).toContain('schema change failed, ExecuteResult: {');
    expect(await tableNames('zone1-100')).not.toContain('t_first');
    const noop = await apply('commerce', 'CREATE TABLE IF NOT EXISTS product (id int)');
    expect(noop).toContain(
      `"ExecutorErr":"Schema change: 'CREATE TABLE IF NOT EXISTS product (id int)' does not introduce any table definition change."`,
    );
    const ok = await apply('commerce', 'DROP TABLE IF EXISTS nope; DROP TABLE t_apply');
    expect(ok).not.toContain('schema change failed');
    expect(await tableNames('zone1-100')).not.toContain('t_apply');
    // Nothing of the scratch copies is left behind.
    const dbs = await vtgate.executeFetchAsDba('commerce', 'SHOW DATABASES');
    expect(dbs.rows.flat().filter((d) => String(d).startsWith('_vt_preflight'))).toEqual([]);
  });

  it('ApplySchema runs on MariaDB too, silent on success', async () => {
    const r = await vtctl(fake, 'ApplySchema', '-sql=CREATE TABLE t_cmd (id int primary key)', 'commerce');
    expect(r).toMatchObject({ Error: '', Output: '' });
    expect((await vtgate.executeFetchAsDba('commerce', "SHOW TABLES LIKE 't_cmd'")).rows).toEqual([
      ['t_cmd'],
    ]);
  });

  it('GetSchema shows a change made through vtgate (the SQL console)', async () => {
    const conn = await mysql.createConnection({ uri: vtgateUrl, database: 'commerce' });
    try {
      await conn.query('CREATE TABLE t_console (id int primary key, label varchar(10))');
    } finally {
      await conn.end();
    }
    expect(await tableNames('zone1-100')).toContain('t_console');
  });
});

describe('ExecuteFetchAsDba / ExecuteFetchAsApp on MariaDB', () => {
  it('returns rows as vtctl -json prints them', async () => {
    const r = await vtctl(
      fake,
      'ExecuteFetchAsDba',
      '-json',
      'zone1-100',
      'SELECT sku, price FROM product ORDER BY sku LIMIT 2',
    );
    expect(r.Error).toBe('');
    expect(r.Output.endsWith('}\n\n')).toBe(true);
    const result = JSON.parse(r.Output);
    expect(result.fields.map((f: { name: string; type: number }) => [f.name, f.type])).toEqual([
      ['sku', 10262],
      ['price', 265],
    ]);
    expect(result.rows).toEqual([
      ['SKU-1001', expect.any(Number)],
      ['SKU-1002', expect.any(Number)],
    ]);
    expect(result).toMatchObject({ rows_affected: 0, insert_id: 0 });
    // The same rows through any tablet of the keyspace, and as the app account.
    const app = await vtctl(
      fake,
      'ExecuteFetchAsApp',
      '-json',
      'zone2-102',
      'SELECT sku, price FROM product ORDER BY sku LIMIT 2',
    );
    expect(JSON.parse(app.Output).rows).toEqual(result.rows);
  });

  it('prints the tablewriter table, one Write per event', async () => {
    const r = await vtctl(
      fake,
      'ExecuteFetchAsDba',
      'zone1-100',
      "SELECT 'a' AS name, 42 AS n, NULL AS missing",
    );
    expect(r.Error).toBe('');
    expect(r.Output.replace(/\n/g, '')).toBe(
      '+------+----+---------+| name | n  | missing |+------+----+---------+| a    | 42 |         |+------+----+---------+',
    );
    expect(r.Output.startsWith('+\n------+\n----+\n---------+\n\n\n|\n name |\n')).toBe(true);
    const none = await vtctl(fake, 'ExecuteFetchAsDba', 'zone1-100', 'SELECT * FROM product WHERE 1 = 0');
    expect(none).toMatchObject({ Error: '', Output: '' });
  });

  it('fails like vttablet: MySQL errors, row limit, arity, unknown tablet', async () => {
    expect((await vtctl(fake, 'ExecuteFetchAsDba', 'zone1-100', 'SELECT * FROM nope')).Error).toBe(
      "rpc error: code = Unknown desc = Table 'commerce.nope' doesn't exist (errno 1146) (sqlstate 42S02) during query: SELECT * FROM nope",
    );
    expect(
      (await vtctl(fake, 'ExecuteFetchAsDba', '-max_rows=5', 'zone1-100', 'SELECT * FROM product')).Error,
    ).toBe(
      'rpc error: code = Unknown desc = Row count exceeded 5 (errno 10001) (sqlstate ) during query: SELECT * FROM product',
    );
    expect((await vtctl(fake, 'ExecuteFetchAsApp', 'zone1-100')).Error).toBe(
      'the <tablet alias> and <sql command> arguments are required for the ExecuteFetchAsApp command',
    );
    expect((await vtctl(fake, 'ExecuteFetchAsDba', 'zone1-999', 'SELECT 1')).Error).toBe(
      "node doesn't exist: tablets/zone1-0000000999/Tablet",
    );
    fake.setTabletReachable('zone1-100', false);
    expect((await vtctl(fake, 'ExecuteFetchAsDba', 'zone1-100', 'SELECT 1')).Error).toMatch(
      /^rpc error: code = Unavailable desc = all SubConns are in TransientFailure/,
    );
    fake.setTabletReachable('zone1-100', true);
  });

  it('writes through ExecuteFetchAsDba: rows affected, and DDL shows in GetSchema', async () => {
    const r = await vtctl(
      fake,
      'ExecuteFetchAsDba',
      '-json',
      'zone1-100',
      "UPDATE product SET price = price + 1 WHERE sku = 'SKU-1001'",
    );
    expect(JSON.parse(r.Output)).toMatchObject({ fields: null, rows_affected: 1 });
    await vtctl(fake, 'ExecuteFetchAsDba', 'zone1-100', 'CREATE TABLE t_dba (id int primary key)');
    expect(await tableNames('zone1-101')).toContain('t_dba');
  });
});
