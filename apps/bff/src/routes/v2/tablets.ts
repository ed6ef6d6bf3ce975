import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TabletDetail, TabletParams } from '@vtdeck/contracts';
import { loadTabletDetail } from '../../aggregate/tablet-detail';
import { requireAuthorized } from '../../auth/seam';
import { canonicalTabletAlias } from '../../auth/vtctl-args';

/**
 * `GET /api/v2/clusters/{cluster}/tablets/{alias}`: one tablet, its primary status and health.
 * The tablet's keyspace is looked up (and checked) before its details are loaded.
 */
export const tabletRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:cluster/tablets/:alias',
    { schema: { params: TabletParams, response: { 200: TabletDetail } } },
    async (request) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const { alias } = request.params;
      const canonical = canonicalTabletAlias(alias);
      // An unknown or malformed alias falls through to loadTabletDetail's 400 / 404.
      const keyspace = canonical ? await app.auth.resolveTabletKeyspace(cluster, canonical) : null;
      if (keyspace !== null) {
        await requireAuthorized(
          request,
          'keyspace.read',
          { cluster, keyspace, tablet: canonical ?? alias },
          { action: 'tablet.read', args: [alias] },
        );
      }
      const detail = await loadTabletDetail(app.vtctld(cluster), alias, request.id);
      await requireAuthorized(
        request,
        'keyspace.read',
        { cluster, keyspace: detail.tablet.keyspace, tablet: alias },
        { action: 'tablet.read', args: [alias] },
      );
      return detail;
    },
  );
};
