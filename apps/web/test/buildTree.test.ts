import type { KeyspaceNode, Topology } from '@vtdeck/contracts';
import { describe, expect, it } from 'vitest';
import { buildTree, nodeKey, openPart, type TopoTreeNode } from '../src/features/topology/tree/buildTree';

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

const count = (nodes: TopoTreeNode[]): number =>
  nodes.reduce((n, node) => n + 1 + (node.kind === 'tablet' ? 0 : count(node.children)), 0);

describe('buildTree reuse', () => {
  const topo = bigTopology();

  it('gives back the same tree when the search is cleared, and reuses whole subtrees', () => {
    const whole = buildTree(topo, '').nodes;
    buildTree(topo, 'rdonly');
    expect(buildTree(topo, '').nodes).toBe(whole);
    expect(buildTree(topo, 'ks7').nodes[0]).toBe(whole[7]);
  });
});

describe('openPart', () => {
  const topo = bigTopology();
  const whole = buildTree(topo, '').nodes;

  it('gives the tree only what can be seen: open keyspaces with closed shards', () => {
    const open = new Set(topo.items.map((k) => nodeKey.keyspace(k.name)));
    const shown = openPart(whole, open);
    expect(count(whole)).toBe(25 + 2_500 + 10_000);
    expect(count(shown)).toBe(25 + 2_500);
    const shard = shown[0]?.kind === 'keyspace' ? shown[0].children[0] : undefined;
    // a closed shard keeps its switcher, and everything a row shows
    expect(shard).toMatchObject({
      kind: 'shard',
      children: [],
      isLeaf: false,
      key: nodeKey.shard('ks0', '00-01'),
    });
    expect(shard?.kind === 'shard' && shard.shard).toBe(topo.items[0]?.shards[0]);
  });

  it('shows the tablets of an open shard, and keeps the nodes it did not change', () => {
    const open = new Set([nodeKey.keyspace('ks1'), nodeKey.shard('ks1', '00-01')]);
    const shown = openPart(whole, open);
    expect(count(shown)).toBe(25 + 100 + 4);
    const ks1 = shown[1];
    expect(ks1?.kind === 'keyspace' && ks1.children[0]).toBe(
      whole[1]?.kind === 'keyspace' && whole[1].children[0],
    );
    // the same closed node on every call: the tree sees no change where there is none
    expect(openPart(whole, open)[0]).toBe(shown[0]);
  });

  it('returns the tree as it is when everything is open', () => {
    const open = new Set<string>();
    for (const k of whole) {
      open.add(k.key);
      if (k.kind === 'keyspace') for (const s of k.children) open.add(s.key);
    }
    expect(openPart(whole, open)).toBe(whole);
  });
});
