import type { Topology } from '@vtdeck/contracts';
import type { GetRef } from 'antd';
import { Tree, type TreeDataNode, Typography } from 'antd';
import { type Key, type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useElementHeight } from '../../../shared/hooks/useElementHeight';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { ancestorKeys, buildTree, nodeKey, openPart, selectedKey, type TopoTreeNode } from './buildTree';
import { NodeTitle } from './NodeTitle';

export interface TreeTarget {
  keyspace?: string;
  shard?: string;
  tablet?: string;
}

function findNode(nodes: TopoTreeNode[], key: string): TopoTreeNode | undefined {
  for (const n of nodes) {
    if (n.key === key) return n;
    const inside = 'children' in n ? findNode(n.children, key) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

function targetOf(node: TopoTreeNode): TreeTarget {
  if (node.kind === 'keyspace') return { keyspace: node.keyspace.name };
  if (node.kind === 'shard') return { keyspace: node.keyspace.name, shard: node.shard.name };
  return { keyspace: node.keyspace.name, shard: node.shard.name, tablet: node.tablet.alias };
}

/**
 * A virtual tree: only the rows in view are rendered, so ten thousand tablets scroll as fast as ten,
 * and only open parents carry their children, so a search does not re-index all of them.
 * Selection lives in the URL; the tree only reports what was clicked. Memoised: the page re-renders
 * on every keystroke in the search box, the tree only when its (deferred) query or data change.
 */
export const TopologyTree = memo(function TopologyTree({
  topology,
  query,
  selected,
  onSelect,
}: {
  topology: Topology;
  query: string;
  selected: TreeTarget;
  onSelect: (target: TreeTarget) => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const tree = useRef<GetRef<typeof Tree<TreeDataNode>>>(null);
  const height = useElementHeight(box);
  const view = useMemo(() => buildTree(topology, query), [topology, query]);
  const searching = query.trim() !== '';
  // Two sets of open nodes: the tree as browsed, and the tree of the current search. A new search
  // opens its own down to its matches; clearing it shows the browsed tree again, which a search never
  // touches (a broad search opens thousands of shards: keeping them open would leave 12,600 rows).
  const [browsed, setBrowsed] = useState<string[]>(() => [
    ...topology.items.map((k) => nodeKey.keyspace(k.name)),
    ...ancestorKeys(selected.keyspace, selected.shard),
  ]);
  const [found, setFound] = useState<string[]>(view.expand);
  // Adjusted while rendering (not in an effect), so the new tree is laid out once, not twice.
  const [openedFor, setOpenedFor] = useState(view);
  if (openedFor !== view) {
    setOpenedFor(view);
    if (searching) setFound(view.expand);
  }
  const expanded = searching ? found : browsed;

  // The tree gets the open part only: it indexes every node it is given on each change of its data.
  const open = useMemo(() => new Set(expanded), [expanded]);
  const shown = useMemo(() => openPart(view.nodes, open), [view.nodes, open]);

  // A deep link, a click in a detail panel or a pick from search results opens both trees down to it.
  useEffect(() => {
    const need = ancestorKeys(selected.keyspace, selected.shard);
    const withNeed = (cur: string[]) =>
      need.every((k) => cur.includes(k)) ? cur : [...new Set([...cur, ...need])];
    setBrowsed(withNeed);
    setFound(withNeed);
  }, [selected.keyspace, selected.shard]);

  const current = selectedKey(selected.keyspace, selected.shard, selected.tablet);
  const selectedKeys = useMemo(() => (current ? [current] : []), [current]);
  // The item the keyboard is on. rc-tree's Enter toggles a parent open or shut, which the arrows
  // already do; here Enter opens the item's panel, as a click does (the tree pattern's default action).
  const active = useRef<string | null>(null);
  const nodes = useRef(view.nodes);
  nodes.current = view.nodes;
  const choose = useRef(onSelect);
  choose.current = onSelect;
  const enterOpens = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const onTree = (e.target as HTMLElement).getAttribute('role') === 'tree';
    const node =
      e.key === 'Enter' && onTree && active.current ? findNode(nodes.current, active.current) : undefined;
    if (!node) return;
    e.preventDefault();
    e.stopPropagation();
    choose.current(targetOf(node));
  }, []);
  const onExpand = useCallback(
    (keys: Key[]) => (searching ? setFound : setBrowsed)(keys as string[]),
    [searching],
  );
  const onTreeSelect = useCallback(
    (_keys: Key[], info: { node: TopoTreeNode }) => choose.current(targetOf(info.node)),
    [],
  );
  const onActiveChange = useCallback((key: Key | null | undefined) => {
    active.current = key === null || key === undefined ? null : String(key);
  }, []);

  // Bring a deep-linked node into view once its ancestors are open (after the tree re-renders).
  useEffect(() => {
    if (!current) return;
    const id = window.setTimeout(() => tree.current?.scrollTo({ key: current, align: 'auto' }), 0);
    return () => window.clearTimeout(id);
  }, [current]);
  return (
    <div
      ref={box}
      style={{ flex: 1, minHeight: 0 }}
      data-testid="topology-tree"
      onKeyDownCapture={enterOpens}
    >
      {query.trim() ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="search-matches">
          {t('topology.matches', { count: view.matches })}
        </Typography.Text>
      ) : null}
      {view.nodes.length === 0 ? (
        <EmptyState description={query.trim() ? t('topology.noMatches') : t('topology.noKeyspaces')} />
      ) : (
        <Tree<TopoTreeNode>
          ref={tree}
          // rc-tree gives the tree its keyboard: arrows move, open and close, Enter selects.
          aria-label={t('topology.treeLabel')}
          className="vt-topology-tree"
          blockNode
          virtual
          showLine={showLine}
          height={height - (query.trim() ? 22 : 0)}
          itemHeight={28}
          treeData={shown}
          fieldNames={fieldNames}
          expandedKeys={expanded}
          onExpand={onExpand}
          selectedKeys={selectedKeys}
          onSelect={onTreeSelect}
          onActiveChange={onActiveChange}
          titleRender={titleRender}
        />
      )}
    </div>
  );
});

const titleRender = (node: TopoTreeNode) => <NodeTitle node={node} />;
const fieldNames = { key: 'key', children: 'children' };
const showLine = { showLeafIcon: false };
