import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KeyspaceParams, NameList } from '@vtdeck/contracts';
import { requireAuthorized } from '../../auth/seam';
import { notFound } from '../../http/app-error';
import { isUpstreamError } from '../../upstreams/upstream-error';

/** `GET /api/shards/{keyspace}/`: the shard names of a keyspace; an unknown keyspace is a 404. */
export const shardsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/shards/:keyspace/',
    { schema: { params: KeyspaceParams, response: { 200: NameList } } },
    async (request) => {
      const cluster = app.clusters.fromRequest(request).name;
      const { keyspace } = request.params;
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
