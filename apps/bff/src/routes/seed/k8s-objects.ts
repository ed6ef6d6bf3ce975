import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  K8sEnvelope,
  SeedNamespaceParams,
  SeedPodCreate,
  SeedPodParams,
  SeedRcCreate,
  SeedServiceCreate,
  SeedServiceParams,
} from '@vtdeck/contracts';
import type { FastifyRequest } from 'fastify';
import { toWire } from '../../upstreams/k8s';
import { success } from '../k8s/envelope';
import { createArgs, seedReplicationController, seedService, seedTabletPod } from '../k8s/inputs';
import * as ops from '../k8s/operations';

const reply200 = { 200: K8sEnvelope };

/** Pods, replication controllers and services of one namespace, seed-shaped. */
export const seedK8sObjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const scope = (request: FastifyRequest) => ({ request, cluster: app.clusters.fromRequest(request).name });

  // ---- pods ----
  app.get(
    '/k8sns/:namespace/pods',
    { schema: { params: SeedNamespaceParams, response: reply200 } },
    async (request) => success(toWire(await ops.listPods(scope(request), request.params.namespace))),
  );
  app.get(
    '/k8sns/:namespace/pods/:name',
    { schema: { params: SeedPodParams, response: reply200 } },
    async (request) =>
      success({
        Pod: toWire(await ops.readPod(scope(request), request.params.namespace, request.params.name)),
      }),
  );
  app.delete(
    '/k8sns/:namespace/pods/:name',
    { schema: { params: SeedPodParams, response: reply200 } },
    async (request) => {
      await ops.deletePod(scope(request), request.params.namespace, request.params.name);
      return success();
    },
  );
  // The seed names both: the Kubernetes-style path in its text, the /api/k8sns one beside the others.
  for (const path of ['/v1/namespaces/:namespace/pods', '/k8sns/:namespace/pods']) {
    app.post(
      path,
      { schema: { params: SeedNamespaceParams, body: SeedPodCreate, response: reply200 } },
      async (request) => {
        const pod = seedTabletPod(request.body);
        const args = createArgs('pods', pod.metadata?.name, request.body);
        return success({
          Pod: toWire(await ops.createPod(scope(request), request.params.namespace, pod, args)),
        });
      },
    );
  }

  // ---- replication controllers ----
  app.get(
    '/k8sns/:namespace/rc',
    { schema: { params: SeedNamespaceParams, response: reply200 } },
    async (request) => success(toWire(await ops.listRcs(scope(request), request.params.namespace))),
  );
  app.get(
    '/k8sns/:namespace/rc/:name',
    { schema: { params: SeedPodParams, response: reply200 } },
    async (request) =>
      success({
        ReplicationController: toWire(
          await ops.readRc(scope(request), request.params.namespace, request.params.name),
        ),
      }),
  );
  app.delete(
    '/k8sns/:namespace/rc/:name',
    { schema: { params: SeedPodParams, response: reply200 } },
    async (request) => {
      await ops.deleteRc(scope(request), request.params.namespace, request.params.name);
      return success();
    },
  );
  app.post(
    '/k8sns/:namespace/rc',
    { schema: { params: SeedNamespaceParams, body: SeedRcCreate, response: reply200 } },
    async (request) => {
      const rc = seedReplicationController(request.body);
      const args = createArgs('replicationcontrollers', rc.metadata?.name, request.body);
      return success({
        ReplicationController: toWire(await ops.createRc(scope(request), request.params.namespace, rc, args)),
      });
    },
  );

  // ---- services ----
  app.get(
    '/k8sns/:namespace/services',
    { schema: { params: SeedNamespaceParams, response: reply200 } },
    async (request) => success(toWire(await ops.listServices(scope(request), request.params.namespace))),
  );
  app.get(
    '/k8sns/:namespace/services/:name',
    { schema: { params: SeedServiceParams, response: reply200 } },
    async (request) =>
      success({
        Service: toWire(await ops.readService(scope(request), request.params.namespace, request.params.name)),
      }),
  );
  app.delete(
    '/k8sns/:namespace/services/:name',
    { schema: { params: SeedServiceParams, response: reply200 } },
    async (request) => {
      await ops.deleteService(scope(request), request.params.namespace, request.params.name);
      return success();
    },
  );
  // The seed's text puts "create Service" at POST /api/vtctl/, a slip: it lives beside the other services.
  app.post(
    '/k8sns/:namespace/services',
    { schema: { params: SeedNamespaceParams, body: SeedServiceCreate, response: reply200 } },
    async (request) => {
      const svc = seedService(request.body);
      const args = createArgs('services', svc.metadata?.name, request.body);
      return success({
        Service: toWire(await ops.createService(scope(request), request.params.namespace, svc, args)),
      });
    },
  );
};
