// wrangler.DeleteKeyspace / DeleteShard / DeleteTablet (era B texts and log lines).

import type { Logger } from '../logger';
import { aliasString, type TabletAlias, TabletType } from '../names';
import { isTopo, VtError } from '../topo/errors';
import type { Topology } from '../topo/topology';

const SRC_KS = 'keyspace.go:240';
const SRC_SHARD = 'shard.go:327';

export function deleteShard(
  topo: Topology,
  log: Logger,
  keyspace: string,
  shard: string,
  recursive: boolean,
  evenIfServing: boolean,
): void {
  if (!topo.findShard(keyspace, shard)) {
    log.info(
      `Shard ${keyspace}/${shard} doesn't seem to exist, cleaning up any potential leftover`,
      SRC_SHARD,
    );
    topo.deleteShardRecord(keyspace, shard); // throws the NoNode the caller turns into "skipping it"
    return;
  }
  if (!evenIfServing && topo.servingCells(keyspace, shard).length > 0) {
    throw new VtError(
      `shard ${keyspace}/${shard} is still serving, cannot delete it, use even_if_serving flag if needed`,
    );
  }
  for (const cell of topo.knownCells()) {
    const tablets = topo.tabletsInShard(keyspace, shard, [cell]);
    if (tablets.length === 0) continue;
    if (!recursive) {
      throw new VtError(
        `shard ${keyspace}/${shard} still has ${tablets.length} tablets in cell ${cell}; use -recursive or remove them manually`,
      );
    }
    log.info(`Deleting all tablets in shard ${keyspace}/${shard} cell ${cell}`, SRC_SHARD);
    for (const t of tablets) {
      log.info(`Deleting tablet ${aliasString(t.alias)}`, SRC_SHARD);
      topo.deleteTablet(t.alias);
    }
  }
  topo.deleteShardRecord(keyspace, shard);
}

export function deleteKeyspace(topo: Topology, log: Logger, keyspace: string, recursive: boolean): void {
  const shards = topo.getShardNames(keyspace);
  if (recursive) {
    log.info(`Deleting all shards (and their tablets) in keyspace ${keyspace}`, SRC_KS);
    for (const shard of shards) {
      log.info(`Recursively deleting shard ${keyspace}/${shard}`, SRC_KS);
      try {
        deleteShard(topo, log, keyspace, shard, true, true);
      } catch (err) {
        if (!isTopo(err, 'NoNode'))
          throw new VtError(`can't delete shard ${keyspace}/${shard}: ${(err as Error).message}`);
      }
    }
  } else if (shards.length > 0) {
    throw new VtError(
      `keyspace ${keyspace} still has ${shards.length} shards; use -recursive or remove them manually`,
    );
  }
  topo.deleteKeyspace(keyspace);
}

export function deleteTablet(topo: Topology, alias: TabletAlias, allowMaster: boolean): void {
  const t = topo.getTablet(alias);
  if (t.type === TabletType.MASTER && !allowMaster) {
    throw new VtError(`cannot delete tablet ${aliasString(alias)} as it is a master, use allow_master flag`);
  }
  topo.deleteTablet(alias);
  // A deleted master also leaves the shard record without a master.
  const si = topo.findShard(t.keyspace, t.shard);
  if (si?.masterAlias && aliasString(si.masterAlias) === aliasString(alias)) {
    si.masterAlias = null;
    si.masterTermStartTime = null;
  }
}
