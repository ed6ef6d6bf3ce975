/**
 * Query keys of the topology area. Everything under `cluster(c)` describes that cluster's
 * Vitess topology, so a write invalidates the one prefix and every view refreshes.
 */
export const topologyKeys = {
  all: ['topology'] as const,
  cluster: (cluster: string) => [...topologyKeys.all, cluster] as const,
  tree: (cluster: string) => [...topologyKeys.cluster(cluster), 'tree'] as const,
  tablet: (cluster: string, alias: string) => [...topologyKeys.cluster(cluster), 'tablet', alias] as const,
  schema: (cluster: string, alias: string) => [...topologyKeys.cluster(cluster), 'schema', alias] as const,
};
