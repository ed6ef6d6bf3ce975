// Which vtctl commands only read. Everything else counts as a write: it needs the write permission
// and drops the cluster's cached topology. Unknown commands are writes, so a new vtctl command can
// never slip through as harmless.

const READ_ONLY = new Set(
  [
    'Help',
    'GetKeyspace',
    'GetKeyspaces',
    'GetShard',
    'GetTablet',
    'GetSchema',
    'GetVSchema',
    'GetSrvKeyspace',
    'GetSrvKeyspaceNames',
    'GetSrvVSchema',
    'GetShardReplication',
    'GetCellInfo',
    'GetCellInfoNames',
    'GetCellsAliases',
    'GetPermissions',
    'GetRoutingRules',
    'FindAllShardsInKeyspace',
    'ListAllTablets',
    'ListShardTablets',
    'ListTablets',
    'Ping',
    'Validate',
    'ValidateKeyspace',
    'ValidateShard',
    'ValidateSchemaKeyspace',
    'ValidateSchemaShard',
    'ValidateVersionKeyspace',
    'ValidateVersionShard',
    'ValidatePermissionsKeyspace',
    'ValidatePermissionsShard',
    'ShardReplicationPositions',
  ].map((c) => c.toLowerCase()),
);

/** vtctl matches command names case-insensitively, so do we. */
export function isReadOnlyCommand(command: string | undefined): boolean {
  return command !== undefined && READ_ONLY.has(command.toLowerCase());
}
