import { describe, expect, it } from 'vitest';
import { createGrantPolicy, type Grant, type Principal } from '../src/auth/grants';
import { type GuardContext, planScript } from '../src/sql/guard';
import { routingFromPlan, routingFromVexplainRows } from '../src/sql/routing';

const grants: Grant[] = [
  { subjects: ['group:viewers'], role: 'viewer', keyspaces: ['*'] },
  { subjects: ['group:developers'], role: 'developer', keyspaces: ['commerce'] },
  { subjects: ['group:dbas'], role: 'dba', keyspaces: ['commerce'] },
  { subjects: ['group:admins'], role: 'admin' },
];
const policy = createGrantPolicy(grants);
type Role = 'viewer' | 'developer' | 'dba' | 'admin';
const principal = (role: Role): Principal => ({ kind: 'user', name: role, groups: [`${role}s`] });

function context(role: Role, extra: Partial<GuardContext> = {}): GuardContext {
  return {
    keyspace: 'commerce',
    defaultLimit: 1000,
    can: (permission, keyspace) => policy.can(principal(role), permission, { cluster: 'prod', keyspace }),
    ...extra,
  };
}

async function one(sql: string, role: Role = 'admin', extra: Partial<GuardContext> = {}) {
  const plan = await planScript(sql, context(role, extra));
  expect(plan.statements).toHaveLength(1);
  return plan.statements[0]!.analysis;
}

const READ = 'select * from product where id = 1';
const WRITE = "update product set price = 1 where sku = 'x'";
const DDL = 'alter table product add column note text';

describe('permissions by role, kind and keyspace', () => {
  // [role, statement, keyspace the script runs in, allowed]
  const cases: [Role, string, string, boolean][] = [
    ['viewer', READ, 'commerce', false],
    ['viewer', WRITE, 'commerce', false],
    ['viewer', DDL, 'commerce', false],
    ['developer', READ, 'commerce', true],
    ['developer', WRITE, 'commerce', true],
    ['developer', DDL, 'commerce', false],
    ['developer', READ, 'customer', false],
    ['developer', WRITE, 'customer', false],
    ['dba', READ, 'commerce', true],
    ['dba', WRITE, 'commerce', true],
    ['dba', DDL, 'commerce', true],
    ['dba', DDL, 'customer', false],
    ['dba', READ, 'customer', false],
    ['admin', READ, 'customer', true],
    ['admin', WRITE, 'customer', true],
    ['admin', DDL, 'customer', true],
  ];
  it.each(cases)('%s: %s in %s → allowed %s', async (role, sql, keyspace, allowed) => {
    const a = await one(sql, role, { keyspace });
    expect(a.allowed).toBe(allowed);
    if (!allowed) expect(a.reason).toMatch(new RegExp(`role on keyspace ${keyspace}`));
  });

  it('checks keyspaces named in the statement against the grants too', async () => {
    const cross = await one('select * from product p join customer.corder o on o.sku = p.sku', 'developer');
    expect(cross).toMatchObject({
      allowed: false,
      reason: 'reading needs the developer role on keyspace customer',
    });
    const targeted = await one('select * from `customer@replica`.corder', 'developer');
    expect(targeted.allowed).toBe(false);
    const write = await one('insert into customer.corder select * from product', 'developer');
    expect(write).toMatchObject({
      allowed: false,
      reason: 'writing needs the developer role on keyspace customer',
    });
    const like = await one('create table t2 like customer.corder', 'dba');
    expect(like.allowed).toBe(false);
    expect((await one('select * from customer.corder', 'admin')).allowed).toBe(true);
  });

  it('follows USE: statements after it run in (and are checked against) the new keyspace', async () => {
    const plan = await planScript('use customer; select * from corder', context('developer'));
    expect(plan.statements.map((s) => [s.keyspace, s.analysis.allowed])).toEqual([
      ['commerce', false],
      ['customer', false],
    ]);
  });

  it('lets a developer read information_schema but needs a dba for the mysql schema', async () => {
    expect((await one('select table_name from information_schema.tables', 'developer')).allowed).toBe(true);
    const sys = await one('select user from mysql.user', 'developer');
    expect(sys).toMatchObject({ allowed: false });
    expect(sys.reason).toMatch(/system schema mysql/);
  });
});

describe('statements the parser cannot read', () => {
  it('need a dba and say why', async () => {
    const dev = await one('show full processlist', 'developer');
    expect(dev).toMatchObject({ kind: 'other', allowed: false });
    expect(dev.reason).toMatch(/dba role.*SQL parser cannot read it/);
    const dba = await one('show full processlist', 'dba');
    expect(dba.allowed).toBe(true);
    expect(dba.reason).toMatch(/parser cannot read it/);
  });

  it('treat executable /*! */ comments as code', async () => {
    const a = await one('select 1 /*!50000 , (select count(*) from customer.corder) */', 'developer');
    expect(a).toMatchObject({ allowed: false });
    expect(a.reason).toMatch(/executes as code/);
  });

  it('ask a dba for statements whose effect vtdeck cannot see', async () => {
    expect((await one('call refresh_all()', 'developer')).allowed).toBe(false);
    expect((await one('set global max_connections = 10', 'developer')).allowed).toBe(false);
    expect((await one("grant all on *.* to 'x'", 'developer')).allowed).toBe(false);
    expect((await one('set @x = 1', 'developer')).allowed).toBe(true);
    expect((await one('begin', 'developer')).allowed).toBe(true);
  });
});

describe('confirmations', () => {
  const confirm = async (sql: string) => (await one(sql)).needsConfirmation;

  it('asks for DROP, TRUNCATE, ALTER ... DROP and UPDATE/DELETE without WHERE', async () => {
    expect(await confirm('drop table product')).toBe(true);
    expect(await confirm('drop database commerce')).toBe(true);
    expect(await confirm('truncate table product')).toBe(true);
    expect(await confirm('alter table product drop column price')).toBe(true);
    expect(await confirm('delete from product')).toBe(true);
    expect(await confirm('update product set price = 0')).toBe(true);
    const a = await one('delete from product');
    expect(a.reason).toBe('DELETE with no WHERE deletes every row of `product`');
  });

  it('treats a WHERE that names no column (1=1, TRUE) as no WHERE', async () => {
    expect(await confirm('delete from product where 1=1')).toBe(true);
    expect(await confirm('update product set price = 0 where true')).toBe(true);
    expect(await confirm("delete from product where sku = 'x'")).toBe(false);
    expect(await confirm('update product set price = 0 where price > 10 limit 5')).toBe(false);
  });

  it('is not fooled by DROP inside strings or comments', async () => {
    expect(await confirm("select 'drop table product; truncate x' from product -- drop table product")).toBe(
      false,
    );
    const plan = await planScript(
      '/* drop table product; */ select 1; -- delete from product\n',
      context('admin'),
    );
    expect(plan.statements.map((s) => s.analysis.needsConfirmation)).toEqual([false]);
    expect(await confirm("insert into product (sku) values ('DELETE FROM product')")).toBe(false);
  });
});

describe('read-only switch and the default LIMIT', () => {
  it('refuses writes, DDL and unreadable statements when readOnly is set, naming it', async () => {
    for (const sql of [WRITE, DDL, 'show full processlist']) {
      const a = await one(sql, 'admin', { readOnly: true });
      expect(a.allowed).toBe(false);
      expect(a.reason).toMatch(/^readOnly is set/);
    }
    expect((await one(READ, 'admin', { readOnly: true })).allowed).toBe(true);
  });

  it('adds the default LIMIT to a top-level SELECT ... FROM without one, and says so', async () => {
    expect(await one('select * from product')).toMatchObject({
      sql: 'select * from product LIMIT 1000',
      limitAdded: 1000,
    });
    const withComment = await one('select * from product -- all of it');
    expect(withComment.sql).toBe('select * from product LIMIT 1000');
    for (const sql of [
      'select * from product limit 5',
      'select 1',
      'select * from product for update',
      'select * from product lock in share mode',
      'select sku into @s from product where id = 1',
    ]) {
      const a = await one(sql);
      expect(a.limitAdded, sql).toBeUndefined();
      expect(a.sql).toBe(sql);
    }
    // A LIMIT inside a subquery does not limit the outer result.
    expect(
      (await one('select * from product where sku in (select sku from product limit 1)')).limitAdded,
    ).toBe(1000);
    expect((await one('select sku from product union select sku from product')).limitAdded).toBe(1000);
  });
});

describe('routing from vtgate plans', () => {
  it('maps route variants to single-shard, multi-shard and scatter', () => {
    expect(routingFromPlan({ OperatorType: 'Route', Variant: 'EqualUnique' })).toBe('single-shard');
    expect(routingFromPlan({ OperatorType: 'Route', Variant: 'Unsharded' })).toBe('single-shard');
    expect(routingFromPlan({ OperatorType: 'Route', Variant: 'IN' })).toBe('multi-shard');
    expect(routingFromPlan({ OperatorType: 'Route', Variant: 'Scatter' })).toBe('scatter');
    expect(
      routingFromPlan({
        OperatorType: 'Join',
        Inputs: [
          { OperatorType: 'Route', Variant: 'EqualUnique' },
          { OperatorType: 'Route', Variant: 'Scatter' },
        ],
      }),
    ).toBe('scatter');
    expect(routingFromPlan({ OperatorType: 'Projection' })).toBe('unknown');
    expect(routingFromVexplainRows([{ JSON: '{"OperatorType":"Route","Variant":"Scatter"}' }])).toBe(
      'scatter',
    );
    expect(routingFromVexplainRows([{ JSON: 'not json' }])).toBe('unknown');
  });
});
