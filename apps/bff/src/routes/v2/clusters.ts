import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterList } from '@vtdeck/contracts';

/** `GET /api/v2/clusters`: the configured clusters and which upstreams each one has. */
export const clustersRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/clusters', { schema: { response: { 200: ClusterList } } }, async () => ({
    items: app.clusters.list.map((c) => ({
      name: c.name,
      title: c.title,
      default: c.default,
      upstreams: {
        vtctld: true,
        kubernetes: Boolean(c.kubernetes),
        vtgate: Boolean(c.vtgate),
        routers: c.routers.length,
      },
    })),
  }));
};
