// Reparent commands: InitShardMaster / InitShardPrimary, PlannedReparentShard, ReparentTablet.

import { parseKeyspaceShard, parseTabletAlias, type TabletAlias } from '../names';
import { VtError } from '../topo/errors';
import {
  initShardMaster,
  MASTER_WORDS,
  PRIMARY_WORDS,
  plannedReparentShard,
  reparentTablet,
} from '../wrangler/reparent';
import { boolFlag, type Command, type CommandEnv, durationFlag, stringFlag } from './types';

function checkActiveReparents(env: CommandEnv): void {
  if (env.settings.disableActiveReparents) {
    throw new VtError(
      'active reparent commands disabled (unset the -disable_active_reparents flag to enable)',
    );
  }
}

function initCommand(name: 'InitShardMaster' | 'InitShardPrimary'): Command {
  const primary = name === 'InitShardPrimary';
  const words = primary ? PRIMARY_WORDS : MASTER_WORDS;
  return {
    name,
    group: 'Shards',
    params: primary
      ? '[--force] [--wait_replicas_timeout=<duration>] <keyspace/shard> <tablet alias>'
      : '[-force] [-wait_slave_timeout=<duration>] <keyspace/shard> <tablet alias>',
    help: `Sets the initial ${words.master} for a shard. Will make all other tablets in the shard ${words.slave}s of the provided ${words.master}. WARNING: this could cause data loss on an already replicating shard. PlannedReparentShard or EmergencyReparentShard should be used instead.`,
    flags: [
      boolFlag(
        'force',
        `will force the reparent even if the provided tablet is not a ${words.master} or the shard ${words.master}`,
      ),
      durationFlag(
        'wait_slave_timeout',
        `time to wait for ${words.slave}s to catch up in reparenting`,
        30_000,
      ),
      durationFlag('wait_replicas_timeout', `time to wait for replicas to catch up in reparenting`, 30_000),
    ],
    run(env) {
      checkActiveReparents(env);
      if (env.args.length !== 2) throw new VtError(`action ${name} requires <keyspace/shard> <tablet alias>`);
      const { keyspace, shard } = parseKeyspaceShard(env.args[0]!);
      const alias = parseTabletAlias(env.args[1]!);
      initShardMaster(env.topo, env.log, keyspace, shard, alias, Boolean(env.flags.force), words);
    },
  };
}

export const reparentCommands: Command[] = [
  {
    name: 'ReparentTablet',
    group: 'Tablets',
    params: '<tablet alias>',
    help: 'Reparent a tablet to the current master in the shard. This only works if the current slave position matches the last known reparent action.',
    run(env) {
      checkActiveReparents(env);
      if (env.args.length !== 1) throw new VtError('action ReparentTablet requires <tablet alias>');
      reparentTablet(env.topo, parseTabletAlias(env.args[0]!));
    },
  },
  initCommand('InitShardMaster'),
  initCommand('InitShardPrimary'),
  {
    name: 'PlannedReparentShard',
    group: 'Shards',
    params:
      '-keyspace_shard=<keyspace/shard> [-new_master=<tablet alias>] [-avoid_master=<tablet alias>] [-wait_replicas_timeout=<duration>]',
    help: 'Reparents the shard to the new master, or away from old master. Both old and new master need to be up and running.',
    flags: [
      durationFlag(
        'wait_replicas_timeout',
        'time to wait for replicas to catch up on replication before and after reparenting',
        30_000,
      ),
      stringFlag('keyspace_shard', 'keyspace/shard of the shard that needs to be reparented'),
      stringFlag('new_master', 'alias of a tablet that should be the new master'),
      stringFlag(
        'avoid_master',
        'alias of a tablet that should not be the master, i.e. reparent to any other tablet if this one is the master',
      ),
    ],
    run(env) {
      checkActiveReparents(env);
      let keyspaceShard = String(env.flags.keyspace_shard);
      let newMaster = String(env.flags.new_master);
      if (env.args.length === 2) {
        if (keyspaceShard !== '' || newMaster !== '') {
          throw new VtError(
            'cannot use legacy syntax and flags -keyspace_shard and -new_master for action PlannedReparentShard at the same time',
          );
        }
        [keyspaceShard, newMaster] = env.args as [string, string];
      } else if (env.args.length !== 0) {
        throw new VtError(
          'action PlannedReparentShard requires -keyspace_shard=<keyspace/shard> [-new_master=<tablet alias>] [-avoid_master=<tablet alias>]',
        );
      }
      const { keyspace, shard } = parseKeyspaceShard(keyspaceShard);
      const avoid = String(env.flags.avoid_master);
      const newAlias: TabletAlias | null = newMaster ? parseTabletAlias(newMaster) : null;
      const avoidAlias: TabletAlias | null = avoid ? parseTabletAlias(avoid) : null;
      plannedReparentShard(env.topo, env.log, keyspace, shard, newAlias, avoidAlias);
    },
  },
];
