import type { KeyspaceNode, ShardNode, TabletNode, Topology } from '@vtdeck/contracts';

export interface Selection {
  keyspace?: KeyspaceNode;
  shard?: ShardNode;
  tablet?: TabletNode;
  /** The first URL segment that names something the topology does not have. */
  missing?: { level: 'keyspace' | 'shard' | 'tablet'; name: string };
}

export function resolveSelection(
  topo: Topology,
  params: { keyspace?: string; shard?: string; tablet?: string },
): Selection {
  if (!params.keyspace) return {};
  const keyspace = topo.items.find((k) => k.name === params.keyspace);
  if (!keyspace) return { missing: { level: 'keyspace', name: params.keyspace } };
  if (!params.shard) return { keyspace };
  const shard = keyspace.shards.find((s) => s.name === params.shard);
  if (!shard) return { keyspace, missing: { level: 'shard', name: `${keyspace.name}/${params.shard}` } };
  if (!params.tablet) return { keyspace, shard };
  const tablet = shard.tablets.find((t) => t.alias === params.tablet);
  if (!tablet) return { keyspace, shard, missing: { level: 'tablet', name: params.tablet } };
  return { keyspace, shard, tablet };
}

export function countTablets(topo: Topology): number {
  let n = 0;
  for (const k of topo.items) for (const s of k.shards) n += s.tablets.length;
  return n;
}
