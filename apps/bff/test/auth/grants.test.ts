import { describe, expect, it } from 'vitest';
import { createGrantPolicy, type Grant, globMatch, type Principal } from '../../src/auth/grants';

const user = (name: string, groups: string[] = []): Principal => ({ kind: 'user', name, groups });

const grants: Grant[] = [
  { subjects: ['group:dbas'], role: 'dba', keyspaces: ['customer*'], namespaces: ['vitess-*'] },
  { subjects: ['user:bob'], role: 'developer', keyspaces: ['commerce'] },
  { subjects: ['user:root'], role: 'admin' },
  { subjects: ['group:dbas'], role: 'viewer', keyspaces: ['*'] },
  { subjects: ['sa:ci'], role: 'dba', keyspaces: ['commerce'], clusters: ['staging'] },
  { subjects: ['*'], role: 'viewer', namespaces: ['default'] },
];
const policy = createGrantPolicy(grants);

describe('globMatch', () => {
  it.each([
    ['customer*', 'customer', true],
    ['customer*', 'customer_eu', true],
    ['customer*', 'Customer', false],
    ['customer*', 'xcustomer', false],
    ['*', 'anything', true],
    ['commerce', 'commerce', true],
    ['commerce', 'Commerce', false],
    ['commerce', 'commerce2', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*-prod', 'eu-prod', true],
  ])('%s ~ %s = %s', (pattern, name, want) => {
    expect(globMatch(pattern, name)).toBe(want);
  });
});

describe('roleOn', () => {
  const alice = user('alice', ['dbas']);
  const bob = user('bob');
  const root = user('root');
  const ci: Principal = { kind: 'serviceAccount', name: 'ci', groups: [] };

  it.each([
    // who, target, role
    [alice, { keyspace: 'customer' }, 'dba'],
    [alice, { keyspace: 'customer_eu' }, 'dba'],
    [alice, { keyspace: 'Customer' }, 'viewer'],
    [alice, { keyspace: 'commerce' }, 'viewer'],
    [alice, { namespace: 'vitess-prod' }, 'dba'],
    [alice, { namespace: 'kube-system' }, null],
    [alice, { namespace: 'default' }, 'viewer'],
    [alice, {}, null],
    [bob, { keyspace: 'commerce' }, 'developer'],
    [bob, { keyspace: 'COMMERCE' }, null],
    [bob, { keyspace: 'customer' }, null],
    [bob, { namespace: 'vitess-prod' }, null],
    [root, { keyspace: 'anything' }, 'admin'],
    [root, { namespace: 'kube-system' }, 'admin'],
    [root, {}, 'admin'],
    [ci, { keyspace: 'commerce', cluster: 'staging' }, 'dba'],
    [ci, { keyspace: 'commerce', cluster: 'prod' }, null],
    [ci, { keyspace: 'commerce' }, null],
  ] as const)('%o on %o is %s', (who, target, want) => {
    expect(policy.roleOn(who, target)).toBe(want);
  });

  it('never matches a pattern against a name with separators, spaces or dots', () => {
    for (const keyspace of ['customer/../x', 'customer ', 'customer%2F0', 'customer.x', '']) {
      expect(policy.roleOn(alice, { keyspace }), keyspace).toBeNull();
    }
    expect(policy.roleOn(alice, { namespace: 'vitess-../kube-system' })).toBeNull();
    expect(policy.roleOn(root, { keyspace: 'customer/../x' })).toBe('admin');
  });

  it('does not take a user name for a group or a service account of the same name', () => {
    expect(policy.roleOn(user('ci'), { keyspace: 'commerce', cluster: 'staging' })).toBeNull();
    expect(policy.roleOn(user('dbas'), { keyspace: 'customer' })).toBeNull();
    expect(
      policy.roleOn({ kind: 'serviceAccount', name: 'bob', groups: [] }, { keyspace: 'commerce' }),
    ).toBeNull();
  });

  it('answers can() from the permission table', () => {
    expect(policy.can(bob, 'sql.write', { keyspace: 'commerce' })).toBe(true);
    expect(policy.can(bob, 'schema.change', { keyspace: 'commerce' })).toBe(false);
    expect(policy.can(alice, 'schema.change', { keyspace: 'customer' })).toBe(true);
    expect(policy.can(alice, 'audit.read', {})).toBe(false);
    expect(policy.can(root, 'audit.read', {})).toBe(true);
  });

  it('knows who is a global admin and who sees every keyspace', () => {
    expect(policy.isGlobalAdmin(root)).toBe(true);
    expect(policy.isGlobalAdmin(alice)).toBe(false);
    expect(policy.roleOnAllKeyspaces(alice)).toBe('viewer');
    expect(policy.roleOnAllKeyspaces(bob)).toBeNull();
  });

  it('filters keyspace and namespace lists', () => {
    const names = ['commerce', 'customer', 'customer_eu', 'Customer', 'lookup'];
    expect(policy.visibleKeyspaces(bob, names)).toEqual(['commerce']);
    expect(policy.visibleKeyspaces(alice, names)).toEqual(names);
    expect(policy.visibleKeyspaces(user('nobody'), names)).toEqual([]);
    expect(policy.visibleNamespaces(bob, ['default', 'vitess-prod'])).toEqual(['default']);
    expect(policy.visibleNamespaces(alice, ['default', 'vitess-prod', 'kube-system'])).toEqual([
      'default',
      'vitess-prod',
    ]);
  });
});
