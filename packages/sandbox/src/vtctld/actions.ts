// vtctld's ActionRepository: the `?action=` POSTs on keyspaces, shards and tablets. They always
// answer 200 with an ActionResult; the wrangler's log lines go to vtctld's console, not the answer.

import { goMarshalIndent } from './encoding/go-json';
import { Logger } from './logger';
import { aliasString, type TabletAlias } from './names';
import type { Topology } from './topo/topology';
import { deleteTablet } from './wrangler/delete';
import { rpc } from './wrangler/tmc';
import {
  validateKeyspace,
  validateSchemaKeyspace,
  validateSchemaShard,
  validateShard,
  validateVersionKeyspace,
  validateVersionShard,
} from './wrangler/validate';

type Action<A extends unknown[]> = (topo: Topology, ...args: A) => void;

const keyspaceActions: Record<string, Action<[string]>> = {
  ValidateKeyspace: (topo, ks) => validateKeyspace(topo, new Logger(), ks, false),
  ValidateSchemaKeyspace: (topo, ks) => validateSchemaKeyspace(topo, ks, {}),
  ValidateVersionKeyspace: (topo, ks) => validateVersionKeyspace(topo, ks),
  ValidatePermissionsKeyspace: (topo, ks) => topo.getShardNames(ks),
};

const shardActions: Record<string, Action<[string, string]>> = {
  ValidateShard: (topo, ks, s) => validateShard(topo, new Logger(), ks, s, false),
  ValidateSchemaShard: (topo, ks, s) => validateSchemaShard(topo, ks, s, {}),
  ValidateVersionShard: (topo, ks, s) => validateVersionShard(topo, ks, s),
  ValidatePermissionsShard: (topo, ks, s) => topo.getShard(ks, s),
};

const tabletActions: Record<string, { admin: boolean; run: Action<[TabletAlias]> }> = {
  Ping: { admin: false, run: (topo, a) => rpc(topo.getTablet(a)) },
  RefreshState: { admin: true, run: (topo, a) => rpc(topo.getTablet(a)) },
  DeleteTablet: { admin: true, run: (topo, a) => deleteTablet(topo, a, false) },
  ReloadSchema: { admin: true, run: (topo, a) => rpc(topo.getTablet(a)) },
};

interface ActionResult {
  Name: string;
  Parameters: string;
  Output: string;
  Error: boolean;
}

function result(name: string, parameters: string, run: () => string, unknown: string | null): string {
  const r: ActionResult = { Name: name, Parameters: parameters, Output: '', Error: false };
  if (unknown !== null) {
    r.Output = unknown;
    r.Error = true;
  } else {
    try {
      r.Output = run();
    } catch (err) {
      r.Output = (err as Error).message;
      r.Error = true;
    }
  }
  return goMarshalIndent(r);
}

export function keyspaceAction(topo: Topology, action: string, keyspace: string): string {
  const fn = keyspaceActions[action];
  return result(
    action,
    keyspace,
    () => {
      fn!(topo, keyspace);
      return '';
    },
    fn ? null : 'Unknown keyspace action',
  );
}

export function shardAction(topo: Topology, action: string, keyspace: string, shard: string): string {
  const name = shard.includes('-') ? shard.toLowerCase() : shard;
  const fn = shardActions[action];
  return result(
    action,
    `${keyspace}/${name}`,
    () => {
      fn!(topo, keyspace, name);
      return '';
    },
    fn ? null : 'Unknown shard action',
  );
}

export function tabletAction(
  topo: Topology,
  action: string,
  alias: TabletAlias,
  adminAllowed: boolean,
): string {
  const entry = tabletActions[action];
  const params = aliasString(alias);
  if (!entry) return result(action, params, () => '', 'Unknown tablet action');
  if (entry.admin && !adminAllowed) return result(action, params, () => '', 'Access denied');
  return result(
    action,
    params,
    () => {
      try {
        topo.getTablet(alias);
      } catch (err) {
        throw new Error(`Failed to get tablet: ${(err as Error).message}`);
      }
      entry.run(topo, alias);
      return '';
    },
    null,
  );
}
