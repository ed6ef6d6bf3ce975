// POST /api/schema/apply: the streamed plain-text answer (reference 2.9) and its effect on GetSchema.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VtctldFake } from '../src/vtctld';
import { get, startProd, vtctl } from './vtctld-helpers';

let fake: VtctldFake;
beforeAll(async () => {
  fake = await startProd();
});
afterAll(() => fake.close());

async function apply(body: unknown) {
  const r = await get(fake, '/api/schema/apply', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  return r;
}

const tableNames = async (alias: string) =>
  JSON.parse((await vtctl(fake, 'GetSchema', alias)).Output).table_definitions.map(
    (t: { name: string }) => t.name,
  );

describe('POST /api/schema/apply', () => {
  it('applies a CREATE to every tablet of every shard and prints the three lines', async () => {
    const sql = 'CREATE TABLE t1 (id bigint, primary key(id))';
    const r = await apply({ Keyspace: 'customer', SQL: `${sql};` });
    expect(r.status).toBe(200);
    const lines = r.body.split('\n');
    expect(lines[0]).toBe(`OnReadSuccess, sqls: [${sql}]`);
    expect(lines[1]).toBe(`OnValidationSuccess, sqls: [${sql}]`);
    expect(lines[2]).toMatch(
      /^Executor succeeds: \{"FailedShards":\[\],"SuccessShards":\[\{"Shard":"-80","Result":\{\},"Position":""\},\{"Shard":"80-","Result":\{\},"Position":""\}\],"CurSQLIndex":0,"Sqls":\["CREATE TABLE t1 \(id bigint, primary key\(id\)\)"\],"ExecutorErr":"","TotalTimeSpent":\d+\}$/,
    );
    expect(lines).toHaveLength(3);
    for (const alias of ['zone1-200', 'zone1-201', 'zone2-202', 'zone2-300', 'zone1-302']) {
      expect(await tableNames(alias)).toContain('t1');
    }
    expect(await tableNames('zone1-100')).not.toContain('t1');
    const t1 = JSON.parse((await vtctl(fake, 'GetSchema', '-tables=t1', 'zone2-202')).Output)
      .table_definitions[0];
    expect(t1).toMatchObject({
      schema:
        'CREATE TABLE `t1` (\n  `id` bigint(20) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8',
      columns: ['id'],
      primary_key_columns: ['id'],
    });
    expect((await vtctl(fake, 'ValidateSchemaKeyspace', 'customer')).Error).toBe('');
  });

  it('applies ALTER and DROP, in order, within one request', async () => {
    const r = await apply({
      keyspace: 'commerce',
      sql: 'alter table product add column stock int not null default 0 after sku, add key idx_price (price); drop table if exists nope; drop table corder',
    });
    expect(r.body).toContain('OnValidationSuccess');
    expect(r.body).not.toContain('schema change failed');
    expect(await tableNames('zone2-102')).toEqual([
      'all_types',
      'big_table',
      'customer',
      'customer_seq',
      'product',
    ]);
    const product = JSON.parse((await vtctl(fake, 'GetSchema', '-tables=product', 'zone1-101')).Output)
      .table_definitions[0];
    expect(product.columns).toEqual(['sku', 'stock', 'description', 'price']);
    expect(product.schema).toContain('KEY `idx_price` (`price`)');
  });

  it('fails validation for non-DDL and unparsable statements, still with 200', async () => {
    const r = await apply({ Keyspace: 'commerce', SQL: 'select now()' });
    expect(r.status).toBe(200);
    expect(r.body).toBe(
      'OnReadSuccess, sqls: [select now()]\n' +
        'OnValidationFail, error: schema change works for DDLs only, but get non DDL statement: select now()\n' +
        'schema change works for DDLs only, but get non DDL statement: select now()\n',
    );
    const bad = await apply({ Keyspace: 'commerce', SQL: 'frobnicate the table' });
    expect(bad.body).toContain(
      'OnValidationFail, error: failed to parse sql: frobnicate the table, got error: syntax error at position',
    );
  });

  it('reports executor failures after "Executor succeeds" and changes nothing', async () => {
    const r = await apply({ Keyspace: 'commerce', SQL: 'CREATE TABLE product (id int)' });
    const [read, validated, rest] = r.body.split('\n', 3);
    expect(read).toBe('OnReadSuccess, sqls: [CREATE TABLE product (id int)]');
    expect(validated).toBe('OnValidationSuccess, sqls: [CREATE TABLE product (id int)]');
    expect(rest).toMatch(
      /^Executor succeeds: \{"FailedShards":null,"SuccessShards":null,.*"ExecutorErr":"rpc error: code = Unknown desc = Table 'product' already exists \(errno 1050\) \(sqlstate 42S01\) during query: CREATE TABLE product \(id int\)".*\}schema change failed, ExecuteResult: \{$/,
    );
    expect(r.body.endsWith('\n}\n')).toBe(true);
    const noop = await apply({ Keyspace: 'commerce', SQL: 'CREATE TABLE IF NOT EXISTS product (id int)' });
    expect(noop.body).toContain(
      `"ExecutorErr": "Schema change: 'CREATE TABLE IF NOT EXISTS product (id int)' does not introduce any table definition change."`,
    );
    const missing = await apply({ Keyspace: 'commerce', SQL: 'ALTER TABLE nope ADD COLUMN x int' });
    expect(missing.body).toContain("Table 'vt_commerce.nope' doesn't exist (errno 1146)");
  });

  it('guards big changes on tables with many rows', async () => {
    const customer = fake.topo.getTablet({ cell: 'zone1', uid: 100 });
    customer.schema = {
      ...customer.schema,
      tables: customer.schema.tables.map((t) => (t.name === 'customer' ? { ...t, rowCount: 150_000 } : t)),
    };
    const r = await apply({ Keyspace: 'commerce', SQL: 'alter table customer add column note varchar(10)' });
    expect(r.body).toContain(
      'OnValidationFail, error: big schema change detected. Disable check with -allow_long_unavailability. ddl: alter table customer alters a table with more than 100 thousand rows\n',
    );
  });

  it('ends after the read line when there is no SQL, and names topology problems', async () => {
    expect((await apply({ Keyspace: 'commerce', SQL: ' ; ' })).body).toBe('OnReadSuccess, sqls: []\n');
    expect((await apply({ Keyspace: 'nope', SQL: 'create table x (id int)' })).body).toBe(
      "OnReadSuccess, sqls: [create table x (id int)]\nunable to get shard names for keyspace: nope, error: node doesn't exist: keyspaces/nope/shards\n",
    );
    await vtctl(fake, 'CreateShard', '-parent', 'bare/0');
    expect((await apply({ Keyspace: 'bare', SQL: 'create table x (id int)' })).body).toBe(
      'OnReadSuccess, sqls: [create table x (id int)]\nshard: 0 does not have a master\n',
    );
  });

  it('rejects undecodable requests with 500', async () => {
    const r = await get(fake, '/api/schema/apply', { method: 'POST', body: '{"Keyspace": 1}' });
    expect([r.status, r.body]).toEqual([
      500,
      "can't unmarshal request: json: cannot unmarshal number into Go struct field .Keyspace of type string\n",
    ]);
    expect((await get(fake, '/api/schema/apply', { method: 'POST', body: '{' })).body).toBe(
      "can't unmarshal request: unexpected end of JSON input\n",
    );
  });

  it('runs the same executor through the ApplySchema command', async () => {
    const ok = await vtctl(
      fake,
      'ApplySchema',
      '-sql=create table via_cmd (id bigint primary key)',
      'commerce',
    );
    expect(ok).toMatchObject({ Error: '', Output: '' });
    expect(await tableNames('zone2-102')).toContain('via_cmd');
    expect((await vtctl(fake, 'ApplySchema', '-sql=select 1', 'commerce')).Error).toBe(
      'schema change works for DDLs only, but get non DDL statement: select 1',
    );
    expect((await vtctl(fake, 'ApplySchema', 'commerce')).Error).toBe(
      'action requires one of sql or sql-file',
    );
  });
});
