import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  K8sChange,
  K8sListQuery,
  K8sNamespaceParams,
  K8sObjectParams,
  K8sRcCreate,
  K8sRcDetail,
  K8sRcList,
  K8sScale,
  K8sServiceCreate,
  K8sServiceDetail,
  K8sServiceList,
  K8sServiceParams,
} from '@vtdeck/contracts';
import {
  containerDto,
  eventDto,
  manifestYaml,
  podDto,
  rcDto,
  selectorString,
  serviceDto,
  volumeDto,
} from '../../upstreams/k8s';
import { createArgs, replicationController, service } from '../k8s/inputs';
import * as ops from '../k8s/operations';
import { scopeOf } from '../k8s/operations';

/** Replication controllers (with scale) and services of a namespace. */
export const k8sWorkloadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/namespaces/:namespace/rcs',
    { schema: { params: K8sNamespaceParams, querystring: K8sListQuery, response: { 200: K8sRcList } } },
    async (request) => {
      const list = await ops.listRcs(scopeOf(request), request.params.namespace, request.query.labelSelector);
      const now = Date.now();
      return { items: list.items.map((rc) => rcDto(rc, now)) };
    },
  );

  app.post(
    '/namespaces/:namespace/rcs',
    { schema: { params: K8sNamespaceParams, body: K8sRcCreate, response: { 201: K8sChange } } },
    async (request, reply) => {
      const rc = replicationController(request.body);
      const name = rc.metadata?.name ?? '';
      const args = createArgs('replicationcontrollers', name, request.body);
      await ops.createRc(scopeOf(request), request.params.namespace, rc, args);
      return reply
        .status(201)
        .send({ kind: 'ReplicationController', name, namespace: request.params.namespace });
    },
  );

  app.get(
    '/namespaces/:namespace/rcs/:name',
    { schema: { params: K8sObjectParams, response: { 200: K8sRcDetail } } },
    async (request) => {
      const s = scopeOf(request);
      const { namespace, name } = request.params;
      const rc = await ops.readRc(s, namespace, name);
      const kube = app.kube(s.cluster, request.id);
      const selector = selectorString(rc.spec?.selector ?? {});
      const [pods, events] = await Promise.all([
        selector ? kube.listPods(namespace, selector).then((l) => l.items) : Promise.resolve([]),
        kube.events(namespace, 'ReplicationController', name).catch(() => []),
      ]);
      const now = Date.now();
      const template = rc.spec?.template?.spec;
      return {
        rc: rcDto(rc, now),
        pods: pods.map((p) => podDto(p, now)),
        containers: (template?.containers ?? []).map((c) => containerDto(c)),
        volumes: (template?.volumes ?? []).map(volumeDto),
        events: events.map(eventDto),
        manifest: manifestYaml(rc),
      };
    },
  );

  app.put(
    '/namespaces/:namespace/rcs/:name/scale',
    { schema: { params: K8sObjectParams, body: K8sScale, response: { 200: K8sChange } } },
    async (request) => {
      const { namespace, name } = request.params;
      await ops.scaleRc(scopeOf(request), namespace, name, request.body.replicas);
      return { kind: 'ReplicationController', name, namespace };
    },
  );

  app.delete(
    '/namespaces/:namespace/rcs/:name',
    { schema: { params: K8sObjectParams, response: { 200: K8sChange } } },
    async (request) => {
      await ops.deleteRc(scopeOf(request), request.params.namespace, request.params.name);
      return {
        kind: 'ReplicationController',
        name: request.params.name,
        namespace: request.params.namespace,
      };
    },
  );

  app.get(
    '/namespaces/:namespace/services',
    { schema: { params: K8sNamespaceParams, querystring: K8sListQuery, response: { 200: K8sServiceList } } },
    async (request) => {
      const list = await ops.listServices(
        scopeOf(request),
        request.params.namespace,
        request.query.labelSelector,
      );
      const now = Date.now();
      return { items: list.items.map((svc) => serviceDto(svc, now)) };
    },
  );

  app.post(
    '/namespaces/:namespace/services',
    { schema: { params: K8sNamespaceParams, body: K8sServiceCreate, response: { 201: K8sChange } } },
    async (request, reply) => {
      const svc = service(request.body);
      const name = svc.metadata?.name ?? '';
      await ops.createService(
        scopeOf(request),
        request.params.namespace,
        svc,
        createArgs('services', name, request.body),
      );
      return reply.status(201).send({ kind: 'Service', name, namespace: request.params.namespace });
    },
  );

  app.get(
    '/namespaces/:namespace/services/:name',
    { schema: { params: K8sServiceParams, response: { 200: K8sServiceDetail } } },
    async (request) => {
      const s = scopeOf(request);
      const { namespace, name } = request.params;
      const svc = await ops.readService(s, namespace, name);
      const kube = app.kube(s.cluster, request.id);
      const selector = selectorString(svc.spec?.selector ?? {});
      const [pods, events] = await Promise.all([
        selector ? kube.listPods(namespace, selector).then((l) => l.items) : Promise.resolve([]),
        kube.events(namespace, 'Service', name).catch(() => []),
      ]);
      const now = Date.now();
      return {
        service: serviceDto(svc, now),
        pods: pods.map((p) => podDto(p, now)),
        events: events.map(eventDto),
        manifest: manifestYaml(svc),
      };
    },
  );

  app.delete(
    '/namespaces/:namespace/services/:name',
    { schema: { params: K8sServiceParams, response: { 200: K8sChange } } },
    async (request) => {
      await ops.deleteService(scopeOf(request), request.params.namespace, request.params.name);
      return { kind: 'Service', name: request.params.name, namespace: request.params.namespace };
    },
  );
};
