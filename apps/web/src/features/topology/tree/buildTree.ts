import type { KeyspaceNode, ShardNode, TabletNode, Topology } from '@vtdeck/contracts';

/** `isLeaf: false` marks a closed parent whose children were left out (see `openPart`). */
export type TopoTreeNode =
  | { key: string; kind: 'keyspace'; keyspace: KeyspaceNode; children: TopoTreeNode[]; isLeaf?: false }
  | {
      key: string;
      kind: 'shard';
      keyspace: KeyspaceNode;
      shard: ShardNode;
      children: TopoTreeNode[];
      isLeaf?: false;
    }
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

// The whole tree of a topology, built once: searches reuse its keyspace and shard nodes where they
// keep everything below, and clearing the search gives it back as it was (no 12,600 new objects).
const wholeTrees = new WeakMap<Topology, TopoTreeNode[]>();

function wholeTree(topo: Topology): TopoTreeNode[] {
  let nodes = wholeTrees.get(topo);
  if (!nodes) {
    nodes = topo.items.map((k) => ({
      key: nodeKey.keyspace(k.name),
      kind: 'keyspace' as const,
      keyspace: k,
      children: k.shards.map((s) => shardNode(k, s, s.tablets)),
    }));
    wholeTrees.set(topo, nodes);
  }
  return nodes;
}

/**
 * The keyspace → shard → tablet tree, filtered by a free-text query. Every word of the query must
 * appear; a keyspace or shard that matches keeps all its children, otherwise only matching tablets
 * (by alias, hostname, type, cell, or "not-serving") are kept with their ancestors.
 */
export function buildTree(topo: Topology, query: string): TreeView {
  const whole = wholeTree(topo);
  const ts = tokens(query);
  if (ts.length === 0) return { nodes: whole, expand: [], matches: 0 };
  const expand: string[] = [];
  let matches = 0;
  const nodes: TopoTreeNode[] = [];
  for (const [i, k] of topo.items.entries()) {
    const kNode = whole[i]!;
    if (hits(k.name.toLowerCase(), ts)) {
      matches++;
      expand.push(kNode.key);
      nodes.push(kNode);
      continue;
    }
    const shards: TopoTreeNode[] = [];
    for (const [j, s] of k.shards.entries()) {
      if (hits(`${k.name}/${s.name}`.toLowerCase(), ts)) {
        matches++;
        shards.push((kNode as ParentNode).children[j]!);
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
      expand.push(kNode.key);
      nodes.push({ key: kNode.key, kind: 'keyspace', keyspace: k, children: shards });
    }
  }
  return { nodes, expand, matches };
}

// A closed parent as the tree gets it, one per node so that its identity holds from render to render.
type ParentNode = Exclude<TopoTreeNode, { kind: 'tablet' }>;
const closedNodes = new WeakMap<ParentNode, ParentNode>();

function closed(node: ParentNode): ParentNode {
  let out = closedNodes.get(node);
  if (!out) {
    out = { ...node, children: [], isLeaf: false };
    closedNodes.set(node, out);
  }
  return out;
}

/**
 * What the tree component can show: closed parents lose their children (and keep their switcher,
 * `isLeaf: false`). The component indexes every node it is given whenever its data changes, so the
 * full 10,000-tablet tree cost that on every keystroke; the open part is the keyspaces and shards,
 * plus the tablets of the open shards. Arrays with nothing left out are returned as they were.
 */
export function openPart(nodes: TopoTreeNode[], open: ReadonlySet<string>): TopoTreeNode[] {
  let out: TopoTreeNode[] | undefined;
  for (const [i, node] of nodes.entries()) {
    let shown = node;
    if (node.kind !== 'tablet' && node.children.length > 0) {
      if (open.has(node.key)) {
        const children = openPart(node.children, open);
        if (children !== node.children) shown = { ...node, children };
      } else {
        shown = closed(node);
      }
    }
    if (shown !== node) out ??= nodes.slice(0, i);
    out?.push(shown);
  }
  return out ?? nodes;
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
