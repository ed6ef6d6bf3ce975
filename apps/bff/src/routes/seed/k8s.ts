import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { K8sEnvelope, SeedNamespaceCreate, SeedNamespaceParams } from '@vtdeck/contracts';
import type { FastifyRequest } from 'fastify';
import { toWire } from '../../upstreams/k8s';
import { envelopeErrorHandler, success } from '../k8s/envelope';
import { createArgs, seedNamespace } from '../k8s/inputs';
import * as ops from '../k8s/operations';
import { seedK8sObjectRoutes } from './k8s-objects';

const reply200 = { 200: K8sEnvelope };

/**
 * The seed's cluster routes (`/api/k8sns...`, and `POST /api/v1/namespaces/{ns}/pods` as the seed
 * writes it) on the default cluster or the one named by X-Vtdeck-Cluster. Answers keep the seed's
 * `{Code, Message, Data}`; lists carry the API's own list object, single objects sit under their
 * kind (`Data.Pod`, `Data.Namespace`...), as the seed shows.
 */
export const seedK8sRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler(envelopeErrorHandler);
  const scope = (request: FastifyRequest) => ({ request, cluster: app.clusters.fromRequest(request).name });

  app.get('/k8sns', { schema: { response: reply200 } }, async (request) =>
    success(toWire(await ops.listNamespaces(scope(request)))),
  );

  app.post('/k8sns', { schema: { body: SeedNamespaceCreate, response: reply200 } }, async (request) => {
    const body = seedNamespace(request.body);
    const created = await ops.createNamespace(
      scope(request),
      body,
      createArgs('namespaces', request.body.Name, request.body),
    );
    return success({ Namespace: toWire(created) });
  });

  app.get(
    '/k8sns/:namespace',
    { schema: { params: SeedNamespaceParams, response: reply200 } },
    async (request) =>
      success({ Namespace: toWire(await ops.readNamespace(scope(request), request.params.namespace)) }),
  );

  app.delete(
    '/k8sns/:namespace',
    { schema: { params: SeedNamespaceParams, response: reply200 } },
    async (request) => {
      await ops.deleteNamespace(scope(request), request.params.namespace);
      return success();
    },
  );

  await app.register(seedK8sObjectRoutes);
};
