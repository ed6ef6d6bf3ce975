import type { SqlAnalysis, SqlSchema } from '@vtdeck/contracts';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { resolveConfig } from '../src/config';
import { eventsOf, rowsOf, type SqlStack, startSqlStack } from './sql-stack';

let stack: SqlStack;
beforeAll(async () => {
  stack = await startSqlStack();
}, 60_000);
afterAll(() => stack?.close());

describe('POST /api/v2/clusters/{cluster}/sql', () => {
  it('runs a SELECT and streams columns with types, rows as strings and a done event', async () => {
    const { status, events } = await stack.run({
      sql: 'select id, label, amount, big_unsigned, payload from all_types where id = 2',
    });
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({ type: 'start', statements: 1 });
    expect(eventsOf(events, 'resultset')[0]?.columns).toEqual([
      { name: 'id', type: 'BIGINT', table: 'all_types', nullable: false },
      { name: 'label', type: 'VARCHAR', table: 'all_types', nullable: false },
      { name: 'amount', type: 'DECIMAL', table: 'all_types', nullable: true },
      { name: 'big_unsigned', type: 'BIGINT UNSIGNED', table: 'all_types', nullable: true },
      { name: 'payload', type: 'BLOB', table: 'all_types', nullable: true, binary: true },
    ]);
    expect(rowsOf(events)).toEqual([
      ['2', 'everything set', '12345.67', '18446744073709551615', { base64: 'AP8QgH8=' }],
    ]);
    expect(eventsOf(events, 'done')[0]).toMatchObject({ rowCount: 1, truncated: false, warnings: [] });
    expect(events.at(-1)).toMatchObject({ type: 'end' });
  });

  it('adds the default LIMIT and caps rows at maxRows (truncated)', async () => {
    const limited = await stack.run({ sql: 'select id from big_table' });
    expect(eventsOf(limited.events, 'resultset')[0]?.sql).toBe('select id from big_table LIMIT 1000');
    expect(eventsOf(limited.events, 'done')[0]).toMatchObject({ rowCount: 1000, truncated: false });

    const capped = await stack.run({ sql: 'select id from big_table limit 5000; select 1', maxRows: 10 });
    const done = eventsOf(capped.events, 'done');
    expect(done[0]).toMatchObject({ statement: 0, rowCount: 10, truncated: true });
    // The kill that stopped the first result does not hit the next statement.
    expect(done[1]).toMatchObject({ statement: 1, rowCount: 1, truncated: false });
    expect(rowsOf(capped.events, 1)).toEqual([['1']]);
  });

  it('runs a multi-statement script in order on one connection and reports rows affected', async () => {
    const script = `
      create temporary table tmp_t (id int primary key, v varchar(10));
      insert into tmp_t values (1, 'a;b'), (2, 'c');  -- a comment; with a semicolon
      update tmp_t set v = 'z' where id = 2;
      select * from tmp_t order by id;`;
    const { status, events } = await stack.run({ sql: script }, 'dba');
    expect(status).toBe(200);
    const done = eventsOf(events, 'done');
    expect(done.map((d) => d.statement)).toEqual([0, 1, 2, 3]);
    expect(done[1]).toMatchObject({ rowsAffected: 2 });
    expect(done[2]).toMatchObject({ rowsAffected: 1 });
    expect(rowsOf(events, 3)).toEqual([
      ['1', 'a;b'],
      ['2', 'z'],
    ]);
  });

  it('reports statement errors with errno, SQLSTATE and offset, and stops the script there', async () => {
    const sql = 'select 1;\nselect * from no_such_table;\nselect 2';
    const { events } = await stack.run({ sql });
    const error = eventsOf(events, 'error')[0];
    expect(error).toMatchObject({
      statement: 1,
      code: 'ER_NO_SUCH_TABLE',
      errno: 1146,
      sqlState: '42S02',
      offset: 10,
    });
    expect(eventsOf(events, 'done').map((d) => d.statement)).toEqual([0]);
    expect(events.at(-1)?.type).toBe('end');
  });

  it('returns warnings', async () => {
    const { events } = await stack.run({ sql: "select cast('12abc' as unsigned)" });
    expect(eventsOf(events, 'done')[0]?.warnings[0]).toMatchObject({ level: 'Warning', code: 1292 });
  });

  it('inserts with a developer grant and DDL with a dba grant; DDL is seen in information_schema', async () => {
    const insert = await stack.run(
      { sql: "insert into product (sku, description, price) values ('SKU-T1', 'test', 1)" },
      'developer',
    );
    expect(eventsOf(insert.events, 'done')[0]).toMatchObject({ rowsAffected: 1 });

    const ddl = await stack.run(
      { sql: 'create table sql_test_ddl (id bigint primary key, note varchar(20))' },
      'dba',
    );
    expect(eventsOf(ddl.events, 'error')).toEqual([]);
    const schema = await stack.get<SqlSchema>('/api/v2/clusters/prod/sql/schema', 'dba');
    const table = schema.body.keyspaces
      .find((k) => k.name === 'commerce')
      ?.tables.find((t) => t.name === 'sql_test_ddl');
    expect(table?.columns).toEqual([
      { name: 'id', type: 'bigint(20)' },
      { name: 'note', type: 'varchar(20)' },
    ]);
    const direct = await mysql.createConnection(stack.vtgateUrl);
    try {
      const [rows] = await direct.query(
        "select column_name from information_schema.columns where table_schema = 'commerce' and table_name = 'sql_test_ddl'",
      );
      expect(rows).toHaveLength(2);
    } finally {
      await direct.end();
    }
  });

  it('refuses a viewer, a developer outside the grant, and DDL without dba (403 with the analysis)', async () => {
    const viewer = await stack.run({ sql: 'select 1' }, 'viewer');
    expect(viewer.status).toBe(403);
    expect(viewer.body).toMatchObject({ code: 'FORBIDDEN', statements: [{ allowed: false }] });
    expect((await stack.run({ sql: 'select * from customer.corder' }, 'developer')).status).toBe(403);
    expect((await stack.run({ keyspace: 'customer', sql: 'select 1' }, 'developer')).status).toBe(403);
    const ddl = await stack.run({ sql: 'create table nope (id int)' }, 'developer');
    expect(ddl.status).toBe(403);
    expect((ddl.body as { message: string }).message).toMatch(/dba role on keyspace commerce/);
  });

  it('asks for confirmation (409 with the analysis) unless confirmed: true', async () => {
    const first = await stack.run(
      { sql: 'create table sql_test_drop (id int); drop table sql_test_drop' },
      'dba',
    );
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      statements: [
        { needsConfirmation: false },
        { needsConfirmation: true, reason: 'DROP TABLE removes `sql_test_drop`' },
      ],
    });
    const confirmed = await stack.run(
      { sql: 'create table sql_test_drop (id int); drop table sql_test_drop', confirmed: true },
      'dba',
    );
    expect(eventsOf(confirmed.events, 'done')).toHaveLength(2);
  });

  it('refuses writes in readOnly mode whatever the role, naming the switch', async () => {
    const res = await stack.run({ sql: "delete from product where sku = 'x'", readOnly: true }, 'admin');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'SQL_READ_ONLY' });
    expect((res.body as { message: string }).message).toMatch(/readOnly/);
  });

  it('answers 400 for a script that does not split, and for limits past the config', async () => {
    const bad = await stack.run({ sql: "select 'open" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'SQL_SYNTAX', parseError: { offset: 7 } });
    expect((await stack.run({ sql: '-- nothing' })).status).toBe(400);
    const tooMany = await stack.run({ sql: 'select 1', maxRows: 2_000_000 });
    expect(tooMany.status).toBe(400);
    expect((await stack.run({ sql: 'select 1', tabletType: 'master' })).status).toBe(400);
  });

  it('answers 404 for an unknown keyspace or cluster', async () => {
    const ks = await stack.run({ keyspace: 'nope', sql: 'select 1' });
    expect(ks).toMatchObject({ status: 404, body: { code: 'KEYSPACE_NOT_FOUND' } });
    const cluster = await stack.post('/api/v2/clusters/nope/sql', { keyspace: 'commerce', sql: 'select 1' });
    expect(cluster.status).toBe(404);
  });

  it('writes every writing statement to the audit log: allowed before, ok or error after, denied refusals', async () => {
    const since = new Date().toISOString();
    await stack.run(
      { sql: "update product set price = price where sku = 'SKU-1001'; select 1" },
      'developer',
    );
    await stack.run({ sql: 'insert into product (nope) values (1)' }, 'developer');
    await stack.run({ sql: 'truncate table customer' }, 'developer');
    const { items } = await stack.app.auth.audit.query({ user: 'sql-developer', since, limit: 20 });
    const mine = items.filter((e) => e.action === 'sql.execute').reverse();
    expect(mine.map((e) => [e.result, e.args[0]])).toEqual([
      ['allowed', "update product set price = price where sku = 'SKU-1001'"],
      ['ok', "update product set price = price where sku = 'SKU-1001'"],
      ['allowed', 'insert into product (nope) values (1)'],
      ['error', 'insert into product (nope) values (1)'],
      ['denied', 'truncate table customer'],
    ]);
    expect(mine[0]?.target).toEqual({ cluster: 'prod', keyspace: 'commerce' });
  });
});

describe('POST /api/v2/clusters/{cluster}/sql/analyze', () => {
  it('answers the analysis without running, with routing from the topology for an unsharded keyspace', async () => {
    const res = await stack.post<SqlAnalysis>(
      '/api/v2/clusters/prod/sql/analyze',
      {
        keyspace: 'commerce',
        sql: 'select * from product; delete from product; drop table product',
      },
      'developer',
    );
    expect(res.status).toBe(200);
    expect(res.body.statements).toMatchObject([
      { kind: 'read', allowed: true, limitAdded: 1000, routing: 'single-shard' },
      { kind: 'write', allowed: true, needsConfirmation: true, routing: 'single-shard' },
      { kind: 'ddl', allowed: false, needsConfirmation: true, routing: 'unknown' },
    ]);
    const count = await stack.run({ sql: 'select count(*) from product' });
    expect(Number(rowsOf(count.events)[0]?.[0])).toBeGreaterThan(0);
  });

  it('says unknown for a sharded keyspace (MariaDB cannot tell the shards)', async () => {
    const res = await stack.post<SqlAnalysis>('/api/v2/clusters/prod/sql/analyze', {
      keyspace: 'customer',
      sql: 'select * from corder',
    });
    expect(res.body.statements[0]?.routing).toBe('unknown');
  });
});

describe('GET /api/v2/clusters/{cluster}/sql/schema', () => {
  it('lists only the keyspaces the caller may read with SQL', async () => {
    const dev = await stack.get<SqlSchema>('/api/v2/clusters/prod/sql/schema', 'developer');
    expect(dev.body.keyspaces.map((k) => k.name)).toEqual(['commerce']);
    expect(dev.body.keyspaces[0]?.tables.find((t) => t.name === 'product')?.columns[0]).toEqual({
      name: 'sku',
      type: 'varbinary(128)',
    });
    const admin = await stack.get<SqlSchema>('/api/v2/clusters/prod/sql/schema', 'admin');
    expect(admin.body.keyspaces.map((k) => k.name)).toEqual(['commerce', 'customer']);
    const viewer = await stack.get<SqlSchema>('/api/v2/clusters/prod/sql/schema', 'viewer');
    expect(viewer.body.keyspaces).toEqual([]);
  });
});

describe('without a vtgate', () => {
  it('answers 503 VTGATE_NOT_CONFIGURED with the configured hint', async () => {
    const config = resolveConfig(
      {
        logLevel: 'silent',
        clusters: [{ name: 'prod', vtctld: { url: 'http://127.0.0.1:9' } }],
        web: { distDir: '/nonexistent' },
        sql: {
          unavailableMessage:
            'install mariadb-server: apt-get install -y --no-install-recommends mariadb-server',
        },
      },
      {},
      { sandbox: true },
    );
    const app = await buildApp(config, { logger: false });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v2/clusters/prod/sql',
        headers: { authorization: 'Bearer vtdeck-demo-admin-token' },
        payload: { keyspace: 'commerce', sql: 'select 1' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        code: 'VTGATE_NOT_CONFIGURED',
        message: 'install mariadb-server: apt-get install -y --no-install-recommends mariadb-server',
      });
    } finally {
      await app.close();
    }
  });
});
