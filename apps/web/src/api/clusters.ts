import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ClusterList, ClusterSummary } from '@vtdeck/contracts';
import { apiFetch } from './http';

export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
};

export function fetchClusters(signal?: AbortSignal): Promise<ClusterList> {
  return apiFetch<ClusterList>('/api/v2/clusters', { signal });
}

export const clustersQueryOptions = () =>
  queryOptions({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => fetchClusters(signal),
    // The configured clusters change only on a BFF restart.
    staleTime: 5 * 60_000,
  });

export function useClusters() {
  return useQuery(clustersQueryOptions());
}

/** The cluster the seed routes act on by default, else the first one configured. */
export function defaultCluster(list: ClusterList | undefined): ClusterSummary | undefined {
  return list?.items.find((c) => c.default) ?? list?.items[0];
}
