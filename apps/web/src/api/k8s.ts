import { queryOptions, useQuery } from '@tanstack/react-query';
import type {
  K8sChange,
  K8sNamespaceDetail,
  K8sNamespaceList,
  K8sPodDetail,
  K8sPodList,
  K8sRcDetail,
  K8sRcList,
  K8sServiceDetail,
  K8sServiceList,
} from '@vtdeck/contracts';
import { apiFetch, enc } from './http';
import { type K8sKind, k8sKeys } from './k8sKeys';

// Reads of the cluster pages. Kubernetes state changes by itself (pods start, restart, go away), so
// every list and detail polls while it is on screen.

export const K8S_POLL_MS = 3_000;

export const k8sBase = (cluster: string) => `/api/v2/clusters/${enc(cluster)}/k8s`;
const nsPath = (cluster: string, ns: string) => `${k8sBase(cluster)}/namespaces/${enc(ns)}`;

export const namespacesQueryOptions = (cluster: string) =>
  queryOptions({
    queryKey: k8sKeys.namespaces(cluster),
    queryFn: ({ signal }) => apiFetch<K8sNamespaceList>(`${k8sBase(cluster)}/namespaces`, { signal }),
    refetchInterval: K8S_POLL_MS,
  });

export function useNamespaces(cluster: string) {
  return useQuery(namespacesQueryOptions(cluster));
}

export function useNamespaceDetail(cluster: string, ns: string | undefined) {
  return useQuery({
    queryKey: k8sKeys.namespace(cluster, ns ?? ''),
    queryFn: ({ signal }) => apiFetch<K8sNamespaceDetail>(nsPath(cluster, ns ?? ''), { signal }),
    enabled: !!ns,
    refetchInterval: K8S_POLL_MS,
  });
}

interface ListOf {
  pods: K8sPodList;
  rcs: K8sRcList;
  services: K8sServiceList;
}
interface DetailOf {
  pods: K8sPodDetail;
  rcs: K8sRcDetail;
  services: K8sServiceDetail;
}

export const k8sListQueryOptions = <K extends K8sKind>(
  cluster: string,
  kind: K,
  ns: string,
  labelSelector = '',
) =>
  queryOptions({
    queryKey: k8sKeys.list(cluster, kind, ns, labelSelector),
    queryFn: ({ signal }) => {
      const q = labelSelector ? `?labelSelector=${enc(labelSelector)}` : '';
      return apiFetch<ListOf[K]>(`${nsPath(cluster, ns)}/${kind}${q}`, { signal });
    },
    enabled: !!ns,
    refetchInterval: K8S_POLL_MS,
  });

export function useK8sList<K extends K8sKind>(cluster: string, kind: K, ns: string, labelSelector = '') {
  return useQuery(k8sListQueryOptions(cluster, kind, ns, labelSelector));
}

export const k8sDetailQueryOptions = <K extends K8sKind>(
  cluster: string,
  kind: K,
  ns: string,
  name: string,
) =>
  queryOptions({
    queryKey: k8sKeys.detail(cluster, kind, ns, name),
    queryFn: ({ signal }) => apiFetch<DetailOf[K]>(`${nsPath(cluster, ns)}/${kind}/${enc(name)}`, { signal }),
    enabled: !!ns && !!name,
    refetchInterval: K8S_POLL_MS,
  });

export function useK8sDetail<K extends K8sKind>(cluster: string, kind: K, ns: string, name: string) {
  return useQuery(k8sDetailQueryOptions(cluster, kind, ns, name));
}

/** Where a tablet's pod is (`?tablet=<alias>` deep links from the topology). */
export function useTabletPod(cluster: string, alias: string | null) {
  return useQuery({
    queryKey: k8sKeys.tabletPod(cluster, alias ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<K8sChange>(`${k8sBase(cluster)}/tablets/${enc(alias ?? '')}/pod`, { signal }),
    enabled: !!alias,
  });
}
