import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TabletDetail } from '@vtdeck/contracts';
import { apiFetch, enc } from './http';
import { topologyKeys } from './topologyKeys';

export function fetchTabletDetail(
  cluster: string,
  alias: string,
  signal?: AbortSignal,
): Promise<TabletDetail> {
  return apiFetch<TabletDetail>(`/api/v2/clusters/${enc(cluster)}/tablets/${enc(alias)}`, { signal });
}

export const tabletQueryOptions = (cluster: string, alias: string) =>
  queryOptions({
    queryKey: topologyKeys.tablet(cluster, alias),
    queryFn: ({ signal }) => fetchTabletDetail(cluster, alias, signal),
    staleTime: 5_000,
  });

export function useTabletDetail(cluster: string, alias: string) {
  return useQuery(tabletQueryOptions(cluster, alias));
}
