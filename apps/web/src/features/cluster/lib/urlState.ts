import { useSearchParams } from 'react-router';

// Everything the cluster page shows is in its URL (tab, namespace, filters, the open object), so a
// view can be shared or reloaded as it is.

export const TABS = ['pods', 'rcs', 'services', 'namespaces'] as const;
export type ClusterTab = (typeof TABS)[number];

export interface ClusterView {
  tab: ClusterTab;
  ns: string;
  labels: string;
  status: string;
  /** the object whose detail drawer is open, by tab */
  open: string;
  /** `?tablet=<alias>`: a link from the topology, resolved to the tablet's pod */
  tablet: string;
}

const DETAIL_PARAM: Record<ClusterTab, string> = {
  pods: 'pod',
  rcs: 'rc',
  services: 'svc',
  namespaces: 'detail',
};

export function readView(search: URLSearchParams): ClusterView {
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as ClusterTab)
    : 'pods';
  return {
    tab,
    ns: search.get('ns') ?? '',
    labels: search.get('labels') ?? '',
    status: search.get('status') ?? '',
    open: search.get(DETAIL_PARAM[tab]) ?? '',
    tablet: search.get('tablet') ?? '',
  };
}

export function useClusterView(): [ClusterView, (change: Partial<ClusterView>) => void] {
  const [search, setSearch] = useSearchParams();
  const view = readView(search);
  const update = (change: Partial<ClusterView>) =>
    setSearch(
      (prev) => {
        const next = { ...readView(prev), ...change };
        // Switching tab or namespace closes the drawer and the status filter of the old list.
        if ((change.tab && change.tab !== view.tab) || (change.ns !== undefined && change.ns !== view.ns)) {
          if (change.open === undefined) next.open = '';
          if (change.status === undefined && change.tab) next.status = '';
        }
        const q = new URLSearchParams();
        if (next.tab !== 'pods') q.set('tab', next.tab);
        if (next.ns) q.set('ns', next.ns);
        if (next.labels) q.set('labels', next.labels);
        if (next.status) q.set('status', next.status);
        if (next.open) q.set(DETAIL_PARAM[next.tab], next.open);
        if (next.tablet) q.set('tablet', next.tablet);
        return q;
      },
      { replace: change.open === undefined && change.tab === undefined },
    );
  return [view, update];
}
