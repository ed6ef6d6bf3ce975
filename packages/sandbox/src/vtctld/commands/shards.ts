// Shard commands: CreateShard, GetShard, DeleteShard, ListShardTablets, ValidateShard and the
// shard-level schema/version validations.

import { jsonpb } from '../encoding/jsonpb';
import { shardPb } from '../encoding/records';
import { refreshServedSchema } from '../mysql';
import { hasWildcard, parseKeyspaceShard, wildcardMatch } from '../names';
import { isTopo, VtError } from '../topo/errors';
import { newKeyspace, type Topology } from '../topo/topology';
import { fmtTabletAwkable } from '../wrangler/awk';
import { deleteShard } from '../wrangler/delete';
import { validateSchemaShard, validateShard, validateVersionShard } from '../wrangler/validate';
import { printJson } from './keyspaces';
import { boolFlag, type Command, stringFlag } from './types';

/** topo.ResolveShardWildcard for `<keyspace>/<shard>` params with shell wildcards on either side. */
function resolveShards(topo: Topology, params: string[]): { keyspace: string; shard: string }[] {
  const out: { keyspace: string; shard: string }[] = [];
  for (const p of params) {
    const { keyspace, shard } = parseKeyspaceShard(p);
    const keyspaces = hasWildcard(keyspace)
      ? topo.keyspaceNames().filter((k) => wildcardMatch(keyspace, k))
      : [keyspace];
    for (const ks of keyspaces) {
      if (hasWildcard(shard)) {
        let names: string[] = [];
        try {
          names = topo.getShardNames(ks);
        } catch (err) {
          if (isTopo(err, 'NoNode')) continue;
          throw new VtError(`keyspace ${ks}: ${(err as Error).message}`);
        }
        for (const s of names) if (wildcardMatch(shard, s)) out.push({ keyspace: ks, shard: s });
      } else if (hasWildcard(keyspace)) {
        if (topo.findShard(ks, shard)) out.push({ keyspace: ks, shard });
      } else out.push({ keyspace: ks, shard });
    }
  }
  return out;
}

export const shardCommands: Command[] = [
  {
    name: 'CreateShard',
    group: 'Shards',
    params: '[-force] [-parent] <keyspace/shard>',
    help: 'Creates the specified shard.',
    flags: [
      boolFlag('force', 'Proceeds with the command even if the keyspace already exists'),
      boolFlag('parent', "Creates the parent keyspace if it doesn't already exist"),
    ],
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace/shard> argument is required for the CreateShard command');
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      if (env.flags.parent && !env.topo.keyspaces.has(keyspace))
        env.topo.createKeyspace(newKeyspace(keyspace));
      try {
        env.topo.createShard(keyspace, shard);
      } catch (err) {
        if (!(env.flags.force && isTopo(err, 'NodeExists'))) throw err;
        env.log.info(
          `shard ${keyspace}/${shard} already exists (ignoring error with -force)`,
          'vtctl.go:1340',
        );
      }
    },
  },
  {
    name: 'GetShard',
    group: 'Shards',
    params: '<keyspace/shard>',
    help: 'Outputs a JSON structure that contains information about the Shard.',
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace/shard> argument is required for the GetShard command');
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      printJson(env, jsonpb(shardPb(env.topo.getShard(keyspace, shard))));
    },
  },
  {
    name: 'ValidateShard',
    group: 'Shards',
    params: '[-ping-tablets] <keyspace/shard>',
    help: 'Validates that all nodes that are reachable from this shard are consistent.',
    flags: [
      boolFlag(
        'ping-tablets',
        'Indicates whether all tablets should be pinged during the validation process',
        true,
      ),
    ],
    run(env) {
      if (env.args.length !== 1)
        throw new VtError('the <keyspace/shard> argument is required for the ValidateShard command');
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      validateShard(env.topo, env.log, keyspace, shard, Boolean(env.flags['ping-tablets']));
    },
  },
  {
    name: 'ListShardTablets',
    group: 'Shards',
    params: '<keyspace/shard>',
    help: 'Lists all tablets in the specified shard.',
    run(env) {
      if (env.args.length !== 1) {
        throw new VtError('the <keyspace/shard> argument is required for the ListShardTablets command');
      }
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      for (const t of env.topo.tabletsInShard(keyspace, shard)) env.log.printf(`${fmtTabletAwkable(t)}\n`);
    },
  },
  {
    name: 'DeleteShard',
    group: 'Shards',
    params: '[-recursive] [-even_if_serving] <keyspace/shard> ...',
    help: 'Deletes the specified shard(s). In recursive mode, it also deletes all tablets belonging to the shard. Otherwise, there must be no tablets left in the shard.',
    flags: [
      boolFlag('recursive', 'Also delete all tablets belonging to the shard.'),
      boolFlag('even_if_serving', 'Remove the shard even if it is serving. Use with caution.'),
    ],
    run(env) {
      if (env.args.length === 0) {
        throw new VtError(
          'the <keyspace/shard> argument must be used to identify at least one keyspace and shard when calling the DeleteShard command',
        );
      }
      for (const { keyspace, shard } of resolveShards(env.topo, env.args)) {
        try {
          deleteShard(
            env.topo,
            env.log,
            keyspace,
            shard,
            Boolean(env.flags.recursive),
            Boolean(env.flags.even_if_serving),
          );
        } catch (err) {
          if (!isTopo(err, 'NoNode')) throw err;
          env.log.info(`Shard ${keyspace}/${shard} doesn't exist, skipping it`, 'vtctl.go:1420');
        }
      }
    },
  },
  {
    name: 'ValidateSchemaShard',
    group: 'Schema, Version, Permissions',
    params: "[-exclude_tables=''] [-include-views] <keyspace/shard>",
    help: 'Validates that the master schema matches all of the slaves.',
    flags: [
      stringFlag(
        'exclude_tables',
        'Specifies a comma-separated list of tables to exclude. Each is either an exact match, or a regular expression of the form /regexp/',
      ),
      boolFlag('include-views', 'Includes views in the validation'),
    ],
    async run(env) {
      if (env.args.length !== 1) {
        throw new VtError('the <keyspace/shard> argument is required for the ValidateSchemaShard command');
      }
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      await refreshServedSchema(env.topo, env.mysql, keyspace);
      const exclude = String(env.flags.exclude_tables);
      validateSchemaShard(env.topo, keyspace, shard, {
        excludeTables: exclude ? exclude.split(',') : [],
        includeViews: Boolean(env.flags['include-views']),
      });
    },
  },
  {
    name: 'ValidateVersionShard',
    group: 'Schema, Version, Permissions',
    params: '<keyspace/shard>',
    help: 'Validates that the master version matches all of the slaves.',
    run(env) {
      if (env.args.length !== 1) {
        throw new VtError('the <keyspace/shard> argument is required for the ValidateVersionShard command');
      }
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      validateVersionShard(env.topo, keyspace, shard);
    },
  },
];
