import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KeyspaceParams, NameList } from '@vtdeck/contracts';
import { requireAuthorized } from '../../auth/seam';
import { checkKeyspaceName } from '../../auth/vtctl-args';
import { badRequest, notFound } from '../../http/app-error';
import { isUpstreamError } from '../../upstreams/upstream-error';

/**
 * `GET /api/shards/{keyspace}/`: the shard names of a keyspace; an unknown keyspace is a 404.
 * Only plain names reach vtctld: the router decodes `%2F`, and `customer%2F..%2Fcommerce` must never
 * become another path there.
 */
export const shardsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/shards/:keyspace/',
    { schema: { params: KeyspaceParams, response: { 200: NameList } } },
    async (request) => {
      const cluster = app.clusters.fromRequest(request).name;
      const { keyspace } = request.params;
      const name = checkKeyspaceName(keyspace);
      if (!name.ok) throw badRequest(`params/keyspace: ${name.why}`);
      await requireAuthorized(request, 'keyspace.read', { cluster, keyspace });
      return app
        .vtctld(cluster)
        .shardNames(keyspace, { requestId: request.id })
        .catch((err) => {
          if (isUpstreamError(err) && err.kind === 'not_found') {
            throw notFound(`keyspace "${keyspace}" not found in cluster ${cluster}`);
          }
          throw err;
        });
    },
  );
};
