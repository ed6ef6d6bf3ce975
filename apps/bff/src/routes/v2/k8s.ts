import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClusterParams,
  K8sChange,
  K8sNamespaceCreate,
  K8sNamespaceDetail,
  K8sNamespaceList,
  K8sNamespaceParams,
} from '@vtdeck/contracts';
import { eventDto, manifestYaml, namespaceDto } from '../../upstreams/k8s';
import { consoleErrorHandler } from '../k8s/envelope';
import { createArgs, namespaceObject } from '../k8s/inputs';
import * as ops from '../k8s/operations';
import { scopeOf } from '../k8s/operations';
import { k8sPodRoutes } from './k8s-pods';
import { k8sWorkloadRoutes } from './k8s-workloads';

/**
 * The console's cluster pages (`/api/v2/clusters/{cluster}/k8s/...`): camelCase DTOs, lists limited
 * to granted namespaces, creates from the Vitess templates. A Kubernetes refusal keeps its status
 * and message (code `K8S_<REASON>`, e.g. K8S_ALREADY_EXISTS).
 */
export const k8sRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler(consoleErrorHandler);

  app.get(
    '/namespaces',
    { schema: { params: ClusterParams, response: { 200: K8sNamespaceList } } },
    async (request) => {
      const list = await ops.listNamespaces(scopeOf(request));
      return { items: list.items.map(namespaceDto) };
    },
  );

  app.post(
    '/namespaces',
    { schema: { params: ClusterParams, body: K8sNamespaceCreate, response: { 201: K8sChange } } },
    async (request, reply) => {
      const body = namespaceObject(request.body.name, request.body.labels, 'body/labels');
      await ops.createNamespace(
        scopeOf(request),
        body,
        createArgs('namespaces', request.body.name, request.body),
      );
      return reply.status(201).send({ kind: 'Namespace', name: request.body.name, namespace: null });
    },
  );

  app.get(
    '/namespaces/:namespace',
    { schema: { params: K8sNamespaceParams, response: { 200: K8sNamespaceDetail } } },
    async (request) => {
      const s = scopeOf(request);
      const ns = await ops.readNamespace(s, request.params.namespace);
      const events = await request.server
        .kube(s.cluster, request.id)
        .events(request.params.namespace, 'Namespace', request.params.namespace)
        .catch(() => []);
      return { namespace: namespaceDto(ns), events: events.map(eventDto), manifest: manifestYaml(ns) };
    },
  );

  app.delete(
    '/namespaces/:namespace',
    { schema: { params: K8sNamespaceParams, response: { 200: K8sChange } } },
    async (request) => {
      await ops.deleteNamespace(scopeOf(request), request.params.namespace);
      return { kind: 'Namespace', name: request.params.namespace, namespace: null };
    },
  );

  await app.register(k8sPodRoutes);
  await app.register(k8sWorkloadRoutes);
};
