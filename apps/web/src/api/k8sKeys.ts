/**
 * Query keys of the cluster (Kubernetes) area. Everything under `cluster(c)` is that cluster's
 * Kubernetes state, so a create or delete invalidates the one prefix and every list refreshes.
 */
export const k8sKeys = {
  all: ['k8s'] as const,
  cluster: (cluster: string) => [...k8sKeys.all, cluster] as const,
  namespaces: (cluster: string) => [...k8sKeys.cluster(cluster), 'namespaces'] as const,
  namespace: (cluster: string, ns: string) => [...k8sKeys.cluster(cluster), 'namespace', ns] as const,
  list: (cluster: string, kind: K8sKind, ns: string, labelSelector: string) =>
    [...k8sKeys.cluster(cluster), kind, ns, 'list', labelSelector] as const,
  detail: (cluster: string, kind: K8sKind, ns: string, name: string) =>
    [...k8sKeys.cluster(cluster), kind, ns, 'detail', name] as const,
  tabletPod: (cluster: string, alias: string) => [...k8sKeys.cluster(cluster), 'tabletPod', alias] as const,
};

export type K8sKind = 'pods' | 'rcs' | 'services';
