// topotools.RebuildKeyspace: one SrvKeyspace per cell with MASTER/REPLICA/RDONLY partitions over
// every shard whose master is serving, checked for full, contiguous key-range coverage.

import type { Logger } from '../logger';
import { SERVING_TYPES, tabletTypeName } from '../names';
import { VtError } from '../topo/errors';
import { compareRanges, type Topology } from '../topo/topology';
import type { SrvKeyspace } from '../topo/types';

const SRC = 'rebuild_keyspace.go:74';

export function rebuildKeyspace(topo: Topology, log: Logger, keyspace: string, cells: string[]): void {
  const ks = topo.lockKeyspace(keyspace);
  log.info(`rebuildKeyspace ${keyspace}`, SRC);
  const targets = cells.length ? cells : topo.knownCells();
  const serving = topo
    .getShardNames(keyspace)
    .map((name) => topo.getShard(keyspace, name))
    .filter((s) => s.isMasterServing)
    .sort((a, b) => compareRanges(a.keyRange, b.keyRange));
  const built = new Map<string, SrvKeyspace>();
  for (const cell of targets) {
    const srv: SrvKeyspace = {
      partitions: serving.length
        ? SERVING_TYPES.map((servedType) => ({
            servedType,
            shardReferences: serving.map((s) => ({ name: s.name, keyRange: s.keyRange })),
          }))
        : [],
      shardingColumnName: ks.shardingColumnName,
      shardingColumnType: ks.shardingColumnType,
    };
    checkPartitions(cell, srv);
    built.set(cell, srv);
  }
  for (const [cell, srv] of built) {
    log.info(`updating keyspace serving graph in cell ${cell} for ${keyspace}`, SRC);
    topo.addCell(cell);
    topo.srvKeyspaces.get(cell)!.set(keyspace, srv);
  }
}

/** topo.OrderAndCheckPartitions. */
function checkPartitions(cell: string, srv: SrvKeyspace): void {
  for (const p of srv.partitions) {
    const type = tabletTypeName(p.servedType);
    const refs = p.shardReferences;
    const first = refs[0]!;
    const last = refs[refs.length - 1]!;
    if (first.keyRange && first.keyRange.start !== '') {
      throw new VtError(`keyspace partition for ${type} in cell ${cell} does not start with min key`);
    }
    if (last.keyRange && last.keyRange.end !== '') {
      throw new VtError(`keyspace partition for ${type} in cell ${cell} does not end with max key`);
    }
    for (let i = 0; i + 1 < refs.length; i++) {
      const cur = refs[i]!;
      const next = refs[i + 1]!;
      if (Boolean(cur.keyRange) !== Boolean(next.keyRange)) {
        throw new VtError(
          `shards with inconsistent KeyRanges for ${type} in cell ${cell}. shards: name:"${cur.name}" , name:"${next.name}" `,
        );
      }
      if (cur.keyRange && next.keyRange && cur.keyRange.end !== next.keyRange.start) {
        throw new VtError(
          `non-contiguous KeyRange values for ${type} in cell ${cell} at shard ${i} to ${i + 1}: ${cur.keyRange.end} != ${next.keyRange.start}`,
        );
      }
    }
  }
}
