import { describe, expect, it } from 'vitest';
import { demoAuthConfig } from '../../src/auth/demo-auth';
import { createGrantPolicy, type Principal, type Role } from '../../src/auth/grants';
import { commandSpec, knownCommands } from '../../src/auth/vtctl-commands';
import { authorizeVtctl, type VtctlDecision } from '../../src/auth/vtctl-policy';

// The demo grants: viewer sees every keyspace, developer has `commerce`, dba has `customer*`, admin all.
const policy = createGrantPolicy(demoAuthConfig().grants ?? []);
const as = (role: Role): Principal => ({ kind: 'user', name: role, groups: [`demo-${role}s`] });

const TABLETS: Record<string, string> = {
  'zone1-0000000100': 'commerce',
  'zone1-0000000200': 'customer',
  'zone1-0000000201': 'customer',
  'zone1-0000000300': 'customer_eu',
};
const lookups: string[] = [];
async function resolveTabletKeyspace(alias: string): Promise<string | null> {
  lookups.push(alias);
  if (alias === 'zone1-0000000666') throw new Error('vtctld unreachable');
  return TABLETS[alias] ?? null;
}

const TABLET_OF = { commerce: 'zone1-0000000100', customer: 'zone1-0000000200' } as const;
type Ks = keyof typeof TABLET_OF;

function check(role: Role, argv: unknown[]): Promise<VtctlDecision> {
  return authorizeVtctl(argv, { principal: as(role), policy, cluster: 'prod', resolveTabletKeyspace });
}

async function expectDenied(role: Role, argv: unknown[], message?: RegExp) {
  const d = await check(role, argv);
  expect(d.allowed, `${role} ${JSON.stringify(argv)} should be denied`).toBe(false);
  expect(d.message).toMatch(/^permission denied: /);
  if (message) expect(d.message).toMatch(message);
  return d;
}

async function expectAllowed(role: Role, argv: unknown[]) {
  const d = await check(role, argv);
  expect(d.allowed, `${role} ${JSON.stringify(argv)} should be allowed: ${d.message}`).toBe(true);
  return d;
}

/** One argument list per mutating command, naming the keyspace `ks` (directly, by shard or by tablet). */
const MUTATING: Record<string, (ks: Ks) => string[]> = {
  CreateKeyspace: (ks) => ['CreateKeyspace', '-force', ks],
  DeleteKeyspace: (ks) => ['DeleteKeyspace', '-recursive', ks],
  RebuildKeyspaceGraph: (ks) => ['RebuildKeyspaceGraph', '-cells=zone1', ks],
  SetKeyspaceShardingInfo: (ks) => ['SetKeyspaceShardingInfo', '-force', ks, 'keyspace_id', 'uint64'],
  ReloadSchemaKeyspace: (ks) => ['ReloadSchemaKeyspace', ks],
  CreateShard: (ks) => ['CreateShard', `${ks}/-80`],
  DeleteShard: (ks) => ['DeleteShard', '-recursive', '-even_if_serving', `${ks}/-80`],
  InitShardMaster: (ks) => ['InitShardMaster', '-force', `${ks}/0`, TABLET_OF[ks]],
  InitShardPrimary: (ks) => ['InitShardPrimary', '--force', `${ks}/0`, TABLET_OF[ks]],
  PlannedReparentShard: (ks) => [
    'PlannedReparentShard',
    `-keyspace_shard=${ks}/0`,
    `-new_master=${TABLET_OF[ks]}`,
  ],
  EmergencyReparentShard: (ks) => ['EmergencyReparentShard', '-keyspace_shard', `${ks}/0`],
  ReparentTablet: (ks) => ['ReparentTablet', TABLET_OF[ks]],
  TabletExternallyReparented: (ks) => ['TabletExternallyReparented', TABLET_OF[ks]],
  ChangeTabletType: (ks) => ['ChangeTabletType', TABLET_OF[ks], 'rdonly'],
  ChangeSlaveType: (ks) => ['ChangeSlaveType', '-dry-run', TABLET_OF[ks], 'replica'],
  RefreshState: (ks) => ['RefreshState', TABLET_OF[ks]],
  DeleteTablet: (ks) => ['DeleteTablet', '-allow_master', TABLET_OF[ks]],
  StartReplication: (ks) => ['StartReplication', TABLET_OF[ks]],
  StopReplication: (ks) => ['StopReplication', TABLET_OF[ks]],
  StartSlave: (ks) => ['StartSlave', TABLET_OF[ks]],
  StopSlave: (ks) => ['StopSlave', TABLET_OF[ks]],
  SetReadOnly: (ks) => ['SetReadOnly', TABLET_OF[ks]],
  SetReadWrite: (ks) => ['SetReadWrite', TABLET_OF[ks]],
  ReloadSchema: (ks) => ['ReloadSchema', TABLET_OF[ks]],
  ExecuteFetchAsDba: (ks) => ['ExecuteFetchAsDba', '-json', TABLET_OF[ks], 'DROP TABLE t'],
  ExecuteFetchAsApp: (ks) => ['ExecuteFetchAsApp', '-max_rows', '10', TABLET_OF[ks], 'DELETE FROM t'],
  ApplyVSchema: (ks) => ['ApplyVSchema', '-vschema={}', ks],
  ApplySchema: (ks) => ['ApplySchema', '-sql', 'ALTER TABLE t ADD c INT', ks],
};

const READS: Record<string, (ks: Ks) => string[]> = {
  GetKeyspace: (ks) => ['GetKeyspace', ks],
  ValidateKeyspace: (ks) => ['ValidateKeyspace', '-ping-tablets', ks],
  ValidateSchemaKeyspace: (ks) => ['ValidateSchemaKeyspace', '-exclude_tables=', '-include-views', ks],
  ValidateVersionKeyspace: (ks) => ['ValidateVersionKeyspace', ks],
  FindAllShardsInKeyspace: (ks) => ['FindAllShardsInKeyspace', ks],
  GetSrvKeyspace: (ks) => ['GetSrvKeyspace', 'zone1', ks],
  GetShard: (ks) => ['GetShard', `${ks}/0`],
  ListShardTablets: (ks) => ['ListShardTablets', `${ks}/0`],
  ValidateShard: (ks) => ['ValidateShard', `${ks}/0`],
  GetTablet: (ks) => ['GetTablet', TABLET_OF[ks]],
  Ping: (ks) => ['Ping', TABLET_OF[ks]],
  GetSchema: (ks) => ['GetSchema', '-table_names_only', TABLET_OF[ks]],
  GetVSchema: (ks) => ['GetVSchema', ks],
  ListAllTablets: (ks) => ['ListAllTablets', `--keyspace=${ks}`, 'zone1'],
};

const ROLES: Role[] = ['viewer', 'developer', 'dba', 'admin'];

describe('vtctl policy: permission matrix', () => {
  it('has a matrix row for every keyspace-scoped command of the table', () => {
    for (const name of knownCommands()) {
      const spec = commandSpec(name)!;
      if (spec.scope !== 'keyspace' && !spec.narrowedByTargets) continue;
      expect(spec.class === 'read' ? READS : MUTATING, name).toHaveProperty(name);
    }
  });

  // Only the dba (on customer*) and admins may change anything; dba only inside its grant.
  const mutatingAllowed: Record<Role, Ks[]> = {
    viewer: [],
    developer: [],
    dba: ['customer'],
    admin: ['commerce', 'customer'],
  };
  for (const [command, argv] of Object.entries(MUTATING)) {
    for (const role of ROLES) {
      for (const ks of ['customer', 'commerce'] as const) {
        const allowed = mutatingAllowed[role].includes(ks);
        it(`${command} on ${ks} as ${role}: ${allowed ? 'allowed' : 'denied'}`, async () => {
          const d = await check(role, argv(ks));
          expect(d.allowed, d.message).toBe(allowed);
          expect(d.commandClass).toMatch(/^(write|destructive)$/);
          if (!allowed)
            expect(d.message).toMatch(new RegExp(`^permission denied: ${command} needs role (dba|admin)`));
          expect(d.targets.map((t) => t.keyspace)).toContain(ks);
        });
      }
    }
  }

  const readAllowed: Record<Role, Ks[]> = {
    viewer: ['commerce', 'customer'],
    developer: ['commerce'],
    dba: ['customer'],
    admin: ['commerce', 'customer'],
  };
  for (const [command, argv] of Object.entries(READS)) {
    for (const role of ROLES) {
      for (const ks of ['customer', 'commerce'] as const) {
        const allowed = readAllowed[role].includes(ks);
        it(`${command} on ${ks} as ${role}: ${allowed ? 'allowed' : 'denied'}`, async () => {
          const d = await check(role, argv(ks));
          expect(d.allowed, d.message).toBe(allowed);
          expect(d.commandClass).toBe('read');
        });
      }
    }
  }

  it('names the missing permission', async () => {
    const d = await check('developer', ['DeleteKeyspace', 'commerce']);
    expect(d).toMatchObject({
      allowed: false,
      reason: 'missing_role',
      requiredRole: 'dba',
      commandClass: 'destructive',
    });
    expect(d.message).toBe(
      'permission denied: DeleteKeyspace needs role dba on keyspace "commerce"; you have developer',
    );
    const t = await check('dba', ['DeleteTablet', TABLET_OF.commerce]);
    expect(t.message).toBe(
      'permission denied: DeleteTablet needs role dba on keyspace "commerce" (tablet zone1-0000000100); you have no role there',
    );
  });

  it('lets a dba act on every keyspace its pattern covers', async () => {
    await expectAllowed('dba', ['DeleteKeyspace', 'customer_eu']);
    await expectAllowed('dba', ['DeleteTablet', 'zone1-0000000300', 'zone1-0000000200']);
    await expectAllowed('dba', ['RebuildKeyspaceGraph', 'customer', 'customer_eu']);
  });
});

describe('vtctl policy: commands without a keyspace target', () => {
  it('gives listings of every keyspace only to those who see every keyspace', async () => {
    for (const argv of [
      ['GetKeyspaces'],
      ['ListAllTablets'],
      ['ListAllTablets', 'zone1'],
      ['Validate'],
      ['GetSrvKeyspaceNames', 'zone1'],
    ]) {
      await expectAllowed('viewer', argv);
      await expectAllowed('admin', argv);
      await expectDenied('developer', argv, /needs role viewer on all keyspaces/);
      await expectDenied('dba', argv, /needs role viewer on all keyspaces/);
    }
  });

  it('keeps cluster-wide writes for admins', async () => {
    await expectAllowed('admin', ['RebuildVSchemaGraph']);
    await expectDenied(
      'dba',
      ['RebuildVSchemaGraph', '-cells=zone1'],
      /needs role admin on the whole cluster; you have no cluster-wide role/,
    );
  });

  it('lets anyone read help', async () => {
    await expectAllowed('viewer', ['Help']);
    await expectAllowed('developer', ['Help', 'DeleteKeyspace']);
  });
});

describe('vtctl policy: bypass attempts', () => {
  it('checks the keyspace in every position it can appear', async () => {
    const { customer, commerce } = TABLET_OF;
    for (const argv of [
      ['RebuildKeyspaceGraph', 'customer', 'commerce'],
      ['DeleteShard', 'customer/0', 'commerce/0'],
      ['DeleteTablet', customer, commerce],
      ['InitShardMaster', '-force', 'customer/0', commerce],
      ['PlannedReparentShard', 'commerce/0', customer],
      ['PlannedReparentShard', 'customer/0', commerce],
      ['PlannedReparentShard', '-keyspace_shard=customer/0', `-new_master=${commerce}`],
      ['PlannedReparentShard', '-keyspace_shard=customer/0', `-avoid_master=${commerce}`],
      ['PlannedReparentShard', '-keyspace_shard=customer/0', `--new_primary`, commerce],
      ['EmergencyReparentShard', '-keyspace_shard=customer/0', `-ignore_replicas=${customer},${commerce}`],
      ['CreateKeyspace', '-served_from=replica:commerce', 'customer_x'],
      ['CreateKeyspace', '-base_keyspace=commerce', '-keyspace_type=SNAPSHOT', 'customer_snap'],
      ['GetSrvKeyspace', 'zone1', 'commerce'],
      ['ListAllTablets', '-keyspace=commerce'],
    ]) {
      await expectDenied('dba', argv, /"commerce"/);
    }
  });

  it('reads every flag form like Go does', async () => {
    for (const flag of ['-keyspace_shard', '--keyspace_shard']) {
      await expectAllowed('dba', ['PlannedReparentShard', `${flag}=customer/0`]);
      await expectAllowed('dba', ['PlannedReparentShard', flag, 'customer/0']);
      await expectDenied('dba', ['PlannedReparentShard', `${flag}=commerce/0`]);
      await expectDenied('dba', ['PlannedReparentShard', flag, 'commerce/0']);
    }
    // A repeated flag: Go keeps the last value; both are checked.
    await expectDenied('dba', [
      'PlannedReparentShard',
      '-keyspace_shard=customer/0',
      '-keyspace_shard=commerce/0',
    ]);
    await expectDenied('dba', [
      'PlannedReparentShard',
      '-keyspace_shard=commerce/0',
      '-keyspace_shard=customer/0',
    ]);
    await expectDenied('developer', ['ListAllTablets', '--keyspace', 'customer']);
    await expectAllowed('developer', ['ListAllTablets', '-keyspace=commerce']);
    // A valued flag takes the next argument even when it looks like a keyspace.
    await expectDenied('dba', ['ApplySchema', '-sql', 'customer', 'commerce']);
    await expectAllowed('dba', ['ApplySchema', '-sql=DROP TABLE x', 'customer']);
    await expectDenied('dba', ['ApplySchema', '-sql'], /without its value/);
  });

  it('does not take a flag where the keyspace is expected', async () => {
    for (const argv of [
      ['DeleteKeyspace', '-recursive', '-customer'],
      ['DeleteKeyspace', '-customer'],
      ['DeleteKeyspace', '--recursive=true', '--commerce'],
      ['DeleteKeyspace', '-recursive=commerce', 'customer'],
      ['DeleteKeyspace', '-recursive', 'true', 'customer'],
      ['DeleteKeyspace', '---recursive', 'customer'],
      ['DeleteKeyspace', '-=x', 'customer'],
      ['DeleteKeyspace', '-help', 'customer'],
    ]) {
      await expectDenied('dba', argv);
    }
    // A boolean flag never swallows the next argument.
    await expectAllowed('dba', ['DeleteKeyspace', '-recursive', 'customer']);
    await expectAllowed('dba', ['DeleteKeyspace', '-recursive=false', 'customer']);
  });

  it('refuses keyspace names with spaces, slashes, dots or encoded separators', async () => {
    for (const ks of [
      'customer ',
      ' customer',
      'customer\t',
      'customer\n',
      'customer/',
      'customer/..',
      'customer/../commerce',
      'customer..',
      'customer.x',
      'customer%2F..',
      'customer%2f..%2fcommerce',
      'customer\u0000',
    ]) {
      await expectDenied('dba', ['DeleteKeyspace', ks], /not a valid keyspace name/);
    }
    for (const shard of [
      'customer%2F-80',
      'customer%2f-80',
      'customer/../commerce/0',
      'customer /0',
      ' customer/0',
      'customer/0 ',
      'customer/..',
      'customer//0',
      'customer/',
      '/0',
      'customer\\/0',
    ]) {
      await expectDenied('dba', ['CreateShard', shard]);
      await expectDenied('dba', ['PlannedReparentShard', `-keyspace_shard=${shard}`]);
    }
  });

  it('treats case variants of a command as unknown, hence admin-only', async () => {
    for (const name of ['deletekeyspace', 'DELETEKEYSPACE', 'deleteKeyspace', 'getkeyspace']) {
      const d = await expectDenied('dba', [name, 'customer'], /is not a vtctl command vtdeck knows/);
      expect(d).toMatchObject({ reason: 'unknown_command', requiredRole: 'admin', commandClass: 'unknown' });
      await expectAllowed('admin', [name, 'customer']);
    }
  });

  it('matches keyspace names exactly, case included', async () => {
    await expectDenied('dba', ['DeleteKeyspace', 'Customer']);
    await expectDenied('dba', ['DeleteKeyspace', 'CUSTOMER']);
    await expectDenied('developer', ['GetKeyspace', 'Commerce']);
  });

  it('keeps unknown commands for admins', async () => {
    for (const name of [
      'Bogus',
      'InitTablet',
      'Panic',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      await expectDenied(
        'dba',
        [name, 'customer'],
        /needs role admin on the whole cluster; you have no cluster-wide role/,
      );
      await expectAllowed('admin', [name, 'customer']);
    }
  });

  it('refuses extra positionals', async () => {
    for (const argv of [
      ['GetKeyspace', 'customer', 'commerce'],
      ['GetKeyspace', 'customer', 'customer'],
      ['DeleteKeyspace', 'customer', '-recursive'],
      ['ReparentTablet', TABLET_OF.customer, TABLET_OF.customer],
      ['CreateShard', 'customer/0', 'commerce/0'],
      ['GetKeyspaces', 'commerce'],
      ['PlannedReparentShard', 'customer/0', TABLET_OF.customer, 'x'],
    ]) {
      await expectDenied('dba', argv, /positional argument/);
    }
  });

  it('follows Go on `--`', async () => {
    await expectAllowed('dba', ['DeleteKeyspace', '--', 'customer']);
    await expectAllowed('dba', ['DeleteKeyspace', '-recursive', '--', 'customer']);
    await expectDenied('dba', ['DeleteKeyspace', '--', 'commerce']);
    await expectDenied(
      'dba',
      ['DeleteKeyspace', '-recursive', '--', '-customer'],
      /not a valid keyspace name/,
    );
    await expectDenied('dba', ['GetKeyspace', 'customer', '--', 'commerce'], /positional/);
    await expectDenied('dba', ['DeleteKeyspace', '--', '--', 'customer'], /positional/);
  });

  it('refuses empty strings and empty commands', async () => {
    await expectDenied('dba', ['DeleteKeyspace', '']);
    await expectDenied('dba', ['DeleteKeyspace', '', 'customer']);
    await expectDenied('dba', ['DeleteKeyspace', '-recursive', '']);
    await expectDenied('dba', ['DeleteKeyspace', '-', 'customer']);
    await expectDenied('dba', ['DeleteKeyspace']);
    await expectDenied('dba', ['PlannedReparentShard'], /names no keyspace/);
    await expectDenied('dba', ['']);
    await expectDenied('dba', []);
    await expectDenied('dba', ['DeleteKeyspace', 42]);
    await expectDenied('dba', [null]);
    await expectAllowed('admin', []);
  });

  it('resolves tablet aliases and refuses those of another keyspace or none', async () => {
    lookups.length = 0;
    await expectDenied('dba', ['DeleteTablet', 'zone1-100'], /"commerce"/);
    expect(lookups).toEqual(['zone1-0000000100']);
    await expectDenied('dba', ['GetSchema', TABLET_OF.commerce]);
    await expectDenied('dba', ['ExecuteFetchAsDba', TABLET_OF.commerce, 'DROP DATABASE vt_commerce']);
    await expectAllowed('dba', ['ExecuteFetchAsDba', 'zone1-000200', 'SELECT 1']);

    const missing = await expectDenied(
      'dba',
      ['DeleteTablet', 'zone1-0000000999'],
      /cannot tell which keyspace/,
    );
    expect(missing.reason).toBe('unresolved_tablet');
    await expectDenied('dba', ['Ping', 'zone1-666'], /cannot tell which keyspace/);
    await expectAllowed('admin', ['DeleteTablet', 'zone1-0000000999']);

    for (const bad of ['zone1_100', 'zone1-100 ', 'zone1-4294967296', 'zone1-', '-100', 'zone1-1e3', '']) {
      await expectDenied('dba', ['GetTablet', bad]);
    }
    const many = Array.from({ length: 40 }, (_, i) => `zone1-${1000 + i}`);
    await expectDenied('dba', ['DeleteTablet', ...many], /at most 32/);
  });

  it('refuses wildcards to everyone but admins', async () => {
    for (const argv of [
      ['RebuildKeyspaceGraph', 'customer*'],
      ['RebuildKeyspaceGraph', 'customer[_]eu'],
      ['DeleteShard', 'c*/0'],
      ['DeleteShard', 'customer/*'],
      ['DeleteKeyspace', 'customer?'],
    ]) {
      await expectDenied('dba', argv, /wildcard/);
      await expectAllowed('admin', argv);
    }
  });

  it('keeps flags that read files on the vtctld host for admins', async () => {
    await expectDenied(
      'dba',
      ['ApplySchema', '-sql-file=/etc/passwd', 'customer'],
      /reads a file on the vtctld host/,
    );
    await expectDenied('dba', ['ApplyVSchema', '-vschema_file', '/etc/passwd', 'customer'], /reads a file/);
    await expectAllowed('admin', ['ApplySchema', '-sql-file=/tmp/x.sql', 'customer']);
  });

  it('scopes grants by cluster', async () => {
    const restricted = createGrantPolicy([
      { subjects: ['user:ci'], role: 'dba', keyspaces: ['*'], clusters: ['staging'] },
    ]);
    const ci: Principal = { kind: 'user', name: 'ci', groups: [] };
    const run = (cluster: string) =>
      authorizeVtctl(['DeleteKeyspace', 'customer'], {
        principal: ci,
        policy: restricted,
        cluster,
        resolveTabletKeyspace,
      });
    expect((await run('staging')).allowed).toBe(true);
    expect((await run('prod')).allowed).toBe(false);
  });

  it('reports the targets for the audit log', async () => {
    const d = await expectAllowed('dba', ['InitShardMaster', '-force', 'customer/-80', 'zone1-201']);
    expect(d.targets).toEqual([
      { keyspace: 'customer', shard: '-80' },
      { keyspace: 'customer', tablet: 'zone1-0000000201' },
    ]);
  });
});

describe('vtctl policy: the seed requests', () => {
  // Every /api/vtctl/ body of the seed document, for a dba on every keyspace.
  const ops: Principal = { kind: 'user', name: 'ops', groups: [] };
  const dbaEverywhere = createGrantPolicy([{ subjects: ['user:ops'], role: 'dba', keyspaces: ['*'] }]);
  const seedTablets: Record<string, string> = {
    'test-0000001201': 'test',
    'test-0000000001': 'gw_keyspace',
    'test-0000001301': 'gw_keyspace',
  };
  it.each([
    [['CreateKeyspace', 'gwgggg']],
    [['DeleteKeyspace', '-recursive', 'gwgggg']],
    [['ValidateKeyspace', '-ping-tablets', 'gw_keyspace']],
    [['ValidateSchemaKeyspace', 'gw_keyspace']],
    [['ValidateVersionKeyspace', 'test']],
    [['RebuildKeyspaceGraph', 'gw_keyspace']],
    [['CreateShard', 'test/-10']],
    [['DeleteShard', '-recursive', '-even_if_serving', 'test/-10']],
    [['GetSchema', 'test-1201']],
    [['InitShardMaster', '-force', 'gw_keyspace/10-', 'test-001']],
    [['ReparentTablet', 'test-1301']],
  ])('%j is allowed', async (argv) => {
    const d = await authorizeVtctl(argv, {
      principal: ops,
      policy: dbaEverywhere,
      resolveTabletKeyspace: async (alias) => seedTablets[alias] ?? null,
    });
    expect(d.allowed, d.message).toBe(true);
  });
});
