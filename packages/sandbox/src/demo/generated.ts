// A generated topology for benchmarks: N keyspaces x M evenly split shards x K tablets, spread over
// two cells, every shard with a master and every keyspace rebuilt. Tablets share one schema object
// (copy-on-write), so 256 x 16 x 4 builds in well under a second.

import { generateShardRanges } from '../vtctld/keyrange';
import type { Topology } from '../vtctld/topo/topology';
import { TopologyBuilder } from './builder';
import { CUSTOMER_VSCHEMA, customerTables } from './tables';

export interface GeneratedSpec {
  keyspaces: number;
  shardsPerKeyspace: number;
  tabletsPerShard: number;
  cells?: string[];
}

export function buildGenerated(spec: GeneratedSpec): Topology {
  const { keyspaces, shardsPerKeyspace, tabletsPerShard } = spec;
  if (keyspaces < 1 || shardsPerKeyspace < 1 || tabletsPerShard < 1) {
    throw new Error('generated dataset needs at least 1 keyspace, 1 shard and 1 tablet');
  }
  if (shardsPerKeyspace > 256) throw new Error('generated dataset: at most 256 shards per keyspace');
  if (tabletsPerShard > 99) throw new Error('generated dataset: at most 99 tablets per shard');
  const cells = spec.cells ?? ['zone1', 'zone2'];
  const b = new TopologyBuilder({ network: '10.30' }).cells(...cells);
  const shards = generateShardRanges(shardsPerKeyspace);
  const tables = customerTables(10_000);
  const width = String(keyspaces - 1).length;
  for (let k = 0; k < keyspaces; k++) {
    const ks = `ks${String(k).padStart(Math.max(3, width), '0')}`;
    b.keyspace(ks, {
      tables,
      vschema: shardsPerKeyspace > 1 ? CUSTOMER_VSCHEMA : { tables: { corder: {}, customer: {} } },
    });
    shards.forEach((shard, s) => {
      b.shard(ks, shard);
      for (let t = 0; t < tabletsPerShard; t++) {
        const uid = (k + 1) * 100_000 + s * 100 + t;
        const cell = cells[(s + (t === 0 ? 0 : t)) % cells.length]!;
        const type =
          t === 0 ? 'master' : t === tabletsPerShard - 1 && tabletsPerShard > 2 ? 'rdonly' : 'replica';
        b.tablet(ks, shard, cell, uid, type);
      }
    });
    b.rebuild(ks);
  }
  return b.build();
}
