import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  K8sChange,
  K8sNamespaceCreate,
  K8sPodCreate,
  K8sRcCreate,
  K8sServiceCreate,
} from '@vtdeck/contracts';
import type { ApiError } from './errors';
import { apiFetch, enc } from './http';
import { k8sBase } from './k8s';
import { type K8sKind, k8sKeys } from './k8sKeys';

// Writes of the cluster pages: each invalidates the cluster's Kubernetes queries when it settles.

function useK8sWrite<V>(cluster: string, send: (v: V) => Promise<K8sChange>) {
  const queryClient = useQueryClient();
  return useMutation<K8sChange, ApiError, V>({
    mutationFn: send,
    onSettled: () => queryClient.invalidateQueries({ queryKey: k8sKeys.cluster(cluster) }),
  });
}

const nsPath = (cluster: string, ns: string) => `${k8sBase(cluster)}/namespaces/${enc(ns)}`;

export const useCreateNamespace = (cluster: string) =>
  useK8sWrite<K8sNamespaceCreate>(cluster, (body) =>
    apiFetch<K8sChange>(`${k8sBase(cluster)}/namespaces`, { json: body }),
  );

export const useDeleteNamespace = (cluster: string) =>
  useK8sWrite<string>(cluster, (ns) => apiFetch<K8sChange>(nsPath(cluster, ns), { method: 'DELETE' }));

export type K8sCreateBody = { pods: K8sPodCreate; rcs: K8sRcCreate; services: K8sServiceCreate };

export const useCreateK8s = <K extends K8sKind>(cluster: string, kind: K, ns: string) =>
  useK8sWrite<K8sCreateBody[K]>(cluster, (body) =>
    apiFetch<K8sChange>(`${nsPath(cluster, ns)}/${kind}`, { json: body }),
  );

export const useDeleteK8s = (cluster: string, kind: K8sKind, ns: string) =>
  useK8sWrite<string>(cluster, (name) =>
    apiFetch<K8sChange>(`${nsPath(cluster, ns)}/${kind}/${enc(name)}`, { method: 'DELETE' }),
  );

export const useScaleRc = (cluster: string, ns: string) =>
  useK8sWrite<{ name: string; replicas: number }>(cluster, ({ name, replicas }) =>
    apiFetch<K8sChange>(`${nsPath(cluster, ns)}/rcs/${enc(name)}/scale`, {
      method: 'PUT',
      json: { replicas },
    }),
  );
