import { request } from 'node:http';
import type { ErrorBody, Topology, VtctlResult } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRole, type Stack, startStack } from './helpers';

// Attempts to get around the grants; every one must fail before vtctld sees anything. The dba holds
// `customer*` only, the developer `commerce` only; the demo tablets are zone1-0000000100..102
// (commerce/0) and zone1-0000000200.., zone2-0000000300.. (customer).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const TABLET = /zone\d-\d+/g;

/** GET with the path exactly as written: fetch would resolve `%2E%2E` and `..` before sending. */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.url}/`, { path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends a vtctl command line as `role` and expects a refusal that never reached vtctld. */
async function refused(role: DemoRole, args: unknown[], status = 403): Promise<ErrorBody> {
  // Tablet aliases are resolved through vtctld; look them up first so the attempt itself is counted alone.
  for (const alias of args.join(' ').match(TABLET) ?? [])
    await stack.post('/api/vtctl/', ['GetTablet', alias]);
  const user = await stack.as(role);
  const before = stack.sandbox.requestCount('prod/vtctld');
  const res = await user.post<ErrorBody>('/api/vtctl/', args);
  expect([args, res.status]).toEqual([args, status]);
  expect(res.body.message).toMatch(/^permission denied: /);
  expect(stack.sandbox.requestCount('prod/vtctld')).toBe(before);
  return res.body;
}

describe('the keyspace in every argument position vtctl accepts', () => {
  it.each([
    [['DeleteKeyspace', 'commerce']],
    [['DeleteKeyspace', '-recursive', 'commerce']],
    [['DeleteShard', 'commerce/0']],
    [['DeleteShard', 'customer/-80', 'commerce/0']],
    [['RebuildKeyspaceGraph', 'customer', 'commerce']],
    [['CreateShard', 'commerce/80-']],
    [['PlannedReparentShard', '-keyspace_shard', 'commerce/0', '-new_master', 'zone1-0000000101']],
    [['PlannedReparentShard', '-keyspace_shard', 'customer/-80', '-new_master', 'zone1-0000000101']],
    [['PlannedReparentShard', '-keyspace_shard', 'customer/-80', '-avoid_master', 'zone1-0000000100']],
    [['PlannedReparentShard', 'commerce/0', 'zone1-0000000101']],
    [
      [
        'EmergencyReparentShard',
        '-keyspace_shard',
        'customer/-80',
        '-new_master',
        'zone1-0000000201',
        '-ignore_replicas',
        'zone1-0000000201,zone1-0000000101',
      ],
    ],
    [['CreateKeyspace', '-served_from', 'master:commerce', 'customer_served']],
    [['CreateKeyspace', '-base_keyspace', 'commerce', '-keyspace_type', 'SNAPSHOT', 'customer_snap']],
    [['InitShardMaster', '-force', 'customer/-80', 'zone1-0000000100']],
    [['ReparentTablet', 'zone1-0000000101']],
    [['ReparentTablet', 'zone1-101']],
    [['DeleteTablet', 'zone1-0000000201', 'zone1-0000000101']],
    [['ChangeTabletType', 'zone1-101', 'rdonly']],
    [['ExecuteFetchAsDba', 'zone1-0000000100', 'drop table product']],
    [['ApplyVSchema', '-vschema', '{}', 'commerce']],
    [['ApplySchema', '-sql', 'drop table product', 'commerce']],
  ])('dba: %j', async (args) => {
    const body = await refused('dba', args);
    expect(body.message).toContain('needs role dba');
  });

  it.each([
    [['ListAllTablets', '-keyspace', 'customer', 'zone1']],
    [['ListAllTablets', 'zone1']],
    [['GetSrvKeyspace', 'zone1', 'customer']],
    [['GetSchema', 'zone1-0000000200']],
    [['GetKeyspaces']],
    [['Validate']],
  ])('developer reads: %j', async (args) => {
    await refused('developer', args);
  });
});

describe('-flag / --flag and = forms', () => {
  it.each([
    [['PlannedReparentShard', '--keyspace_shard=commerce/0', '--new_master=zone1-0000000101']],
    [['PlannedReparentShard', '-keyspace_shard=commerce/0', '-new_master', 'zone1-0000000101']],
    [['PlannedReparentShard', '--keyspace_shard', 'commerce/0']],
    [['PlannedReparentShard', '-keyspace_shard=customer/-80', '-keyspace_shard=commerce/0']],
    [['DeleteKeyspace', '--recursive', 'commerce']],
    [['DeleteKeyspace', '-recursive=true', 'commerce']],
    [['DeleteKeyspace', '--', 'commerce']],
    [['CreateKeyspace', '--served_from=master:commerce', 'customer_x']],
  ])('dba: %j', async (args) => {
    await refused('dba', args);
  });
});

describe('a flag given as a keyspace name, or a value that swallows one', () => {
  it.each([
    [['DeleteKeyspace', '-commerce']],
    [['DeleteKeyspace', '-customer']],
    [['DeleteKeyspace', '-recursive', '-keyspace', 'customer', 'commerce']],
    [['DeleteKeyspace', '-recursive=customer', 'commerce']],
    [['RebuildKeyspaceGraph', '-cells', 'customer', 'commerce']],
    [['CreateKeyspace', '-sharding_column_name', 'customer', 'commerce_x']],
    [['DeleteShard', '-even_if_serving', '-recursive', 'commerce/0']],
    [['DeleteKeyspace', '-', 'commerce']],
    [['DeleteKeyspace', '', 'commerce']],
    [['DeleteKeyspace', 'customer', 'commerce']],
    [['ApplySchema', '-sql-file', '/etc/passwd', 'customer']],
  ])('dba: %j', async (args) => {
    await refused('dba', args);
  });
});

describe('names that are not plain names', () => {
  it.each([
    [['DeleteKeyspace', 'customer/../commerce']],
    [['DeleteKeyspace', 'customer%2F..%2Fcommerce']],
    [['DeleteShard', 'customer/../commerce/0']],
    [['DeleteShard', 'customer*/0']],
    [['RebuildKeyspaceGraph', 'c*']],
    [['DeleteKeyspace', 'customer\u0000']],
    [['DeleteKeyspace', ' customer']],
  ])('dba: %j', async (args) => {
    await refused('dba', args);
  });
});

describe('case variants', () => {
  it.each([
    ['dba', ['deletekeyspace', 'commerce']],
    ['dba', ['DELETEKEYSPACE', 'customer']],
    ['dba', ['deleteKeyspace', 'customer']],
    ['dba', ['DeleteKeyspace', 'Customer']],
    ['dba', ['CreateKeyspace', 'CUSTOMER_X']],
    ['dba', ['DeleteShard', 'Customer/-80']],
    ['viewer', ['getkeyspace', 'customer']],
  ] as const)('%s: %j', async (role, args) => {
    await refused(role, [...args]);
  });

  it('a keyspace in schema/apply is matched exactly too', async () => {
    const dba = await stack.as('dba');
    for (const Keyspace of ['Customer', 'CUSTOMER', 'customer/../commerce', 'commerce']) {
      const before = stack.sandbox.requestCount('prod/vtctld');
      const res = await dba.post<ErrorBody>('/api/schema/apply', { Keyspace, SQL: 'drop table product' });
      expect([Keyspace, res.status]).toEqual([Keyspace, 403]);
      expect(stack.sandbox.requestCount('prod/vtctld')).toBe(before);
    }
  });
});

describe('unknown commands', () => {
  it.each([
    [['Bogus']],
    [['VReplicationExec', 'zone1-0000000200', 'select 1']],
    [['ApplyRoutingRules', '-rules', '{}']],
    [['UpdateCellInfo', '-server_address', 'evil:2379', 'zone1']],
    [['RebuildVSchemaGraph']],
  ])('are admin-only: %j', async (args) => {
    const body = await refused('dba', args);
    expect(body.message).toContain('admin');
  });

  it('reach vtctld for a global admin, whose errors come back unchanged', async () => {
    const admin = await stack.as('admin');
    const res = await admin.post<VtctlResult>('/api/vtctl/', ['Bogus']);
    expect(res.body).toEqual({ Error: 'unknown command', Output: 'Unknown command: Bogus\n\n' });
  });
});

describe('encoded path separators in /api/shards/', () => {
  it.each([
    'customer%2F..%2Fcommerce',
    'customer%2f..%2fcommerce',
    'customer%252F..%252Fcommerce',
    '..%2Fcommerce',
    '%2E%2E',
    'customer%5C..%5Ccommerce',
    '..',
    'commerce%00',
    'commerce%3F',
    'commerce%20',
    'Customer',
    'commerce',
  ])('%s is refused for the dba and never passed on', async (segment) => {
    const dba = await stack.as('dba');
    const before = stack.sandbox.requestCount('prod/vtctld');
    const status = await rawGet(`/api/shards/${segment}/`, {
      cookie: dba.cookie,
      'x-csrf-token': dba.csrfToken,
    });
    expect([400, 403]).toContain(status);
    expect(stack.sandbox.requestCount('prod/vtctld')).toBe(before);
  });

  it('is a 400 even for an admin: only plain names reach vtctld', async () => {
    const before = stack.sandbox.requestCount('prod/vtctld');
    const res = await stack.get<ErrorBody>('/api/shards/customer%2F..%2Fcommerce/');
    expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(stack.sandbox.requestCount('prod/vtctld')).toBe(before);
  });
});

describe('reads outside the grant', () => {
  it('keyspace list and topology show only granted keyspaces', async () => {
    const dba = await stack.as('dba');
    const developer = await stack.as('developer');
    expect((await dba.get<string[]>('/api/keyspaces/')).body).toEqual(['customer']);
    expect((await developer.get<string[]>('/api/keyspaces/')).body).toEqual(['commerce']);
    const tree = await developer.get<Topology>('/api/v2/clusters/prod/topology');
    expect(tree.body.items.map((k) => k.name)).toEqual(['commerce']);
    const only = await developer.get<Topology>('/api/v2/clusters/prod/topology?keyspace=customer');
    expect(only.body.items).toEqual([]);
  });

  it('tablets of a shard and tablet details need viewer on the keyspace', async () => {
    const dba = await stack.as('dba');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await dba.post('/api/tablets/', 'shard=commerce%2F0', form)).status).toBe(403);
    expect((await dba.post('/api/tablets/', 'shard=customer%2F-80', form)).status).toBe(200);
    expect((await dba.get('/api/v2/clusters/prod/tablets/zone1-0000000100')).status).toBe(403);
    expect((await dba.get('/api/v2/clusters/prod/tablets/zone1-0000000200')).status).toBe(200);
    expect((await dba.get('/api/shards/customer/')).status).toBe(200);
  });

  it('the audit log is for admins only', async () => {
    const dba = await stack.as('dba');
    const res = await dba.get<ErrorBody>('/api/v2/audit');
    expect(res).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(res.body.message).toContain('audit.read needs role admin');
  });
});
