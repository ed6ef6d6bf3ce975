import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Topology } from '@vtdeck/contracts';
import { apiFetch, enc } from './http';
import { topologyKeys } from './topologyKeys';

export function fetchTopology(cluster: string, signal?: AbortSignal): Promise<Topology> {
  return apiFetch<Topology>(`/api/v2/clusters/${enc(cluster)}/topology`, { signal });
}

export const topologyQueryOptions = (cluster: string) =>
  queryOptions({
    queryKey: topologyKeys.tree(cluster),
    queryFn: ({ signal }) => fetchTopology(cluster, signal),
    staleTime: 15_000,
  });

export function useTopology(cluster: string) {
  return useQuery(topologyQueryOptions(cluster));
}
