import type { KeyspaceNode, Topology } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import { buildTree, nodeKey } from '../src/features/topology/tree/buildTree';

const types = ['PRIMARY', 'REPLICA', 'REPLICA', 'RDONLY'];

/** 25 keyspaces × 100 shards × 4 tablets = 10,000 tablets. */
function bigTopology(): Topology {
  const items: KeyspaceNode[] = [];
  let uid = 100;
  for (let k = 0; k < 25; k++) {
    const name = `ks${k}`;
    items.push({
      name,
      sharded: true,
      shards: Array.from({ length: 100 }, (_, s) => {
        const shard = `${s.toString(16).padStart(2, '0')}-${(s + 1).toString(16).padStart(2, '0')}`;
        const tablets = types.map((type, i) => {
          const id = uid++;
          const cell = i % 2 ? 'zone2' : 'zone1';
          return {
            alias: `${cell}-${String(id).padStart(10, '0')}`,
            cell,
            uid: id,
            type,
            hostname: `vttablet-${id}.example`,
            keyspace: name,
            shard,
            keyRange: { start: '', end: '' },
            isPrimary: type === 'PRIMARY',
            serving: id % 97 !== 0,
          };
        });
        return {
          name: shard,
          keyRange: { start: '', end: '' },
          primaryAlias: tablets[0]?.alias ?? null,
          isPrimaryServing: true,
          tablets,
        };
      }),
    });
  }
  return {
    cluster: 'prod',
    generatedAt: new Date(0).toISOString(),
    cells: ['zone1', 'zone2'],
    items,
    errors: [],
  };
}

describe('buildTree', () => {
  const topo = bigTopology();

  it('keeps everything without a query', () => {
    const view = buildTree(topo, '');
    expect(view.nodes).toHaveLength(25);
    expect(view.expand).toEqual([]);
  });

  it('finds a tablet by alias and opens its ancestors', () => {
    const view = buildTree(topo, 'zone2-0000000101');
    expect(view.matches).toBe(1);
    expect(view.expand).toContain(nodeKey.keyspace('ks0'));
    const shard = view.nodes[0]?.kind === 'keyspace' ? view.nodes[0].children[0] : undefined;
    expect(shard?.kind === 'shard' && shard.children.length).toBe(1);
  });

  it('ands the words of a query and matches not-serving tablets', () => {
    const view = buildTree(topo, 'ks3 rdonly');
    expect(view.matches).toBe(100);
    expect(buildTree(topo, 'not-serving').matches).toBeGreaterThan(50);
  });

  // How fast this runs on 10,000 tablets is measured by `pnpm bench web`, not asserted here.
  it('narrows 10,000 tablets keystroke by keystroke', () => {
    expect(buildTree(topo, 'zone1').matches).toBe(5_000);
    expect(buildTree(topo, 'zone1 replica').matches).toBe(2_500);
    expect(buildTree(topo, 'zone1 replica ks24').matches).toBe(100);
  });
});
