import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TabletDetail, TabletParams } from '@vtdeck/contracts';
import { loadTabletDetail } from '../../aggregate/tablet-detail';
import { requireAuthorized } from '../../auth/seam';

/** `GET /api/v2/clusters/{cluster}/tablets/{alias}`: one tablet, its primary status and health. */
export const tabletRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:cluster/tablets/:alias',
    { schema: { params: TabletParams, response: { 200: TabletDetail } } },
    async (request) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const detail = await loadTabletDetail(app.vtctld(cluster), request.params.alias, request.id);
      await requireAuthorized(request, 'keyspace.read', { cluster, keyspace: detail.tablet.keyspace });
      return detail;
    },
  );
};
