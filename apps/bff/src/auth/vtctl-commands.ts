/**
 * What vtdeck knows about each vtctl command: its class, its flags (boolean or taking a value) and
 * which positional or flag value names a keyspace, a `keyspace/shard` or a tablet. Syntax from the
 * reference (vtctld.md section 7, era B, with the era-C spellings that clients send).
 *
 * A command missing here is admin-only. A flag missing from a command is refused for everyone but
 * admins: vtdeck cannot tell whether it would swallow the next argument, so it cannot find the target.
 */

/** How to read one argument. `other` is data that names nothing vtdeck guards (a cell, a type, SQL). */
export type ArgKind = 'keyspace' | 'keyspaceShard' | 'tablet' | 'tabletList' | 'servedFrom' | 'other';

export type CommandClass = 'read' | 'write' | 'destructive';

/**
 * - `keyspace`: the targets found in the arguments decide (at least one is required);
 * - `allKeyspaces`: the output or effect spans every keyspace, so the role is needed on all of them
 *   (a grant with no patterns or `keyspaces: ["*"]`); with `narrowedByTargets`, a keyspace target in
 *   the arguments (ListAllTablets `-keyspace`) makes it a `keyspace` command instead;
 * - `global`: cluster-wide effect, global admin only;
 * - `anyone`: touches no data (help text).
 */
export type CommandScope = 'keyspace' | 'allKeyspaces' | 'global' | 'anyone';

export interface FlagSpec {
  bool?: true;
  kind?: ArgKind;
  /** why only an admin may use it */
  adminOnly?: string;
}

export interface CommandSpec {
  class: CommandClass;
  scope: CommandScope;
  narrowedByTargets?: boolean;
  flags: Readonly<Record<string, FlagSpec>>;
  /** kinds of the fixed positionals, in order */
  args: readonly ArgKind[];
  /** kind of every positional after the fixed ones (variadic commands) */
  rest?: ArgKind;
  minArgs: number;
  maxArgs: number;
  /** the command accepts shell wildcards in these positionals (vtctl expands them itself) */
  wildcards?: boolean;
}

const bool = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { bool: true } as FlagSpec]));
const value = (...names: string[]) => Object.fromEntries(names.map((n) => [n, {} as FlagSpec]));
const kind = (k: ArgKind, ...names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { kind: k } as FlagSpec]));
const serverFile = (...names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { adminOnly: 'it reads a file on the vtctld host' } as FlagSpec]));

interface Shape {
  flags?: Record<string, FlagSpec>;
  args?: ArgKind[];
  rest?: ArgKind;
  min?: number;
  max?: number;
  scope?: CommandScope;
  narrowedByTargets?: boolean;
  wildcards?: boolean;
}

function command(cls: CommandClass, shape: Shape): CommandSpec {
  const args = shape.args ?? [];
  return {
    class: cls,
    scope: shape.scope ?? 'keyspace',
    narrowedByTargets: shape.narrowedByTargets,
    flags: shape.flags ?? {},
    args,
    rest: shape.rest,
    minArgs: shape.min ?? args.length,
    maxArgs: shape.rest ? Number.POSITIVE_INFINITY : (shape.max ?? args.length),
    wildcards: shape.wildcards,
  };
}

const onKeyspace = (cls: CommandClass, flags: Record<string, FlagSpec> = {}) =>
  command(cls, { flags, args: ['keyspace'] });
const onShard = (cls: CommandClass, flags: Record<string, FlagSpec> = {}) =>
  command(cls, { flags, args: ['keyspaceShard'] });
const onTablet = (cls: CommandClass, flags: Record<string, FlagSpec> = {}) =>
  command(cls, { flags, args: ['tablet'] });

const reparentFlags = {
  ...kind('keyspaceShard', 'keyspace_shard'),
  ...kind('tablet', 'new_master', 'new_primary'),
  ...value('wait_replicas_timeout', 'wait_slave_timeout', 'lock_timeout'),
};
const initShardPrimary = command('destructive', {
  flags: { ...bool('force'), ...value('wait_slave_timeout', 'wait_replicas_timeout') },
  args: ['keyspaceShard', 'tablet'],
});
const changeType = (extra: Record<string, FlagSpec> = {}) =>
  command('write', { flags: { ...bool('dry-run'), ...extra }, args: ['tablet', 'other'] });

const TABLE: Record<string, CommandSpec> = {
  // Keyspaces
  CreateKeyspace: onKeyspace('write', {
    ...bool('force', 'allow_empty_vschema'),
    ...value(
      'sharding_column_name',
      'sharding_column_type',
      'keyspace_type',
      'snapshot_time',
      'durability_policy',
    ),
    ...kind('servedFrom', 'served_from'),
    ...kind('keyspace', 'base_keyspace'),
  }),
  DeleteKeyspace: onKeyspace('destructive', bool('recursive')),
  GetKeyspace: onKeyspace('read'),
  GetKeyspaces: command('read', { scope: 'allKeyspaces' }),
  ValidateKeyspace: onKeyspace('read', bool('ping-tablets')),
  ValidateSchemaKeyspace: onKeyspace('read', {
    ...value('exclude_tables'),
    ...bool('include-views', 'skip-no-master', 'skip-no-primary', 'include-vschema'),
  }),
  ValidateVersionKeyspace: onKeyspace('read'),
  RebuildKeyspaceGraph: command('write', {
    flags: { ...value('cells'), ...bool('allow_partial') },
    rest: 'keyspace',
    min: 1,
    wildcards: true,
  }),
  SetKeyspaceShardingInfo: command('write', {
    flags: bool('force'),
    args: ['keyspace', 'other', 'other'],
    min: 1,
  }),
  FindAllShardsInKeyspace: onKeyspace('read'),
  GetSrvKeyspace: command('read', { args: ['other', 'keyspace'] }),
  GetSrvKeyspaceNames: command('read', { args: ['other'], scope: 'allKeyspaces' }),
  ReloadSchemaKeyspace: onKeyspace('write', {
    ...value('concurrency'),
    ...bool('include_master', 'include_primary'),
  }),
  Validate: command('read', { flags: bool('ping-tablets'), scope: 'allKeyspaces' }),

  // Shards and reparenting
  CreateShard: onShard('write', bool('force', 'parent')),
  DeleteShard: command('destructive', {
    flags: bool('recursive', 'even_if_serving'),
    rest: 'keyspaceShard',
    min: 1,
    wildcards: true,
  }),
  GetShard: onShard('read'),
  ListShardTablets: onShard('read'),
  ValidateShard: onShard('read', bool('ping-tablets')),
  InitShardMaster: initShardPrimary,
  InitShardPrimary: initShardPrimary,
  PlannedReparentShard: command('destructive', {
    flags: { ...reparentFlags, ...kind('tablet', 'avoid_master', 'avoid_primary') },
    args: ['keyspaceShard', 'tablet'],
    min: 0,
  }),
  EmergencyReparentShard: command('destructive', {
    flags: {
      ...reparentFlags,
      ...kind('tabletList', 'ignore_replicas'),
      ...bool('prevent_cross_cell_promotion'),
    },
    args: ['keyspaceShard', 'tablet'],
    min: 0,
  }),
  ReparentTablet: onTablet('destructive'),
  TabletExternallyReparented: onTablet('destructive'),

  // Tablets
  GetTablet: onTablet('read'),
  ListAllTablets: command('read', {
    flags: { ...kind('keyspace', 'keyspace'), ...value('tablet_type') },
    args: ['other'],
    min: 0,
    scope: 'allKeyspaces',
    narrowedByTargets: true,
  }),
  ChangeTabletType: changeType(),
  ChangeSlaveType: changeType(bool('force')),
  Ping: onTablet('read'),
  RefreshState: onTablet('write'),
  DeleteTablet: command('destructive', {
    flags: bool('allow_master', 'allow_primary'),
    rest: 'tablet',
    min: 1,
  }),
  StartReplication: onTablet('write'),
  StopReplication: onTablet('write'),
  StartSlave: onTablet('write'),
  StopSlave: onTablet('write'),
  SetReadOnly: onTablet('write'),
  SetReadWrite: onTablet('write'),
  ReloadSchema: onTablet('write'),
  ExecuteFetchAsDba: command('write', {
    flags: { ...value('max_rows'), ...bool('disable_binlogs', 'reload_schema', 'json') },
    args: ['tablet', 'other'],
  }),
  ExecuteFetchAsApp: command('write', {
    flags: { ...value('max_rows'), ...bool('json', 'use_pool') },
    args: ['tablet', 'other'],
  }),

  // Schema and VSchema
  GetSchema: onTablet('read', {
    ...value('tables', 'exclude_tables'),
    ...bool('include-views', 'table_names_only', 'table_sizes_only'),
  }),
  GetVSchema: onKeyspace('read'),
  ApplyVSchema: onKeyspace('write', {
    ...value('vschema', 'sql', 'cells'),
    ...serverFile('vschema_file', 'sql_file'),
    ...bool('skip_rebuild', 'dry-run'),
  }),
  ApplySchema: onKeyspace('write', {
    ...value(
      'sql',
      'wait_slave_timeout',
      'wait_replicas_timeout',
      'ddl_strategy',
      'request_context',
      'migration_context',
    ),
    ...serverFile('sql-file'),
    ...bool('allow_long_unavailability', 'skip_preflight'),
  }),
  RebuildVSchemaGraph: command('write', { flags: value('cells'), scope: 'global' }),

  // Generic
  GetCellInfoNames: command('read', { scope: 'anyone' }),
  Help: command('read', { args: ['other'], min: 0, scope: 'anyone' }),
};

const COMMANDS = new Map(Object.entries(TABLE));

/** Exact-case lookup. vtctl itself matches names case-insensitively, so a case variant that we do not
 * know must not be waved through as something harmless: it is unknown, hence admin-only. */
export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.get(name);
}

export function knownCommands(): string[] {
  return [...COMMANDS.keys()];
}
