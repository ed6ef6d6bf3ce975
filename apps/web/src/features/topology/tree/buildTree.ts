import type { KeyspaceNode, ShardNode, TabletNode, Topology } from '@vtdeck/contracts';

export type TopoTreeNode =
  | { key: string; kind: 'keyspace'; keyspace: KeyspaceNode; children: TopoTreeNode[] }
  | { key: string; kind: 'shard'; keyspace: KeyspaceNode; shard: ShardNode; children: TopoTreeNode[] }
  | {
      key: string;
      kind: 'tablet';
      keyspace: KeyspaceNode;
      shard: ShardNode;
      tablet: TabletNode;
      isLeaf: true;
    };

export const nodeKey = {
  keyspace: (ks: string) => `k|${ks}`,
  shard: (ks: string, shard: string) => `s|${ks}|${shard}`,
  tablet: (alias: string) => `t|${alias}`,
};

export interface TreeView {
  nodes: TopoTreeNode[];
  /** Nodes to open so that every match is visible. */
  expand: string[];
  /** Matching objects (keyspaces, shards or tablets), for the "N matches" hint. */
  matches: number;
}

function tokens(q: string): string[] {
  return q.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

const hits = (haystack: string, ts: string[]) => ts.every((t) => haystack.includes(t));

// A tablet's searchable text, built once per tablet object: a topology answer is immutable, so every
// keystroke searches the same strings instead of building (and collecting) ten thousand new ones.
const haystacks = new WeakMap<TabletNode, string>();

function tabletHaystack(k: KeyspaceNode, s: ShardNode, t: TabletNode): string {
  let text = haystacks.get(t);
  if (text === undefined) {
    text =
      `${k.name}/${s.name} ${t.alias} ${t.hostname} ${t.type} ${t.cell} ${t.serving ? '' : 'not-serving'}`.toLowerCase();
    haystacks.set(t, text);
  }
  return text;
}

function tabletNodes(k: KeyspaceNode, s: ShardNode, ts: TabletNode[]): TopoTreeNode[] {
  return ts.map((tablet) => ({
    key: nodeKey.tablet(tablet.alias),
    kind: 'tablet',
    keyspace: k,
    shard: s,
    tablet,
    isLeaf: true,
  }));
}

function shardNode(k: KeyspaceNode, s: ShardNode, ts: TabletNode[]): TopoTreeNode {
  return {
    key: nodeKey.shard(k.name, s.name),
    kind: 'shard',
    keyspace: k,
    shard: s,
    children: tabletNodes(k, s, ts),
  };
}

/**
 * The keyspace → shard → tablet tree, filtered by a free-text query. Every word of the query must
 * appear; a keyspace or shard that matches keeps all its children, otherwise only matching tablets
 * (by alias, hostname, type, cell, or "not-serving") are kept with their ancestors.
 */
export function buildTree(topo: Topology, query: string): TreeView {
  const ts = tokens(query);
  const expand: string[] = [];
  let matches = 0;
  const nodes: TopoTreeNode[] = [];
  for (const k of topo.items) {
    const kKey = nodeKey.keyspace(k.name);
    if (ts.length === 0 || hits(k.name.toLowerCase(), ts)) {
      if (ts.length) {
        matches++;
        expand.push(kKey);
      }
      nodes.push({
        key: kKey,
        kind: 'keyspace',
        keyspace: k,
        children: k.shards.map((s) => shardNode(k, s, s.tablets)),
      });
      continue;
    }
    const shards: TopoTreeNode[] = [];
    for (const s of k.shards) {
      if (hits(`${k.name}/${s.name}`.toLowerCase(), ts)) {
        matches++;
        shards.push(shardNode(k, s, s.tablets));
        continue;
      }
      const kept = s.tablets.filter((t) => hits(tabletHaystack(k, s, t), ts));
      if (kept.length) {
        matches += kept.length;
        shards.push(shardNode(k, s, kept));
        expand.push(nodeKey.shard(k.name, s.name));
      }
    }
    if (shards.length) {
      expand.push(kKey);
      nodes.push({ key: kKey, kind: 'keyspace', keyspace: k, children: shards });
    }
  }
  return { nodes, expand, matches };
}

/** Keys of the selected node's ancestors, so a deep link opens the tree down to it. */
export function ancestorKeys(keyspace?: string, shard?: string): string[] {
  const keys: string[] = [];
  if (keyspace) keys.push(nodeKey.keyspace(keyspace));
  if (keyspace && shard) keys.push(nodeKey.shard(keyspace, shard));
  return keys;
}

export function selectedKey(keyspace?: string, shard?: string, tablet?: string): string | undefined {
  if (tablet) return nodeKey.tablet(tablet);
  if (keyspace && shard) return nodeKey.shard(keyspace, shard);
  if (keyspace) return nodeKey.keyspace(keyspace);
  return undefined;
}
