import type { V1Namespace, V1Pod, V1ReplicationController, V1Service } from '@kubernetes/client-node';
import type { FastifyRequest } from 'fastify';
import { audited, requireRead, visibleNamespaces } from './access';

// The cluster operations both route groups share (seed envelopes and console DTOs): each checks the
// namespace grant, audits changes, and answers the API's own objects. Errors are KubeErrors.

export interface Scope {
  request: FastifyRequest;
  cluster: string;
}

/** Scope of a console route: the cluster named in the path (404 naming it when unknown). */
export const scopeOf = (request: FastifyRequest<{ Params: { cluster: string } }>): Scope => ({
  request,
  cluster: request.server.clusters.get(request.params.cluster).name,
});

const kube = ({ request, cluster }: Scope) => request.server.kube(cluster, request.id);

export async function listNamespaces(s: Scope) {
  const list = await kube(s).listNamespaces();
  const names = new Set(
    visibleNamespaces(
      s.request,
      s.cluster,
      list.items.map((n) => n.metadata?.name ?? ''),
    ),
  );
  return { ...list, items: list.items.filter((n) => names.has(n.metadata?.name ?? '')) };
}

export async function readNamespace(s: Scope, namespace: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).readNamespace(namespace);
}

export function createNamespace(s: Scope, body: V1Namespace, args: string[]) {
  const namespace = body.metadata?.name ?? '';
  return audited(
    s.request,
    'k8s.write',
    { action: 'k8s.namespaces.create', cluster: s.cluster, namespace, args },
    () => kube(s).createNamespace(body),
  );
}

export function deleteNamespace(s: Scope, namespace: string) {
  return audited(
    s.request,
    'k8s.delete',
    { action: 'k8s.namespaces.delete', cluster: s.cluster, namespace, args: [`namespaces/${namespace}`] },
    () => kube(s).deleteNamespace(namespace),
  );
}

export async function listPods(s: Scope, namespace: string, labelSelector?: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).listPods(namespace, labelSelector || undefined);
}

export async function readPod(s: Scope, namespace: string, name: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).readPod(namespace, name);
}

export function createPod(s: Scope, namespace: string, body: V1Pod, args: string[]) {
  return audited(
    s.request,
    'k8s.write',
    { action: 'k8s.pods.create', cluster: s.cluster, namespace, args },
    () => kube(s).createPod(namespace, body),
  );
}

export function deletePod(s: Scope, namespace: string, name: string) {
  return audited(
    s.request,
    'k8s.delete',
    { action: 'k8s.pods.delete', cluster: s.cluster, namespace, args: [`pods/${name}`] },
    () => kube(s).deletePod(namespace, name),
  );
}

export async function listRcs(s: Scope, namespace: string, labelSelector?: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).listRcs(namespace, labelSelector || undefined);
}

export async function readRc(s: Scope, namespace: string, name: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).readRc(namespace, name);
}

export function createRc(s: Scope, namespace: string, body: V1ReplicationController, args: string[]) {
  return audited(
    s.request,
    'k8s.write',
    { action: 'k8s.rc.create', cluster: s.cluster, namespace, args },
    () => kube(s).createRc(namespace, body),
  );
}

/** Deletes the RC with Background propagation, so its pods go too. */
export function deleteRc(s: Scope, namespace: string, name: string) {
  return audited(
    s.request,
    'k8s.delete',
    { action: 'k8s.rc.delete', cluster: s.cluster, namespace, args: [`replicationcontrollers/${name}`] },
    () => kube(s).deleteRc(namespace, name),
  );
}

export function scaleRc(s: Scope, namespace: string, name: string, replicas: number) {
  return audited(
    s.request,
    'k8s.write',
    {
      action: 'k8s.rc.scale',
      cluster: s.cluster,
      namespace,
      args: [`replicationcontrollers/${name}`, `replicas=${replicas}`],
    },
    () => kube(s).scaleRc(namespace, name, replicas),
  );
}

export async function listServices(s: Scope, namespace: string, labelSelector?: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).listServices(namespace, labelSelector || undefined);
}

export async function readService(s: Scope, namespace: string, name: string) {
  await requireRead(s.request, s.cluster, namespace);
  return kube(s).readService(namespace, name);
}

export function createService(s: Scope, namespace: string, body: V1Service, args: string[]) {
  return audited(
    s.request,
    'k8s.write',
    { action: 'k8s.services.create', cluster: s.cluster, namespace, args },
    () => kube(s).createService(namespace, body),
  );
}

export function deleteService(s: Scope, namespace: string, name: string) {
  return audited(
    s.request,
    'k8s.delete',
    { action: 'k8s.services.delete', cluster: s.cluster, namespace, args: [`services/${name}`] },
    () => kube(s).deleteService(namespace, name),
  );
}
