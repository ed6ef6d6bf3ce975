import { globMatch, type SessionInfo } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import { permissionsFor } from '../src/shared/lib/permissions';

// The sandbox's demo grants, as GET /api/v2/session hands them to each demo user.
function session(name: string, grants: SessionInfo['grants']): SessionInfo {
  return { user: { name, kind: 'user', groups: [`demo-${name}s`], via: 'password' }, grants, csrfToken: 'c' };
}
const viewer = session('viewer', [{ role: 'viewer', keyspaces: ['*'], namespaces: ['*'] }]);
const developer = session('developer', [
  { role: 'developer', keyspaces: ['commerce'], namespaces: ['default'] },
]);
const dba = session('dba', [{ role: 'dba', keyspaces: ['customer*'], namespaces: ['vitess*'] }]);
const admin = session('admin', [{ role: 'admin' }]);

describe('roleOn', () => {
  const cases: [string, SessionInfo, string, string | null][] = [
    ['viewer', viewer, 'commerce', 'viewer'],
    ['viewer', viewer, 'customer', 'viewer'],
    ['developer', developer, 'commerce', 'developer'],
    ['developer', developer, 'customer', null],
    ['dba', dba, 'customer', 'dba'],
    ['dba', dba, 'customer_eu', 'dba'],
    ['dba', dba, 'Customer', null],
    ['dba', dba, 'commerce', null],
    ['admin', admin, 'anything', 'admin'],
  ];
  it.each(cases)('%s on keyspace %s', (_who, s, keyspace, role) => {
    expect(permissionsFor(s, 'prod').roleOn({ keyspace })).toBe(role);
  });

  it('never matches a pattern against a name with path tricks', () => {
    expect(permissionsFor(dba, 'prod').roleOn({ keyspace: 'customer/../commerce' })).toBeNull();
  });

  it('gives no global role to keyspace-scoped grants', () => {
    expect(permissionsFor(viewer, 'prod').roleOn()).toBeNull();
    expect(permissionsFor(admin, 'prod').roleOn()).toBe('admin');
  });

  it('knows nothing without a session', () => {
    const p = permissionsFor(null, 'prod');
    expect([p.roleOn({ keyspace: 'commerce' }), p.isAdmin, p.can('vtctl.read', { keyspace: 'x' })]).toEqual([
      null,
      false,
      false,
    ]);
  });
});

describe('the topology buttons', () => {
  // What each demo user sees on a keyspace panel: reads (validations) / writes (rebuild, create shard) / delete.
  const matrix = (s: SessionInfo, keyspace: string) => {
    const p = permissionsFor(s, 'prod');
    return [
      p.can('vtctl.read', { keyspace }),
      p.can('vtctl.write', { keyspace }),
      p.can('vtctl.destructive', { keyspace }),
    ];
  };

  it('lets viewers and developers validate but not change', () => {
    expect(matrix(viewer, 'commerce')).toEqual([true, false, false]);
    expect(matrix(developer, 'commerce')).toEqual([true, false, false]);
    expect(matrix(developer, 'customer')).toEqual([false, false, false]);
  });

  it('lets a dba change only the keyspaces of their grant', () => {
    expect(matrix(dba, 'customer')).toEqual([true, true, true]);
    expect(matrix(dba, 'commerce')).toEqual([false, false, false]);
    expect(matrix(admin, 'commerce')).toEqual([true, true, true]);
  });

  it('offers "create keyspace" to whoever is dba somewhere, then checks the typed name', () => {
    expect(permissionsFor(viewer, 'prod').canOnSomeKeyspace('vtctl.write')).toBe(false);
    expect(permissionsFor(developer, 'prod').canOnSomeKeyspace('vtctl.write')).toBe(false);
    const p = permissionsFor(dba, 'prod');
    expect(p.canOnSomeKeyspace('vtctl.write')).toBe(true);
    expect(p.can('vtctl.write', { keyspace: 'customer_eu' })).toBe(true);
    expect(p.can('vtctl.write', { keyspace: 'orders' })).toBe(false);
    expect(permissionsFor(admin, 'prod').canOnSomeKeyspace('vtctl.write')).toBe(true);
  });

  it('shows the audit log to global admins only', () => {
    expect([viewer, developer, dba, admin].map((s) => permissionsFor(s).isAdmin)).toEqual([
      false,
      false,
      false,
      true,
    ]);
    const stagingAdmin = session('ops', [{ role: 'admin', clusters: ['staging'] }]);
    expect(permissionsFor(stagingAdmin).isAdmin).toBe(false);
  });
});

describe('cluster-scoped grants', () => {
  const ci = session('ci', [
    { role: 'dba', keyspaces: ['*'], clusters: ['staging'] },
    { role: 'viewer', keyspaces: ['*'] },
  ]);

  it('apply on the cluster of the page only', () => {
    expect(permissionsFor(ci, 'staging').roleOn({ keyspace: 'commerce' })).toBe('dba');
    expect(permissionsFor(ci, 'prod').roleOn({ keyspace: 'commerce' })).toBe('viewer');
    expect(permissionsFor(ci, 'prod').canOnSomeKeyspace('vtctl.write')).toBe(false);
    expect(permissionsFor(ci, 'staging').canOnSomeKeyspace('vtctl.write')).toBe(true);
  });

  it('take the highest of several grants', () => {
    const both = session('x', [
      { role: 'viewer', keyspaces: ['*'] },
      { role: 'dba', keyspaces: ['commerce'] },
    ]);
    expect(permissionsFor(both).roleOn({ keyspace: 'commerce' })).toBe('dba');
    expect(permissionsFor(both).roleOn({ keyspace: 'customer' })).toBe('viewer');
  });
});

describe('globMatch', () => {
  it('is an exact-case glob with * only', () => {
    expect(globMatch('customer*', 'customer')).toBe(true);
    expect(globMatch('customer*', 'Customer')).toBe(false);
    expect(globMatch('*-eu', 'orders-eu')).toBe(true);
    expect(globMatch('a*b*c', 'abc')).toBe(true);
    expect(globMatch('a*b*c', 'acb')).toBe(false);
    expect(globMatch('c?mmerce', 'commerce')).toBe(false);
  });
});
