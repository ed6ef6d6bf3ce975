// Keyspace commands: CreateKeyspace, DeleteKeyspace, GetKeyspace(s), RebuildKeyspaceGraph,
// ValidateKeyspace, FindAllShardsInKeyspace and the keyspace-wide schema/version validations.

import { goMarshalIndentMap } from '../encoding/go-json';
import { jsonpb } from '../encoding/jsonpb';
import { keyspacePb, shardJson } from '../encoding/records';
import { refreshServedSchema } from '../mysql';
import { hasWildcard, parseTabletType, SERVING_TYPES, tabletTypeName, wildcardMatch } from '../names';
import { isTopo, VtError } from '../topo/errors';
import { newKeyspace } from '../topo/topology';
import { deleteKeyspace } from '../wrangler/delete';
import { rebuildKeyspace } from '../wrangler/rebuild';
import { validateKeyspace, validateSchemaKeyspace, validateVersionKeyspace } from '../wrangler/validate';
import { boolFlag, type Command, type CommandEnv, stringFlag } from './types';

const KEYSPACE_ID_TYPES: Record<string, number> = { '': 0, UNSET: 0, UINT64: 1, BYTES: 2 };

function parseServedFrom(spec: string): { tabletType: number; cells: string[]; keyspace: string }[] {
  if (!spec) return [];
  return spec.split(',').map((entry) => {
    const parts = entry.split(':');
    if (parts.length !== 2) throw new VtError(`invalid served_from parameter: ${entry}`);
    const type = parseTabletType(parts[0]!);
    if (!SERVING_TYPES.includes(type as 1 | 2 | 3)) {
      throw new VtError(`served_type has to be in the serving graph, not ${tabletTypeName(type)}`);
    }
    return { tabletType: type, cells: [], keyspace: parts[1]! };
  });
}

export function printJson(env: CommandEnv, json: string): void {
  env.log.printf(`${json}\n`);
}

/** ResolveKeyspaceWildcard: a plain name is used as is, a pattern expands to matching keyspaces. */
function resolveKeyspaces(env: CommandEnv, params: string[]): string[] {
  const out: string[] = [];
  for (const p of params) {
    if (!hasWildcard(p)) out.push(p);
    else out.push(...env.topo.keyspaceNames().filter((k) => wildcardMatch(p, k)));
  }
  return out;
}

export const keyspaceCommands: Command[] = [
  {
    name: 'CreateKeyspace',
    group: 'Keyspaces',
    params:
      '[-sharding_column_name=name] [-sharding_column_type=type] [-served_from=tablettype1:ks1,tablettype2:ks2,...] [-force] [-keyspace_type=type] [-base_keyspace=base_keyspace] [-snapshot_time=time] [-allow_empty_vschema] <keyspace name>',
    help: 'Creates the specified keyspace. keyspace_type can be NORMAL or SNAPSHOT. For a SNAPSHOT keyspace you must specify the name of a base_keyspace, and a snapshot_time in UTC, in RFC3339 time format, e.g. 2006-01-02T15:04:05+00:00',
    flags: [
      stringFlag('sharding_column_name', 'Specifies the column to use for sharding operations'),
      stringFlag('sharding_column_type', 'Specifies the type of the column to use for sharding operations'),
      stringFlag(
        'served_from',
        'Specifies a comma-separated list of dbtype:keyspace pairs used to serve traffic',
      ),
      boolFlag('force', 'Proceeds even if the keyspace already exists'),
      boolFlag('allow_empty_vschema', 'If set this will allow a new keyspace to have no vschema'),
      stringFlag('keyspace_type', 'Specifies the type of the keyspace'),
      stringFlag('base_keyspace', 'Specifies the base keyspace for a snapshot keyspace'),
      stringFlag('snapshot_time', 'Specifies the snapshot time for this keyspace'),
    ],
    run(env) {
      const { flags, args, topo, log } = env;
      if (args.length !== 1)
        throw new VtError('the <keyspace name> argument is required for the CreateKeyspace command');
      const name = args[0]!;
      const columnType = KEYSPACE_ID_TYPES[String(flags.sharding_column_type).toUpperCase()];
      if (columnType === undefined) throw new VtError(`unknown KeyspaceIdType ${flags.sharding_column_type}`);
      let keyspaceType = 0;
      const ktText = String(flags.keyspace_type);
      if (ktText !== '') {
        const kt = { NORMAL: 0, SNAPSHOT: 1 }[ktText.toUpperCase()];
        if (kt === undefined)
          log.info(`error parsing keyspace type ${ktText}, defaulting to NORMAL`, 'vtctl.go:1784');
        else keyspaceType = kt;
      }
      const ks = newKeyspace(name, {
        shardingColumnName: String(flags.sharding_column_name),
        shardingColumnType: columnType,
        servedFroms: parseServedFrom(String(flags.served_from)),
        keyspaceType,
      });
      if (keyspaceType === 1) {
        const base = String(flags.base_keyspace);
        if (!base) throw new VtError('base_keyspace must be specified while creating a snapshot keyspace');
        let baseKs: ReturnType<typeof topo.getKeyspace>;
        try {
          baseKs = topo.getKeyspace(base);
        } catch (err) {
          throw new VtError(`Cannot find base_keyspace: ${base}: ${(err as Error).message}`);
        }
        const st = String(flags.snapshot_time);
        if (!st) throw new VtError('snapshot_time must be specified when creating a snapshot keyspace');
        const ms = Date.parse(st);
        if (
          !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(st) ||
          Number.isNaN(ms)
        ) {
          throw new VtError(
            `parsing time "${st}" as "2006-01-02T15:04:05Z07:00": cannot parse "${st}" as "2006"`,
          );
        }
        if (ms > Date.now()) throw new VtError('snapshot_time can not be more than current time');
        ks.baseKeyspace = base;
        ks.snapshotTime = { seconds: Math.floor(ms / 1000), nanoseconds: 0 };
        ks.vschema = { ...(baseKs.vschema ?? {}), requireExplicitRouting: true };
      }
      if (flags.allow_empty_vschema) ks.vschema = null;
      try {
        topo.createKeyspace(ks);
      } catch (err) {
        if (!(flags.force && isTopo(err, 'NodeExists'))) throw err;
        log.info(`keyspace ${name} already exists (ignoring error with -force)`, 'vtctl.go:1820');
      }
    },
  },
  {
    name: 'DeleteKeyspace',
    group: 'Keyspaces',
    params: '[-recursive] <keyspace>',
    help: 'Deletes the specified keyspace. In recursive mode, it also recursively deletes all shards in the keyspace. Otherwise, there must be no shards left in the keyspace.',
    flags: [boolFlag('recursive', 'Also recursively delete all shards in the keyspace.')],
    run(env) {
      if (env.args.length !== 1) throw new VtError('must specify the <keyspace> argument for DeleteKeyspace');
      deleteKeyspace(env.topo, env.log, env.args[0]!, Boolean(env.flags.recursive));
    },
  },
  {
    name: 'GetKeyspace',
    group: 'Keyspaces',
    params: '<keyspace>',
    help: 'Outputs a JSON structure that contains information about the Keyspace.',
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace> argument is required for the GetKeyspace command');
      printJson(env, jsonpb(keyspacePb(env.topo.getKeyspace(env.args[0]!))));
    },
  },
  {
    name: 'GetKeyspaces',
    group: 'Keyspaces',
    params: '',
    help: 'Outputs a sorted list of all keyspaces.',
    run(env) {
      env.log.printf(`${env.topo.keyspaceNames().join('\n')}\n`);
    },
  },
  {
    name: 'RebuildKeyspaceGraph',
    group: 'Keyspaces',
    params: '[-cells=c1,c2,...] [-allow_partial] <keyspace> ...',
    help: 'Rebuilds the serving data for the keyspace. This command may trigger an update to all connected clients.',
    flags: [
      stringFlag('cells', 'Specifies a comma-separated list of cells to update'),
      boolFlag(
        'allow_partial',
        'Specifies whether a SNAPSHOT keyspace is allowed to serve with an incomplete set of shards. Ignored for all other types of keyspaces',
      ),
    ],
    run(env) {
      if (env.args.length === 0) {
        throw new VtError(
          'the <keyspace> argument must be used to specify at least one keyspace when calling the RebuildKeyspaceGraph command',
        );
      }
      const cells = String(env.flags.cells) ? String(env.flags.cells).split(',') : [];
      for (const ks of resolveKeyspaces(env, env.args)) rebuildKeyspace(env.topo, env.log, ks, cells);
    },
  },
  {
    name: 'ValidateKeyspace',
    group: 'Keyspaces',
    params: '[-ping-tablets] <keyspace name>',
    help: 'Validates that all nodes reachable from the specified keyspace are consistent.',
    flags: [
      boolFlag('ping-tablets', 'Specifies whether all tablets will be pinged during the validation process'),
    ],
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace name> argument is required for the ValidateKeyspace command');
      validateKeyspace(env.topo, env.log, env.args[0]!, Boolean(env.flags['ping-tablets']));
    },
  },
  {
    name: 'FindAllShardsInKeyspace',
    group: 'Keyspaces',
    params: '<keyspace>',
    help: 'Displays all of the shards in the specified keyspace.',
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace> argument is required for the FindAllShardsInKeyspace command');
      const keyspace = env.args[0]!;
      let names: string[];
      try {
        names = env.topo.getShardNames(keyspace);
      } catch (err) {
        throw new VtError(
          `failed to get list of shards for keyspace '${keyspace}': ${(err as Error).message}`,
        );
      }
      // printJSON of map[string]*topo.ShardInfo: encoding/json, not jsonpb (reference 3.1).
      const shards: Record<string, unknown> = {};
      for (const name of names) shards[name] = shardJson(env.topo.getShard(keyspace, name));
      printJson(env, goMarshalIndentMap(shards));
    },
  },
  {
    name: 'ValidateSchemaKeyspace',
    group: 'Schema, Version, Permissions',
    params: "[-exclude_tables=''] [-include-views] [-skip-no-master] <keyspace name>",
    help: 'Validates that the master schema from shard 0 matches the schema on all of the other tablets in the keyspace.',
    flags: [
      stringFlag(
        'exclude_tables',
        'Specifies a comma-separated list of tables to exclude. Each is either an exact match, or a regular expression of the form /regexp/',
      ),
      boolFlag('include-views', 'Includes views in the validation'),
      boolFlag('skip-no-master', "Skip shards that don't have master when performing validation"),
    ],
    async run(env) {
      if (env.args.length !== 1) {
        throw new VtError('the <keyspace name> argument is required for the ValidateSchemaKeyspace command');
      }
      await refreshServedSchema(env.topo, env.mysql, env.args[0]!);
      const exclude = String(env.flags.exclude_tables);
      validateSchemaKeyspace(env.topo, env.args[0]!, {
        excludeTables: exclude ? exclude.split(',') : [],
        includeViews: Boolean(env.flags['include-views']),
        skipNoMaster: Boolean(env.flags['skip-no-master']),
      });
    },
  },
  {
    name: 'ValidateVersionKeyspace',
    group: 'Schema, Version, Permissions',
    params: '<keyspace name>',
    help: 'Validates that the version on the master of shard 0 matches all of the other tablets in the keyspace.',
    run(env) {
      if (env.args.length !== 1) {
        throw new VtError('the <keyspace name> argument is required for the ValidateVersionKeyspace command');
      }
      validateVersionKeyspace(env.topo, env.args[0]!);
    },
  },
];
